/**
 * Soak: `npm run soak` (builds, then runs dist/bench/soak.js).
 *
 * The whole proxy (bench/servers/guard-proxy.ts, startProxy as `npm start`
 * assembles it, its own process) in front of the soak's cluster
 * (bench/soak-upstream.ts, its own process: the sandbox with the demo data
 * for everything the guard reads and forwards, a stub's cheap answers for the
 * `/soak/` passthrough), on loopback. A closed-loop client sends a fixed mix until
 * SOAK_REQUESTS requests are answered or SOAK_MAX_SECONDS have passed,
 * whichever comes first (bounded: it always stops by itself):
 *
 *   17 of 20  GET  /soak/_doc/1                      (passthrough, 2 KB answer)
 *    2 of 20  POST /soak/_search with a 100 KB body   (passthrough, body streamed)
 *    1 of 20  PUT  /_ml/trained_models/<m>/model_aliases/soak-c<client>-alias?reassign=true
 *             (guarded: live reads, rules, forward; alternately allowed 200, the
 *             alias staying on its classification model, and refused 400, a
 *             move to the regression model, an inference type change)
 *
 * Every SOAK_SAMPLE_SECONDS it samples the proxy's RSS (process.memoryUsage()
 * over IPC, right after a full collection the proxy runs with --expose-gc, so
 * that garbage not yet collected does not pass for growth) and its upstream sockets: TCP connections ESTABLISHED to the
 * cluster's port, read from /proc/net/tcp{,6} (the client never talks to the
 * cluster, so every such connection is the proxy's: forwarder pool, metadata
 * client, readiness probe). It prints the samples, the RSS slope (least
 * squares over the samples after the first, which includes warm-up) and the
 * socket counts against flat targets. Nothing is asserted: the figures are
 * for a human to judge, and a run on a busy machine is noisy.
 *
 * Settings (environment): SOAK_REQUESTS (default 500000), SOAK_MAX_SECONDS
 * (default 1200), SOAK_CONNECTIONS (default 32), SOAK_SAMPLE_SECONDS
 * (default 10).
 */
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { DEMO } from '../src/sandbox/demo-data';
import { forkGuardProxy, forkServer, type ForkedServer } from './lib/processes';
import { positiveInteger } from './lib/settings';
import { fixed, formatTable } from './lib/table';

const MIB = 1024 * 1024;
/** The proxy's own pool size in bench/servers/guard-proxy.ts: the most the forwarder may hold. */
const FORWARDER_CONNECTIONS = 128;

interface Sample {
  seconds: number;
  answered: number;
  rssMiB: number;
  heapMiB: number;
  upstreamSockets: number;
}

interface Tally {
  answered: number;
  byKind: Record<RequestKind, number>;
  /** Status not the expected one for its kind, or a transport error. */
  unexpected: number;
  firstUnexpected: string[];
}

type RequestKind = 'get' | 'post100k' | 'guardedPut';

const SEARCH_BODY = Buffer.from(JSON.stringify({ query: { term: { text: 'x'.repeat(100 * 1024) } } }));

function kindOf(sequence: number): RequestKind {
  const slot = sequence % 20;
  if (slot === 3 || slot === 13) return 'post100k';
  if (slot === 7) return 'guardedPut';
  return 'get';
}

/** The alias a client moves (created on the classification model before the run). */
function aliasOf(client: number): string {
  return `soak-c${client}-alias`;
}

/** One request of `kind`; resolves with a problem description, or null when the answer was the expected one. */
async function send(pool: Pool, kind: RequestKind, sequence: number, client: number): Promise<string | null> {
  let method: 'GET' | 'POST' | 'PUT' = 'GET';
  let path = '/soak/_doc/1';
  let body: Buffer | undefined;
  let expected = [200];
  if (kind === 'post100k') {
    method = 'POST';
    path = '/soak/_search';
    body = SEARCH_BODY;
  } else if (kind === 'guardedPut') {
    method = 'PUT';
    // Each client its own alias, so the same-alias lock never serialises clients.
    const refused = Math.floor(sequence / 20) % 2 === 1;
    const model = refused ? DEMO.regression : DEMO.classification;
    path = `/_ml/trained_models/${model}/model_aliases/${aliasOf(client)}?reassign=true`;
    expected = refused ? [400] : [200];
  }
  const answer = await pool.request({
    method,
    path,
    body,
    headers: body ? { 'content-type': 'application/json', accept: 'application/json' } : { accept: 'application/json' },
  });
  await answer.body.dump({ limit: Number.MAX_SAFE_INTEGER });
  return expected.includes(answer.statusCode) ? null : `${method} ${path.slice(0, 80)} -> ${answer.statusCode}`;
}

/** ESTABLISHED TCP connections whose local port is `port` (the server side of connections to it). */
function establishedTo(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4) continue;
      const localPort = fields[1]!.split(':').pop();
      if (localPort === hexPort && fields[3] === '01') count++;
    }
  }
  return count;
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** One alias per client on the classification model, set on the cluster directly. */
async function seed(clusterUrl: string, clients: number): Promise<void> {
  const pool = new Pool(clusterUrl);
  try {
    for (let client = 0; client < clients; client++) {
      const answer = await pool.request({ method: 'PUT', path: `/_ml/trained_models/${DEMO.classification}/model_aliases/${aliasOf(client)}` });
      const text = await answer.body.text();
      if (answer.statusCode !== 200) throw new Error(`creating alias ${aliasOf(client)} answered ${answer.statusCode}: ${text}`);
    }
  } finally {
    await pool.close();
  }
}

