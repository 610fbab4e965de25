/**
 * Fixed-rate (open-loop) latency measurement, runner side. The load generator
 * itself (bench/clients/fixed-rate-client.ts) runs in its own process, so its
 * timers and response handling never share an event loop with the runner.
 *
 * Why not autocannon's `overallRate`: autocannon 8 gives each connection a
 * budget of rate/connections requests per second, sent back to back as soon
 * as the second starts (closed loop until the budget is spent). That is a
 * burst at saturation once a second, not a steady rate. Its latency histogram
 * also stores whole milliseconds (lowestDiscernibleValue 1), too coarse for a
 * 1 ms target.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export interface FixedRateJob {
  /** Origin of the server under test, e.g. http://127.0.0.1:1234 */
  url: string;
  /** Name of one of WORKLOADS (bench/lib/workloads.ts); the child builds the request itself. */
  workload: string;
  /** Requests per second over all connections together. */
  rate: number;
  seconds: number;
  connections: number;
}

export interface FixedRateResult {
  /** Requests the schedule called for (rate × seconds). */
  scheduled: number;
  /** 2xx answers received in full. */
  completed: number;
  /** Non-2xx answers, transport errors and requests unanswered at the deadline. */
  errors: number;
  /** completed / (last answer − first scheduled send), req/s. */
  achievedRate: number;
  /** Latency of every completed request, ms, ascending: from the dispatch call to the last body byte. */
  latenciesMs: number[];
  /** How far sends lagged behind their scheduled time (timer granularity, a busy generator), ms. */
  sendLagP99Ms: number;
  sendLagMaxMs: number;
}

/** Messages between runner and generator child. */
export type FixedRateRequest = { id: number } & FixedRateJob;
export type FixedRateReply = { id: number; result: FixedRateResult } | { id: number; error: string };

export interface FixedRateClient {
  run(job: FixedRateJob): Promise<FixedRateResult>;
  stop(): Promise<void>;
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Forks the generator child and waits until it is ready for jobs. */
export function startFixedRateClient(): Promise<FixedRateClient> {
  const child: ChildProcess = fork(path.join(__dirname, '..', 'clients', 'fixed-rate-client.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  return new Promise((resolve, reject) => {
    const early = (code: number | null) => reject(new Error(`fixed-rate load generator exited early (code ${code})`));
    child.once('error', reject);
    child.once('exit', early);
    child.once('message', () => {
      child.off('exit', early);
      resolve({
        run(job) {
          const id = nextId++;
          return new Promise((done, fail) => {
            const onExit = (code: number | null) => fail(new Error(`fixed-rate load generator exited (code ${code})`));
            const onMessage = (reply: FixedRateReply) => {
              if (reply?.id !== id) return;
              child.off('message', onMessage);
              child.off('exit', onExit);
              if ('error' in reply) fail(new Error(reply.error));
              else done(reply.result);
            };
            child.on('message', onMessage);
            child.once('exit', onExit);
            const request: FixedRateRequest = { id, ...job };
            child.send(request);
          });
        },
        stop() {
          if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
          return new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          });
        },
      });
    });
  });
}
