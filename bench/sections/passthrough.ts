/**
 * Passthrough throughput and latency: the proxy's forwarder against direct
 * access, the minimal undici reference, http-proxy-middleware and nginx,
 * interleaved round by round so drift (thermal, noisy neighbours) hits every
 * contender alike. Prints medians over rounds and the targets; asserts nothing.
 */
import { DIRECT, PASSTHROUGH, REFERENCE, rotated, startContenders } from '../lib/contenders';
import { runWithCpu, type CpuMeasurement } from '../lib/cpu-per-request';
import { MAX_CPU_RATIO } from './cpu-pairs';
import { saveResults } from '../lib/results';
import { fixed, formatTable, median } from '../lib/table';
import { WORKLOADS } from '../lib/workloads';
import { printEdgeThroughputTargets } from '../lib/edge-targets';
import type { BenchEnvironment, BenchSection } from '../run';

/**
 * Target: passthrough ≥ 0.9× the reference's req/s. The other
 * one, ≤ 1 ms added p99 at 32 connections, is judged at a fixed rate below
 * saturation by the latency section; under this closed-loop load p99 is mostly
 * run-queue waiting, so here it is only printed.
 */
const MIN_THROUGHPUT_RATIO = 0.9;

export const passthroughSection: BenchSection = {
  title: 'Passthrough: throughput and latency against direct access and other proxies',
  async run(env: BenchEnvironment) {
    const { contenders, servers } = await startContenders(env.upstream);
    const results = new Map<string, CpuMeasurement[]>(); // key: workload | contender
    const key = (workload: string, contender: string) => `${workload} | ${contender}`;
    try {
      console.log(`warm-up: ${env.warmupSeconds} s per contender and workload`);
      for (const workload of WORKLOADS) {
        for (const contender of contenders) await env.load.run(contender.url, workload, env.warmupSeconds, env.connections);
      }
      for (let round = 0; round < env.rounds; round++) {
        for (const workload of WORKLOADS) {
          for (const contender of rotated(contenders, round)) {
            const result = await runWithCpu(env.load, contender.url, contender.server, workload, env.seconds, env.connections);
            const list = results.get(key(workload.name, contender.name)) ?? [];
            list.push(result);
            results.set(key(workload.name, contender.name), list);
          }
        }
        console.log(`round ${round + 1}/${env.rounds} done`);
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }

    const summary: Record<string, unknown> = {};
    for (const workload of WORKLOADS) {
      const of = (contender: string) => results.get(key(workload.name, contender)) ?? [];
      const med = (contender: string, pick: (r: CpuMeasurement) => number) => median(of(contender).map(pick));
      const referenceRps = med(REFERENCE, (r) => r.requestsPerSecond);
      const referenceP50 = med(REFERENCE, (r) => r.p50Ms);
      const referenceP99 = med(REFERENCE, (r) => r.p99Ms);
      const directP99 = med(DIRECT, (r) => r.p99Ms);
      const referenceCpu = med(REFERENCE, (r) => r.cpuMicrosPerRequest);
      const rows = contenders.map(({ name }) => {
        const rps = of(name).map((r) => r.requestsPerSecond);
        const p50 = med(name, (r) => r.p50Ms);
        const p99 = med(name, (r) => r.p99Ms);
        const errors = of(name).reduce((sum, r) => sum + r.errors, 0);
        const cpu = med(name, (r) => r.cpuMicrosPerRequest);
        summary[key(workload.name, name)] = { rounds: of(name) };
        return [
          name,
          fixed(median(rps), 0),
          `${fixed(Math.min(...rps), 0)}-${fixed(Math.max(...rps), 0)}`,
          fixed(median(rps) / referenceRps),
          fixed(p50),
          fixed(p50 / referenceP50),
          fixed(p99),
          fixed(p99 / referenceP99),
          name === DIRECT ? '-' : fixed(p99 - directP99),
          fixed(cpu, 0),
          fixed(cpu / referenceCpu),
          String(errors),
        ];
      });
      console.log(`\n${workload.name}, ${env.connections} connections, median of ${env.rounds} × ${env.seconds} s`);
      console.log(
        formatTable(
          ['contender', 'req/s', 'req/s range', '×ref', 'p50 ms', '×ref', 'p99 ms', '×ref', 'p99 +direct ms', 'CPU µs/req', '×ref', 'errors'],
          rows,
        ),
      );

      const ratio = med(PASSTHROUGH, (r) => r.requestsPerSecond) / referenceRps;
      const addedP99 = med(PASSTHROUGH, (r) => r.p99Ms) - directP99;
      const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
      const cpuRatio = med(PASSTHROUGH, (r) => r.cpuMicrosPerRequest) / referenceCpu;
      console.log(`target: passthrough req/s ≥ ${MIN_THROUGHPUT_RATIO}× reference: ${fixed(ratio)}× → ${verdict(ratio >= MIN_THROUGHPUT_RATIO)}`);
      // Also the median of the per-round ratios: both contenders run in the same
      // round, so drift between rounds (a noisy neighbour) cancels out.
      const pairedCpuRatio = median(
        of(PASSTHROUGH).map((r, i) => r.cpuMicrosPerRequest / (of(REFERENCE)[i]?.cpuMicrosPerRequest ?? Number.NaN)),
      );
      // Rounds 15 s apart see different machines on a shared VM; the
      // cpu-pairs section measures the two back to back and judges the target.
      console.log(
        `all-in-one CPU per request: ${fixed(cpuRatio)}× reference (median of per-round ratios ${fixed(pairedCpuRatio)}×; the ≤ ${MAX_CPU_RATIO}× target is judged by the cpu-pairs section)`,
      );
      console.log(
        `passthrough p99 added over direct, saturated: ${fixed(addedP99)} ms (queueing at saturation; the ≤ 1 ms target is judged by the latency section)`,
      );
      printEdgeThroughputTargets(med);
    }
    saveResults(env, 'passthrough', 'raw rounds', { results: summary });
  },
};
