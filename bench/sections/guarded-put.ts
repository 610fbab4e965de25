/**
 * Latency of a guarded PUT: an alias change the rules allow and one they
 * refuse, sent through the whole proxy (startProxy, its own process) in front
 * of the sandbox (src/sandbox seeded with the demo data, its own process),
 * compared to the same PUT sent to the sandbox directly. The difference is
 * what guarding costs: the metadata reads the guard makes before it decides
 * (and, for an allowed change, the forward). Sequentially and with a few
 * concurrent clients; medians over rounds; asserts nothing.
 *
 * Every client changes its own alias, so the proxy's same-alias lock never
 * makes one client wait for another: the figures are per-request cost, not
 * serialisation. The sandbox emulates 8.15, which enforces the alias rules
 * itself, so the refused PUT is refused directly as well (same 400).
 */
import { existsSync } from 'node:fs';
import { Pool } from 'undici';
import { DEMO } from '../../src/sandbox/demo-data';
import { forkGuardProxy, forkServer, NGINX_BINARY, type ForkedServer } from '../lib/processes';
import { startEdge } from '../lib/edge-contender';
import { fixed, formatTable, median } from '../lib/table';
import type { BenchEnvironment, BenchSection } from '../run';
import { positiveInteger } from '../lib/settings';
import { percentile } from '../lib/fixed-rate';

const DIRECT = 'direct to sandbox';
const VIA_PROXY = 'through the proxy';
const VIA_EDGE = 'through the edge (nginx + guard)';

interface Scenario {
  name: string;
  expectedStatus: number;
  path(client: number): string;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'allowed (reassign=true)',
    expectedStatus: 200,
    path: (client) => `/_ml/trained_models/${DEMO.classification}/model_aliases/bench-c${client}-allowed?reassign=true`,
  },
  {
    name: 'refused (type change)',
    expectedStatus: 400,
    // The alias is on a PyTorch text-embedding model; the regression tree has another inference type.
    path: (client) => `/_ml/trained_models/${DEMO.regression}/model_aliases/bench-c${client}-refused?reassign=true`,
  },
];

interface Run {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  /** Answers whose status was not the expected one, plus transport errors. */
  unexpected: number;
}



async function put(pool: Pool, path: string): Promise<number> {
  const { statusCode, body } = await pool.request({ method: 'PUT', path, headers: { accept: 'application/json' } });
  await body.text();
  return statusCode;
}

/** `total` PUTs split over `clients` closed-loop clients, each on its own alias; latency of every request. */
async function measure(pool: Pool, scenario: Scenario, clients: number, total: number): Promise<Run> {
  const latencies: number[] = [];
  let unexpected = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const path = scenario.path(client);
      for (let i = client; i < total; i += clients) {
        const t0 = process.hrtime.bigint();
        try {
          if ((await put(pool, path)) !== scenario.expectedStatus) unexpected++;
        } catch {
          unexpected++;
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), requestsPerSecond: latencies.length / seconds, unexpected };
}

/** Sum of the guard's metadata reads so far (count and seconds, by read), from the admin port's Prometheus text. */
async function metadataReads(adminUrl: string): Promise<Map<string, { count: number; seconds: number }>> {
  const text = await (await fetch(`${adminUrl}/metrics`)).text();
  const reads = new Map<string, { count: number; seconds: number }>();
  for (const m of text.matchAll(/^mag_metadata_read_duration_seconds_(count|sum)\{([^}]*)\} (\S+)$/gm)) {
    const read = /read="([^"]*)"/.exec(m[2]!)?.[1] ?? '?';
    const entry = reads.get(read) ?? { count: 0, seconds: 0 };
    if (m[1] === 'count') entry.count += Number(m[3]);
    else entry.seconds += Number(m[3]);
    reads.set(read, entry);
  }
  return reads;
}

/** Creates each client's aliases directly on the sandbox: one on the classifier, one on the deployed embedding model. */
async function createAliases(sandbox: Pool, clients: number): Promise<void> {
  for (let client = 0; client < clients; client++) {
    const made = [
      await put(sandbox, `/_ml/trained_models/${DEMO.classification}/model_aliases/bench-c${client}-allowed?reassign=true`),
      await put(sandbox, `/_ml/trained_models/${DEMO.embeddingDeployed}/model_aliases/bench-c${client}-refused?reassign=true`),
    ];
    if (made.some((status) => status !== 200)) throw new Error(`could not create the bench aliases on the sandbox: ${made.join(', ')}`);
  }
}

