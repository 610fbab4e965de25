/**
 * Benchmark runner: `npm run bench` (builds, then runs dist/bench/run.js).
 *
 * Shared set-up (the upstream stub in its own process, the load generator,
 * the settings) is built once and handed to each section in turn. A section
 * is a self-contained measurement that prints its own table; add one by
 * writing a `BenchSection` under bench/sections/ and listing it in SECTIONS.
 *
 * Settings (environment):
 *   BENCH_ROUNDS       rounds per contender and workload   (default 5)
 *   BENCH_SECONDS      seconds per measurement              (default 3)
 *   BENCH_WARMUP       warm-up seconds per contender/load   (default 1)
 *   BENCH_CONNECTIONS  concurrent connections               (default 32)
 *   BENCH_SECTIONS     comma-separated section ids to run    (default: all)
 *                      passthrough, latency, memory, guarded-put
 *   and the sections' own (bench/README.md): BENCH_LATENCY_RATE,
 *   BENCH_LATENCY_BULK_RATE, BENCH_LATENCY_SECONDS, BENCH_LATENCY_ROUNDS,
 *   BENCH_MEMORY_BYTES, BENCH_MEMORY_TIMEOUT, BENCH_PUT_REQUESTS,
 *   BENCH_PUT_CLIENTS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { chooseLoadGenerator, type LoadGenerator } from './lib/load';
import { forkServer, type RunningServer } from './lib/processes';
import { cpuPairsSection } from './sections/cpu-pairs';
import { guardedPutSection } from './sections/guarded-put';
import { latencySection } from './sections/latency';
import { memorySection } from './sections/memory';
import { passthroughSection } from './sections/passthrough';
import { positiveNumber } from './lib/settings';

export interface BenchEnvironment {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  load: LoadGenerator;
  /** The cluster stand-in (bench/servers/upstream-stub.ts), in its own process. */
  upstream: RunningServer;
  /** A scratch directory removed after the run. */
  scratch: string;
  describe(): Record<string, unknown>;
}

export interface BenchSection {
  title: string;
  run(env: BenchEnvironment): Promise<void>;
}

/** The measurements, in order, by the id BENCH_SECTIONS uses. */
const SECTIONS: Array<{ id: string; section: BenchSection }> = [
  { id: 'passthrough', section: passthroughSection },
  { id: 'cpu-pairs', section: cpuPairsSection },
  { id: 'latency', section: latencySection },
  { id: 'memory', section: memorySection },
  { id: 'guarded-put', section: guardedPutSection },
];

/** BENCH_SECTIONS=memory,guarded-put picks sections (run in SECTIONS order); unset or empty: all. */
function chosenSections(): Array<{ id: string; section: BenchSection }> {
  const raw = process.env.BENCH_SECTIONS?.trim();
  if (!raw) return SECTIONS;
  const wanted = raw.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const unknown = wanted.filter((id) => !SECTIONS.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw new Error(`BENCH_SECTIONS: unknown section ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.id).join(', ')}`);
  }
  return SECTIONS.filter((s) => wanted.includes(s.id));
}


async function main(): Promise<void> {
  const sections = chosenSections();
  const scratch = mkdtempSync(path.join(tmpdir(), 'bench-'));
  const upstream = await forkServer('upstream stub', 'upstream-stub.js');
  const env: BenchEnvironment = {
    rounds: positiveNumber('BENCH_ROUNDS', 5),
    seconds: positiveNumber('BENCH_SECONDS', 3),
    warmupSeconds: positiveNumber('BENCH_WARMUP', 1),
    connections: positiveNumber('BENCH_CONNECTIONS', 32),
    load: chooseLoadGenerator(scratch),
    upstream,
    scratch,
    describe() {
      return {
        node: process.version,
        cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
        loadGenerator: this.load.name,
        rounds: this.rounds,
        seconds: this.seconds,
        connections: this.connections,
      };
    },
  };
  console.log('model-alias-guard benchmark');
  for (const [name, value] of Object.entries(env.describe())) console.log(`  ${name}: ${value}`);
  console.log(`  sections: ${sections.map((s) => s.id).join(', ')}`);
  const failed: string[] = [];
  try {
    for (const { id, section } of sections) {
      console.log(`\n== ${section.title} ==`);
      try {
        await section.run(env);
      } catch (err) {
        // One failed section (e.g. a timeout) does not hide the others' figures.
        failed.push(id);
        console.log(`section ${id} FAILED: ${(err as Error).message}`);
      }
    }
    if (failed.length > 0) {
      console.log(`\nfailed sections: ${failed.join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await upstream.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
