/** One load run with the server's CPU time sampled around it. */
import type { LoadGenerator, LoadResult } from './load';
import type { RunningServer } from './processes';
import type { Workload } from './workloads';

export interface CpuMeasurement extends LoadResult {
  /** Server process CPU time (user + system) per request, µs; NaN without a server (direct access). */
  cpuMicrosPerRequest: number;
}

export async function runWithCpu(
  load: LoadGenerator,
  url: string,
  server: RunningServer | undefined,
  workload: Workload,
  seconds: number,
  connections: number,
): Promise<CpuMeasurement> {
  const before = (await server?.cpuMicros()) ?? Number.NaN;
  const result = await load.run(url, workload, seconds, connections);
  const after = (await server?.cpuMicros()) ?? Number.NaN;
  return { ...result, cpuMicrosPerRequest: (after - before) / result.requests };
}
