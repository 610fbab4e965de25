/**
 * Open-loop load generator at a fixed rate, in its own process (forked by
 * bench/lib/fixed-rate.ts; one job at a time over IPC).
 *
 * Request i is due at start + i / rate and goes out on connection
 * i mod connections (one undici Client each, no pipelining), as in wrk2: every
 * connection carries rate / connections requests per second. Sends never wait
 * for answers. A timer wakes up for the next due request (node timers have
 * ~1 ms granularity, so at 1000 req/s a tick may send two); how late sends
 * were is reported, and latency is measured from the dispatch call, so the
 * generator's own timer lateness is not charged to the server. A request that
 * has to wait because its connection is still busy with the previous one does
 * count that wait: that is the server being slow.
 *
 * Latency: process.hrtime.bigint() from the dispatch call to the end of the
 * answer's body, kept for every request (a few thousand per run), sorted.
 */
import { Client } from 'undici';
import type { FixedRateJob, FixedRateReply, FixedRateRequest, FixedRateResult } from '../lib/fixed-rate';
import { percentile } from '../lib/fixed-rate';
import { WORKLOADS, type Workload } from '../lib/workloads';

const origin = process.hrtime.bigint();
/** Nanoseconds since this process started, as a number (exact for 104 days). */
const nowNs = (): number => Number(process.hrtime.bigint() - origin);

/** Sends one request; calls back with its latency in ms, or null for a non-2xx answer or an error. */
function send(client: Client, workload: Workload, onDone: (latencyMs: number | null) => void): void {
  const started = nowNs();
  let status = 0;
  client.dispatch(
    { path: workload.path, method: workload.method, headers: workload.headers, body: workload.body ?? null },
    {
      // undici takes the new-style handler only when onRequestStart is present.
      onRequestStart() {},
      onResponseStart(_controller, statusCode) {
        status = statusCode;
      },
      onResponseData() {
        // discarded; only the time of the last byte matters
      },
      onResponseEnd() {
        onDone(status >= 200 && status < 300 ? (nowNs() - started) / 1e6 : null);
      },
      onResponseError() {
        onDone(null);
      },
    },
  );
}

/** One request on every connection, all at once, so the timed part does not pay for TCP connects. */
function connectAll(clients: Client[], workload: Workload): Promise<void> {
  return Promise.all(clients.map((client) => new Promise<void>((resolve) => send(client, workload, () => resolve())))).then(() => undefined);
}

async function runJob(job: FixedRateJob): Promise<FixedRateResult> {
  const workload = WORKLOADS.find((w) => w.name === job.workload);
  if (!workload) throw new Error(`unknown workload ${job.workload}`);
  const clients = Array.from(
    { length: job.connections },
    () => new Client(job.url, { pipelining: 1, keepAliveTimeout: 120_000, headersTimeout: 30_000, bodyTimeout: 30_000 }),
  );
  try {
    await connectAll(clients, workload);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const total = Math.max(1, Math.round(job.rate * job.seconds));
    const intervalNs = 1e9 / job.rate;
    const latencies = new Float64Array(total);
    const lags = new Float64Array(total);
    let sent = 0;
    let completed = 0;
    let errors = 0;
    let lastEndNs = 0;
    const startNs = nowNs() + 1e6;

    await new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = setTimeout(() => {
        // Unanswered at the deadline: counted as errors, the connections are torn down below.
        if (timer) clearTimeout(timer);
        errors += total - completed - errors;
        resolve();
      }, (job.seconds + 30) * 1000);
      const onDone = (latencyMs: number | null) => {
        lastEndNs = nowNs();
        if (latencyMs === null) errors++;
        else latencies[completed++] = latencyMs;
        if (completed + errors === total) {
          clearTimeout(deadline);
          resolve();
        }
      };
      const tick = () => {
        let now = nowNs();
        while (sent < total && startNs + sent * intervalNs <= now) {
          lags[sent] = (now - (startNs + sent * intervalNs)) / 1e6;
          send(clients[sent % clients.length]!, workload, onDone);
          sent++;
          now = nowNs();
        }
        if (sent < total) timer = setTimeout(tick, Math.max(0, Math.floor((startNs + sent * intervalNs - now) / 1e6)));
      };
      tick();
    });

    const sorted = latencies.slice(0, completed).sort();
    const sortedLags = lags.slice(0, sent).sort();
    const elapsedSeconds = (lastEndNs - startNs) / 1e9;
    return {
      scheduled: total,
      completed,
      errors,
      achievedRate: elapsedSeconds > 0 ? completed / elapsedSeconds : Number.NaN,
      latenciesMs: Array.from(sorted),
      sendLagP99Ms: percentile(sortedLags, 99),
      sendLagMaxMs: sortedLags.length > 0 ? sortedLags[sortedLags.length - 1]! : Number.NaN,
    };
  } finally {
    await Promise.all(clients.map((client) => client.destroy()));
  }
}

process.on('disconnect', () => process.exit(0));
process.on('message', (request: FixedRateRequest) => {
  const { id, ...job } = request;
  runJob(job).then(
    (result) => process.send?.({ id, result } satisfies FixedRateReply),
    (err: unknown) => process.send?.({ id, error: (err as Error).message } satisfies FixedRateReply),
  );
});
process.send?.({ ready: true });
