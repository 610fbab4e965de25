/**
 * Latency at a fixed rate below saturation: the target "p99 added latency
 * ≤ 1 ms at 32 connections" judged where it means something. The throughput
 * section's closed-loop load keeps every connection busy, so on a small
 * machine its p99 is CPU run-queue waiting. Here an open-loop generator in its
 * own process (bench/clients/fixed-rate-client.ts) sends a steady rate over
 * 32 connections, and records every request's latency with sub-millisecond
 * resolution. Contenders are interleaved round by round, as in the passthrough
 * section. Percentiles pool the samples of all rounds. Prints, asserts nothing.
 */
import { cpus, loadavg } from 'node:os';
import { DIRECT, PASSTHROUGH, rotated, startContenders } from '../lib/contenders';
import { percentile, startFixedRateClient, type FixedRateResult } from '../lib/fixed-rate';
import { fixed, formatTable, median } from '../lib/table';
import { WORKLOADS, type Workload } from '../lib/workloads';
import { printEdgeLatencyTarget } from '../lib/edge-targets';
import type { BenchEnvironment, BenchSection } from '../run';
import { saveResults } from '../lib/results';
import { positiveInteger, positiveNumber } from '../lib/settings';

/** Target: the passthrough adds ≤ 1 ms to p99 at 32 connections. */
const MAX_ADDED_P99_MS = 1;
/** Below this share of the asked rate, the contender did not keep up: its figures are not "below saturation". */
const MIN_RATE_SHARE = 0.97;



interface LatencyLoad {
  workload: Workload;
  /** Requests per second over all connections together. */
  rate: number;
}

function settings(): { loads: LatencyLoad[]; seconds: number; rounds: number } {
  const [get, bulk] = WORKLOADS;
  return {
    loads: [
      { workload: get!, rate: positiveNumber('BENCH_LATENCY_RATE', 1000) },
      { workload: bulk!, rate: positiveNumber('BENCH_LATENCY_BULK_RATE', 200) },
    ],
    seconds: positiveNumber('BENCH_LATENCY_SECONDS', 3),
    rounds: positiveInteger('BENCH_LATENCY_ROUNDS', 3),
  };
}

/** Pooled over rounds. */
interface Summary {
  samples: number;
  p50: number;
  p99: number;
  p999: number;
  rate: number;
  p99PerRound: number[];
  errors: number;
}

