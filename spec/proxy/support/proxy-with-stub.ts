/**
 * The usual setup of a proxy test file: an upstream stub and the proxy in
 * front of it, started once in beforeAll and closed in afterAll (proxy first,
 * then the stub).
 *
 *   const { stub, proxy } = useProxyWithStub();
 *   it('...', async () => {
 *     stub().respond(respondJson(200, {}));
 *     const answer = await send(proxy().port, { path: '/' });
 *   });
 *
 * The accessors throw when called outside the started window (before
 * beforeAll ran or when it failed), instead of handing out undefined.
 */
import { startUpstreamStub, type UpstreamStub, type UpstreamStubOptions } from '../../support/upstream-stub';
import { startProxy, type ProxyHarnessOptions, type RunningProxy } from './proxy-harness';

export interface ProxyWithStubOptions<M> {
  /** How the stub starts (responder, ...). */
  stub?: UpstreamStubOptions;
  /** How the proxy starts; its upstream is always the stub. */
  proxy?: Omit<ProxyHarnessOptions<M>, 'upstreamUrl'>;
}

export interface ProxyWithStub {
  stub(): UpstreamStub;
  proxy(): RunningProxy;
}

export function useProxyWithStub<M = never>(options: ProxyWithStubOptions<M> = {}): ProxyWithStub {
  let stub: UpstreamStub | undefined;
  let proxy: RunningProxy | undefined;
  beforeAll(async () => {
    stub = await startUpstreamStub(options.stub);
    proxy = await startProxy<M>({ ...options.proxy, upstreamUrl: stub.url });
  });
  afterAll(async () => {
    await proxy?.close();
    await stub?.close();
  });
  return {
    stub: () => started(stub, 'stub'),
    proxy: () => started(proxy, 'proxy'),
  };
}

function started<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`useProxyWithStub: the ${name} is not started (only inside tests and hooks after beforeAll)`);
  return value;
}
