/**
 * Bounded memory means streaming, not buffering: a 256 MiB request body and a
 * 256 MiB answer go through the built proxy (`node dist/src/index.js`, the
 * process `npm start` runs) while its resident memory grows by less than
 * 96 MiB. A proxy that held either body whole would grow by 256 MiB or more.
 *
 * The proxy runs in a child process, so jest's own memory (this process also
 * plays client and cluster) is not in the figure. Its RSS is read from
 * /proc/<pid>/status every 50 ms, together with the kernel's own peak
 * (VmHWM, reset before each transfer); without /proc, from `ps`. Every byte
 * is counted and hashed on both ends. Nothing here is timed: a slow machine
 * only takes longer.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const ENTRY = join(__dirname, '..', '..', 'dist', 'src', 'index.js');
const describeBuilt = existsSync(ENTRY) ? describe : describe.skip;

const MIB = 1024 * 1024;
const BODY_BYTES = 256 * MIB;
const MAX_GROWTH_MIB = 96;
const CHUNK = 64 * 1024;

/** Distinct 64 KiB pieces: random blocks stamped with their index, so a lost, repeated or swapped piece changes the hash. */
const BLOCKS = Array.from({ length: 17 }, () => randomBytes(CHUNK));
function piece(index: number, bytesLeft: number): Buffer {
  const out = Buffer.allocUnsafe(Math.min(CHUNK, bytesLeft));
  BLOCKS[index % BLOCKS.length]!.copy(out, 0, 0, out.length);
  if (out.length >= 4) out.writeUInt32BE(index, 0);
  return out;
}

interface Tally {
  bytes: number;
  hash: Hash;
}
const newTally = (): Tally => ({ bytes: 0, hash: createHash('sha1') });
const add = (tally: Tally, chunk: Buffer) => {
  tally.bytes += chunk.length;
  tally.hash.update(chunk);
};

/** Writes `total` bytes of pieces into `out`, only as fast as it takes them; tallies what was written. */
async function writePieces(out: http.ClientRequest | http.ServerResponse, total: number, tally: Tally): Promise<void> {
  let index = 0;
  while (tally.bytes < total && !out.destroyed) {
    const chunk = piece(index++, total - tally.bytes);
    add(tally, chunk);
    if (!out.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('close', done);
          resolve();
        };
        out.on('drain', done);
        out.on('close', done);
      });
    }
  }
  out.end();
}

/** The cluster: counts and hashes what it receives, and what it sends from GET /_stream?bytes=N. */
interface Cluster {
  server: http.Server;
  url: string;
  received: Array<{ bytes: number; sha1: string }>;
  sent: Array<{ bytes: number; sha1: string }>;
}

async function startCluster(): Promise<Cluster> {
  const cluster: Cluster = { server: undefined as unknown as http.Server, url: '', received: [], sent: [] };
  cluster.server = http.createServer({ requestTimeout: 0 }, (req, res) => {
    if (req.method === 'POST') {
      const tally = newTally();
      req.on('data', (chunk: Buffer) => add(tally, chunk));
      req.on('end', () => {
        const record = { bytes: tally.bytes, sha1: tally.hash.digest('hex') };
        cluster.received.push(record);
        res.writeHead(200, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
        res.end(JSON.stringify(record));
      });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://cluster');
    if (url.pathname === '/_stream') {
      const tally = newTally();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-elastic-product': 'Elasticsearch' });
      void writePieces(res, Number(url.searchParams.get('bytes')), tally).then(() =>
        cluster.sent.push({ bytes: tally.bytes, sha1: tally.hash.digest('hex') }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
    res.end('{"version":{"number":"8.15.0","build_hash":"test"},"tagline":"You Know, for Search"}');
  });
  await new Promise<void>((resolve) => cluster.server.listen(0, '127.0.0.1', () => resolve()));
  cluster.url = `http://127.0.0.1:${(cluster.server.address() as AddressInfo).port}`;
  return cluster;
}

function startProxyProcess(esUrl: string): Promise<{ child: ChildProcess; proxyUrl: string }> {
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH, ES_URL: esUrl, PROXY_HOST: '127.0.0.1', PROXY_PORT: '0', ADMIN_PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const proxy = /model-alias-guard\s+(http:\/\/\S+)/.exec(out);
      if (proxy) {
        clearTimeout(timer);
        resolve({ child, proxyUrl: proxy[1]! });
      }
    });
    child.once('exit', (code) => reject(new Error(`proxy exited with ${code}: ${out}`)));
  });
}

/** RSS and the kernel's peak RSS of a process, in bytes (peak NaN without /proc). */
function memoryOf(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
    return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
  } catch {
    return { rss: Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) * 1024, hwm: Number.NaN };
  }
}