function summarize(runs: FixedRateResult[]): Summary {
  const pooled = Float64Array.from(runs.flatMap((run) => run.latenciesMs)).sort();
  return {
    samples: pooled.length,
    p50: percentile(pooled, 50),
    p99: percentile(pooled, 99),
    p999: percentile(pooled, 99.9),
    rate: median(runs.map((run) => run.achievedRate)),
    p99PerRound: runs.map((run) => percentile(run.latenciesMs, 99)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}

const ms = (n: number): string => fixed(n, 3);

export const latencySection: BenchSection = {
  title: 'Latency at a fixed rate below saturation',
  async run(env: BenchEnvironment) {
    const { loads, seconds, rounds } = settings();
    // Other processes on the machine show up in every tail; the load average says how many there were.
    const loadBefore = loadavg()[0]!;
    const generator = await startFixedRateClient();
    const results = new Map<string, FixedRateResult[]>(); // key: workload | contender
    const key = (workload: string, contender: string) => `${workload} | ${contender}`;
    let contenderNames: string[];
    try {
      const { contenders, servers } = await startContenders(env.upstream);
      contenderNames = contenders.map((c) => c.name);
      try {
        const job = (url: string, load: LatencyLoad, runSeconds: number) =>
          generator.run({ url, workload: load.workload.name, rate: load.rate, seconds: runSeconds, connections: env.connections });
        // Warm-up: closed loop first (enough requests for the JIT to settle), then briefly at the measured rate.
        console.log(`warm-up: ${env.warmupSeconds} s closed loop plus 1 s at the measured rate, per contender and workload`);
        for (const load of loads) {
          for (const contender of contenders) {
            await env.load.run(contender.url, load.workload, env.warmupSeconds, env.connections);
            await job(contender.url, load, 1);
          }
        }
        for (let round = 0; round < rounds; round++) {
          for (const load of loads) {
            for (const contender of rotated(contenders, round)) {
              const result = await job(contender.url, load, seconds);
              const list = results.get(key(load.workload.name, contender.name)) ?? [];
              list.push(result);
              results.set(key(load.workload.name, contender.name), list);
            }
          }
          console.log(`round ${round + 1}/${rounds} done`);
        }
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
      }
    } finally {
      await generator.stop();
    }

    const loadAfter = loadavg()[0]!;
    console.log(
      `1-minute load average: ${fixed(loadBefore)} before, ${fixed(loadAfter)} after, on ${cpus().length} CPUs ` +
        '(this section keeps under one core busy; well above 1 means other processes competed for the CPU)',
    );
    const saved: Record<string, unknown> = {};
    for (const load of loads) {
      const runsOf = (contender: string) => results.get(key(load.workload.name, contender)) ?? [];
      const summaries = new Map(contenderNames.map((name) => [name, summarize(runsOf(name))]));
      const direct = summaries.get(DIRECT)!;
      const rows = contenderNames.map((name) => {
        const s = summaries.get(name)!;
        saved[key(load.workload.name, name)] = {
          pooled: { samples: s.samples, p50Ms: s.p50, p99Ms: s.p99, p999Ms: s.p999, errors: s.errors },
          rounds: runsOf(name).map(({ latenciesMs, ...run }) => ({
            ...run,
            p50Ms: percentile(latenciesMs, 50),
            p99Ms: percentile(latenciesMs, 99),
            p999Ms: percentile(latenciesMs, 99.9),
          })),
        };
        const behind = s.rate < MIN_RATE_SHARE * load.rate ? ' (behind)' : '';
        return [
          name,
          fixed(s.rate, 0) + behind,
          ms(s.p50),
          ms(s.p99),
          ms(s.p999),
          name === DIRECT ? '-' : ms(s.p50 - direct.p50),
          name === DIRECT ? '-' : ms(s.p99 - direct.p99),
          `${ms(Math.min(...s.p99PerRound))}-${ms(Math.max(...s.p99PerRound))}`,
          String(s.errors),
        ];
      });
      const perContender = Math.round(load.rate * seconds) * rounds;
      console.log(
        `\n${load.workload.name}, ${load.rate} req/s fixed over ${env.connections} connections, ` +
          `${rounds} rounds × ${seconds} s pooled (${perContender} requests per contender)`,
      );
      console.log(
        formatTable(
          ['contender', 'req/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'p50 +direct', 'p99 +direct', 'p99 range (rounds)', 'errors'],
          rows,
        ),
      );
      if (perContender < 10_000) console.log(`(p99.9 rests on the top ${Math.max(1, Math.round(perContender / 1000))} sample(s): rough)`);
      const allRuns = contenderNames.flatMap(runsOf);
      console.log(
        `load generator: sends up to ${ms(Math.max(...allRuns.map((r) => r.sendLagP99Ms)))} ms behind schedule at p99 ` +
          `(worst run; max ${ms(Math.max(...allRuns.map((r) => r.sendLagMaxMs)))} ms); latency counts from the actual send`,
      );
      const passthrough = summaries.get(PASSTHROUGH)!;
      const added = passthrough.p99 - direct.p99;
      const belowSaturation = passthrough.rate >= MIN_RATE_SHARE * load.rate && direct.rate >= MIN_RATE_SHARE * load.rate;
      console.log(
        `target: passthrough p99 added ≤ ${MAX_ADDED_P99_MS} ms at ${env.connections} connections ` +
          `(${load.workload.name}, ${load.rate} req/s): ${ms(added)} ms → ${added <= MAX_ADDED_P99_MS ? 'met' : 'not met'}` +
          (belowSaturation ? '' : ' (the asked rate was not reached: these figures are not below saturation)'),
      );
      printEdgeLatencyTarget((name) => summaries.get(name), direct, (rate) => rate >= MIN_RATE_SHARE * load.rate, `${load.workload.name}, ${load.rate} req/s`);
    }
    saveResults(env, 'latency', 'per-round figures', { rounds, seconds, loadAverage: { before: loadBefore, after: loadAfter }, loads: loads.map((l) => ({ workload: l.workload.name, rate: l.rate })), results: saved });
  },
};
