/**
 * One load run against one URL: wrk when installed (lowest overhead,
 * latency from its HdrHistogram), else autocannon in this process.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { wrkScript, type Workload } from './workloads';

/** The part of autocannon's API used here (the package ships no types; @types/autocannon is not installed). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  connections: number;
  duration: number;
}) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export const WRK_BINARY = '/usr/bin/wrk';

export interface LoadResult {
  /** Requests completed in the run. */
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers plus socket errors; any makes the run suspect. */
  errors: number;
}

export interface LoadGenerator {
  name: string;
  run(url: string, workload: Workload, seconds: number, connections: number): Promise<LoadResult>;
}

function toMs(value: string, unit: string): number {
  const n = Number(value);
  if (unit === 'us') return n / 1000;
  if (unit === 's') return n * 1000;
  if (unit === 'm') return n * 60_000;
  return n;
}

export function parseWrkOutput(output: string): LoadResult {
  const latency = (percent: string): number => {
    const m = new RegExp(`^\\s*${percent}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
    if (!m) throw new Error(`wrk output without ${percent}% latency:\n${output}`);
    return toMs(m[1]!, m[2]!);
  };
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!rps) throw new Error(`wrk output without Requests/sec:\n${output}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors =
    Number(non2xx?.[1] ?? 0) + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  const total = /(\d+) requests in/.exec(output);
  return { requests: Number(total?.[1] ?? Number.NaN), requestsPerSecond: Number(rps[1]), p50Ms: latency('50'), p99Ms: latency('99'), errors };
}

function wrkGenerator(scriptDirectory: string): LoadGenerator {
  const scripts = new Map<string, string>();
  return {
    name: `wrk (${WRK_BINARY}, 1 thread)`,
    run(url, workload, seconds, connections) {
      let script = scripts.get(workload.name);
      if (!script) scripts.set(workload.name, (script = wrkScript(workload, scriptDirectory)));
      const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url + workload.path];
      return new Promise((resolve, reject) => {
        execFile(WRK_BINARY, args, { timeout: (seconds + 30) * 1000 }, (err, stdout) => {
          if (err) reject(err);
          else resolve(parseWrkOutput(stdout));
        });
      });
    },
  };
}

const autocannonGenerator: LoadGenerator = {
  name: 'autocannon (in the runner process)',
  async run(url, workload, seconds, connections) {
    const result = await autocannon({
      url: url + workload.path,
      method: workload.method,
      headers: workload.headers,
      body: workload.body,
      connections,
      duration: seconds,
    });
    return {
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.non2xx + result.errors + result.timeouts,
    };
  },
};

export function chooseLoadGenerator(scriptDirectory: string): LoadGenerator {
  return existsSync(WRK_BINARY) ? wrkGenerator(scriptDirectory) : autocannonGenerator;
}