async function main(): Promise<void> {
  const total = positiveInteger('SOAK_REQUESTS', 500_000);
  const maxSeconds = positiveInteger('SOAK_MAX_SECONDS', 1_200);
  const connections = positiveInteger('SOAK_CONNECTIONS', 32);
  const sampleSeconds = positiveInteger('SOAK_SAMPLE_SECONDS', 10);

  // forkServer resolves names under dist/bench/servers/.
  const cluster = await forkServer('soak cluster', '../soak-upstream.js');
  await seed(cluster.url, connections);
  const proxy: ForkedServer = await forkGuardProxy('guard proxy', cluster.url, ['--expose-gc']);
  const pool = new Pool(proxy.url, { connections, pipelining: 1 });
  const clusterPort = Number(new URL(cluster.url).port);
  process.stdout.write(
    `soak: ${total} requests (17 GET : 2 POST 100 KB : 1 guarded PUT), ${connections} connections, ` +
      `at most ${maxSeconds} s, sampling every ${sampleSeconds} s\n`,
  );

  const tally: Tally = { answered: 0, byKind: { get: 0, post100k: 0, guardedPut: 0 }, unexpected: 0, firstUnexpected: [] };
  const samples: Sample[] = [];
  const started = Date.now();
  const deadline = started + maxSeconds * 1000;
  const sample = async (): Promise<void> => {
    await proxy.gc();
    const memory = await proxy.memory();
    samples.push({
      seconds: (Date.now() - started) / 1000,
      answered: tally.answered,
      rssMiB: memory.rss / MIB,
      heapMiB: memory.heapUsed / MIB,
      upstreamSockets: establishedTo(clusterPort),
    });
    const last = samples[samples.length - 1]!;
    process.stdout.write(
      `  t=${fixed(last.seconds, 0)}s answered=${last.answered} rss=${fixed(last.rssMiB, 1)} MiB upstream sockets=${last.upstreamSockets}\n`,
    );
  };
  await sample();
  const sampler = setInterval(() => void sample(), sampleSeconds * 1000);

  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, client) => {
      while (next < total && Date.now() < deadline) {
        const sequence = next++;
        const kind = kindOf(sequence);
        let problem: string | null;
        try {
          problem = await send(pool, kind, sequence, client);
        } catch (error) {
          problem = `${kind}: ${(error as Error).message}`;
        }
        tally.answered++;
        tally.byKind[kind]++;
        if (problem !== null) {
          tally.unexpected++;
          if (tally.firstUnexpected.length < 5) tally.firstUnexpected.push(problem);
        }
      }
    }),
  );
  clearInterval(sampler);
  const elapsed = (Date.now() - started) / 1000;
  await pool.close();
  // Idle keep-alive sockets stay open by design; sample once more after the load stopped.
  await sample();

  printReport(samples, tally, elapsed, total);
  await proxy.stop();
  await cluster.stop();
}

function printReport(samples: Sample[], tally: Tally, elapsed: number, total: number): void {
  process.stdout.write(
    `\n${formatTable(
      ['t (s)', 'answered', 'RSS after GC (MiB)', 'heap used after GC (MiB)', 'upstream sockets'],
      samples.map((s) => [fixed(s.seconds, 0), String(s.answered), fixed(s.rssMiB, 1), fixed(s.heapMiB, 1), String(s.upstreamSockets)]),
    )}\n`,
  );
  const steady = samples.slice(1, -1);
  const perMinute = slope(steady.map((s) => [s.seconds / 60, s.rssMiB]));
  const perHundredK = slope(steady.map((s) => [s.answered / 100_000, s.rssMiB]));
  const sockets = steady.map((s) => s.upstreamSockets);
  const last = samples[samples.length - 1]!;
  const lines = [
    `answered ${tally.answered} of ${total} in ${fixed(elapsed, 0)} s (${fixed(tally.answered / elapsed, 0)} req/s): ` +
      `${tally.byKind.get} GET, ${tally.byKind.post100k} POST 100 KB, ${tally.byKind.guardedPut} guarded PUT; ` +
      `${tally.unexpected} unexpected answers${tally.firstUnexpected.length ? ` (first: ${tally.firstUnexpected.join('; ')})` : ''}`,
    `RSS slope (after GC): ${fixed(perMinute, 2)} MiB/min, ${fixed(perHundredK, 2)} MiB per 100k requests ` +
      `(target: flat, 0; from ${steady.length} samples after warm-up; RSS ${fixed(samples[0]!.rssMiB, 1)} -> ${fixed(last.rssMiB, 1)} MiB)`,
    `upstream sockets under load: min ${sockets.length ? Math.min(...sockets) : 'n/a'}, max ${sockets.length ? Math.max(...sockets) : 'n/a'} ` +
      `(target: flat, at most the forwarder's ${FORWARDER_CONNECTIONS} plus the metadata client's); after the load: ${last.upstreamSockets} (idle keep-alive)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`soak failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