/** Watches a process's RSS every 50 ms; stop() gives the highest seen, including the kernel's peak when it can be reset. */
function watchPeakRss(pid: number): { stop(): number } {
  let hwmUsable = false;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5'); // VmHWM := current RSS (Linux ≥ 4.0)
    hwmUsable = true;
  } catch {
    // no /proc or not allowed: the samples alone
  }
  let peak = memoryOf(pid).rss;
  const timer = setInterval(() => (peak = Math.max(peak, memoryOf(pid).rss)), 50);
  return {
    stop() {
      clearInterval(timer);
      const last = memoryOf(pid);
      return Math.max(peak, last.rss, hwmUsable ? last.hwm : 0);
    },
  };
}

function upload(proxyUrl: string, bytes: number): Promise<{ sent: Tally; answer: { bytes: number; sha1: string } }> {
  const sent = newTally();
  return new Promise((resolve, reject) => {
    const req = http.request(`${proxyUrl}/_bulk`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/x-ndjson', 'content-length': String(bytes) },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve({ sent, answer: JSON.parse(text) }) : reject(new Error(`${res.statusCode}: ${text}`))));
    });
    void writePieces(req, bytes, sent);
  });
}

function download(proxyUrl: string, bytes: number): Promise<{ statusCode: number; received: Tally }> {
  const received = newTally();
  return new Promise((resolve, reject) => {
    http
      .get(`${proxyUrl}/_stream?bytes=${bytes}`, { agent: false }, (res) => {
        res.on('data', (chunk: Buffer) => add(received, chunk));
        res.on('error', reject);
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, received }));
      })
      .on('error', reject);
  });
}

describeBuilt('a 256 MiB body each way streams through the proxy in bounded memory', () => {
  let cluster: Cluster;
  let proxy: { child: ChildProcess; proxyUrl: string };
  let baseline: number;

  beforeAll(async () => {
    cluster = await startCluster();
    proxy = await startProxyProcess(cluster.url);
    // A small exchange each way first: one-time allocations (code, pools) belong to the baseline.
    await upload(proxy.proxyUrl, 8 * MIB);
    await download(proxy.proxyUrl, 8 * MIB);
    await new Promise((resolve) => setTimeout(resolve, 300));
    baseline = memoryOf(proxy.child.pid!).rss;
  }, 30_000);

  afterAll(async () => {
    if (proxy?.child.exitCode === null) {
      const exited = new Promise((resolve) => proxy.child.once('exit', resolve));
      proxy.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      if (proxy.child.exitCode === null) proxy.child.kill('SIGKILL');
    }
    cluster?.server.closeAllConnections();
    await new Promise((resolve) => cluster?.server.close(resolve));
  });

  it('uploads 256 MiB: every byte reaches the cluster, and the proxy grows by less than 96 MiB', async () => {
    const watch = watchPeakRss(proxy.child.pid!);
    const { sent, answer } = await upload(proxy.proxyUrl, BODY_BYTES);
    const growthMiB = (watch.stop() - baseline) / MIB;

    expect(sent.bytes).toBe(BODY_BYTES);
    expect(answer).toEqual({ bytes: BODY_BYTES, sha1: sent.hash.digest('hex') });
    expect(growthMiB).toBeLessThan(MAX_GROWTH_MIB);
  }, 60_000);

  it('downloads 256 MiB: every byte reaches the client, and the proxy grows by less than 96 MiB', async () => {
    const watch = watchPeakRss(proxy.child.pid!);
    const { statusCode, received } = await download(proxy.proxyUrl, BODY_BYTES);
    const growthMiB = (watch.stop() - baseline) / MIB;

    expect(statusCode).toBe(200);
    expect(cluster.sent.at(-1)).toEqual({ bytes: BODY_BYTES, sha1: expect.any(String) });
    expect({ bytes: received.bytes, sha1: received.hash.digest('hex') }).toEqual(cluster.sent.at(-1));
    expect(growthMiB).toBeLessThan(MAX_GROWTH_MIB);
  }, 60_000);
});
