/**
 * nginx with the generated edge configuration between a test client and two
 * recording upstream stubs: one in place of the cluster, one in place of the
 * guard. For what nginx itself does to passthrough (headers, bodies,
 * streaming), observed byte for byte on both sides.
 */
import { startUpstreamStub, type UpstreamStub } from '../../support/upstream-stub';
import { startEdgeNginx, type RunningNginx } from './nginx';

export interface NginxWithStubs {
  cluster: () => UpstreamStub;
  guard: () => UpstreamStub;
  nginx: () => RunningNginx;
}

export function useNginxWithStubs(): NginxWithStubs {
  let cluster: UpstreamStub | undefined;
  let guard: UpstreamStub | undefined;
  let nginx: RunningNginx | undefined;
  beforeAll(async () => {
    cluster = await startUpstreamStub();
    guard = await startUpstreamStub();
    nginx = await startEdgeNginx({ esUrl: cluster.url, guardUrl: guard.url });
  });
  afterAll(async () => {
    await nginx?.stop();
    await cluster?.close();
    await guard?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started`);
    return value;
  };
  return {
    cluster: () => started(cluster, 'the cluster stub'),
    guard: () => started(guard, 'the guard stub'),
    nginx: () => started(nginx, 'nginx'),
  };
}
