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
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { chooseLoadGenerator, type LoadGenerator } from './lib/load';
import { forkServer, type RunningServer } from './lib/processes';
import { passthroughSection } from './sections/passthrough';

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

/**
 * The measurements, in order. The guarded PUT latency against the sandbox
 * belongs here as its own section once the sandbox can be started from the
 * bench (it needs the sandbox cluster and the guard, not the stub).
 */
const SECTIONS: BenchSection[] = [passthroughSection];

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

async function main(): Promise<void> {
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
  try {
    for (const section of SECTIONS) {
      console.log(`\n== ${section.title} ==`);
      await section.run(env);
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