export const guardedPutSection: BenchSection = {
  title: 'Guarded PUT: alias-change latency through the proxy against the sandbox directly',
  async run(env: BenchEnvironment) {
    const clients = positiveInteger('BENCH_PUT_CLIENTS', 4);
    const requests = positiveInteger('BENCH_PUT_REQUESTS', 200);
    const sandbox: ForkedServer = await forkServer('sandbox', 'sandbox.js');
    const proxy = await forkGuardProxy('proxy (startProxy)', sandbox.url);
    const adminUrl = String(proxy.ready.adminUrl);
    const pools = new Map([
      [DIRECT, new Pool(sandbox.url, { connections: clients })],
      [VIA_PROXY, new Pool(proxy.url, { connections: clients })],
    ]);
    // The edge topology: nginx (generated configuration) in front of the sandbox, the same guard beside it.
    const edge = existsSync(NGINX_BINARY) ? await startEdge(sandbox.url, proxy) : undefined;
    if (edge) pools.set(VIA_EDGE, new Pool(edge.url, { connections: clients }));
    const targets = [...pools.keys()];
    const results = new Map<string, Run[]>();
    const key = (scenario: string, concurrency: number, target: string) => `${scenario} | ${concurrency} | ${target}`;
    /** Metadata reads the proxy made during the measured runs, per scenario (warm-up excluded). */
    const readsPerScenario = new Map<string, { requests: number; reads: Map<string, { count: number; seconds: number }> }>();
    const concurrencies = clients > 1 ? [1, clients] : [1];
    try {
      await createAliases(pools.get(DIRECT)!, clients);
      console.log(
        `sandbox ${String(sandbox.ready.esVersion)} (seeded demo data); ${requests} PUTs per measurement, ` +
          `${concurrencies.join(' and ')} client(s), ${env.rounds} rounds; warm-up ${Math.min(requests, 50)} PUTs per combination`,
      );
      for (const scenario of SCENARIOS) {
        for (const concurrency of concurrencies) {
          for (const target of targets) await measure(pools.get(target)!, scenario, concurrency, Math.min(requests, 50));
        }
      }
      for (let round = 0; round < env.rounds; round++) {
        for (const scenario of SCENARIOS) {
          for (const concurrency of concurrencies) {
            // Alternate which target goes first, so drift hits both alike.
            for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
              const before = target === VIA_PROXY ? await metadataReads(adminUrl) : undefined;
              const run = await measure(pools.get(target)!, scenario, concurrency, requests);
              if (before) {
                const after = await metadataReads(adminUrl);
                const tally = readsPerScenario.get(scenario.name) ?? { requests: 0, reads: new Map() };
                tally.requests += requests;
                for (const [read, a] of after) {
                  const b = before.get(read) ?? { count: 0, seconds: 0 };
                  const sum = tally.reads.get(read) ?? { count: 0, seconds: 0 };
                  tally.reads.set(read, { count: sum.count + a.count - b.count, seconds: sum.seconds + a.seconds - b.seconds });
                }
                readsPerScenario.set(scenario.name, tally);
              }
              const list = results.get(key(scenario.name, concurrency, target)) ?? [];
              list.push(run);
              results.set(key(scenario.name, concurrency, target), list);
            }
          }
        }
        console.log(`round ${round + 1}/${env.rounds} done`);
      }
    } finally {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
      await edge?.stop();
      await proxy.stop();
      await sandbox.stop();
    }

    const rows: string[][] = [];
    for (const scenario of SCENARIOS) {
      for (const concurrency of concurrencies) {
        const of = (target: string) => results.get(key(scenario.name, concurrency, target)) ?? [];
        const med = (target: string, pick: (r: Run) => number) => median(of(target).map(pick));
        for (const target of targets) {
          rows.push([
            scenario.name,
            String(concurrency),
            target,
            fixed(med(target, (r) => r.p50Ms)),
            fixed(med(target, (r) => r.p99Ms)),
            fixed(med(target, (r) => r.requestsPerSecond), 0),
            target === DIRECT ? '-' : fixed(med(target, (r) => r.p50Ms) - med(DIRECT, (r) => r.p50Ms)),
            target === DIRECT ? '-' : fixed(med(target, (r) => r.p99Ms) - med(DIRECT, (r) => r.p99Ms)),
            String(of(target).reduce((sum, r) => sum + r.unexpected, 0)),
          ]);
        }
      }
    }
    console.log(`\nPUT _ml/trained_models/<model>/model_aliases/<alias>, median of ${env.rounds} rounds × ${requests} PUTs`);
    console.log(
      formatTable(['alias change', 'clients', 'path', 'p50 ms', 'p99 ms', 'req/s', 'p50 +direct ms', 'p99 +direct ms', 'unexpected status'], rows),
    );
    console.log('(+direct = what guarding costs: one more hop plus the metadata reads the guard makes before it decides)');
    for (const [scenario, tally] of readsPerScenario) {
      const reads = [...tally.reads].filter(([, r]) => r.count > 0);
      const perPut = reads.reduce((sum, [, r]) => sum + r.count, 0) / tally.requests;
      const msPerPut = (reads.reduce((sum, [, r]) => sum + r.seconds, 0) / tally.requests) * 1000;
      const kinds = reads
        .map(([read, r]) => (r.count / tally.requests >= 0.05 ? `${read} ×${fixed(r.count / tally.requests, 1)}` : `${read} ${r.count} in all`))
        .join(', ');
      console.log(`guard reads per ${scenario} PUT: ${fixed(perPut, 1)} (${kinds}); read time summed ${fixed(msPerPut)} ms per PUT`);
    }
  },
};
