/**
 * The `edge (nginx + guard)` contender: nginx with the generated edge
 * configuration (`npm run -s edge-config`, src/edge/) in front of the
 * upstream, and the whole guard (startProxy, its own process) beside it for
 * what could reach a guarded or node-info route. nginx runs as the plain
 * nginx contender does (one process, `master_process off`, one worker's
 * work), so the two compare like for like. CPU per request counts nginx's
 * AND the guard's CPU.
 */
import { readFileSync } from 'node:fs';
import { renderNginxConfig } from '../../src/edge/nginx-config';
import { freePort, startNginxWithConfig, type RunningNginx } from '../edge/edge-nginx';
import { forkGuardProxy, type ForkedServer, type RunningServer } from './processes';

export const EDGE = 'edge (nginx + guard)';

/** utime + stime of a non-node process from /proc (clock ticks, 100 Hz on Linux), µs. */
function procCpuMicros(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return Number.NaN;
  }
}

export interface RunningEdge extends RunningServer {
  nginx: RunningNginx;
  guard: ForkedServer;
}

/** nginx (generated config) to `clusterUrl`, guarded targets to `guard`, or a guard forked here in front of `clusterUrl`. */
export async function startEdge(clusterUrl: string, guard?: ForkedServer): Promise<RunningEdge> {
  const ownGuard = guard === undefined;
  const theGuard = guard ?? (await forkGuardProxy(`${EDGE}: guard`, clusterUrl));
  let nginx: RunningNginx;
  try {
    const port = await freePort();
    const config = renderNginxConfig({ esUrl: clusterUrl, guardUrl: theGuard.url, edgeHost: '127.0.0.1', edgePort: port, workerProcesses: '1' });
    nginx = await startNginxWithConfig(config, port, 'master_process off;');
  } catch (error) {
    if (ownGuard) await theGuard.stop();
    throw error;
  }
  return {
    name: EDGE,
    url: nginx.url,
    nginx,
    guard: theGuard,
    async cpuMicros() {
      return procCpuMicros(nginx.pid) + (await theGuard.cpuMicros());
    },
    async stop() {
      await nginx.stop();
      if (ownGuard) await theGuard.stop();
    },
  };
}
