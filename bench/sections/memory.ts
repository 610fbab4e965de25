/**
 * Memory while large bodies stream through: a request body of
 * BENCH_MEMORY_BYTES (default 1 GiB) up and an answer of the same size down,
 * through the whole proxy (startProxy: front door, forwarder, guards, metrics)
 * in its own process, in front of a stub (servers/large-body-stub.ts, its own
 * process) that counts and discards what it gets and makes its answer on the
 * fly. The proxy's RSS is read from /proc every 50 ms (plus the kernel's own
 * peak, VmHWM) and its V8 heap over IPC. Prints the figures and the target;
 * asserts nothing. A phase that does not finish in time fails the section.
 */
import * as http from 'node:http';
import { currentRss, MIB, watchMemory, type MemoryPeaks } from '../lib/memory';
import { forkGuardProxy, forkServer, type ForkedServer } from '../lib/processes';
import { fixed, formatTable } from '../lib/table';
import type { BenchEnvironment, BenchSection } from '../run';
import { saveResults } from '../lib/results';
import { positiveInteger } from '../lib/settings';

/** Target: growth of the proxy's memory while 1 GiB goes up and 1 GiB comes down. */
const MAX_GROWTH_MIB = 64;
const BLOCK = Buffer.alloc(64 * 1024, '{"index":{"_index":"bench"}}\n{"text":"a large _bulk body"}\n');


function drainOrClose(req: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.on('drain', done);
    req.on('close', done);
  });
}

/** Uploads `bytes` (Content-Length framed, written only as fast as the proxy takes them); resolves with what the stub counted. */
function upload(baseUrl: string, bytes: number, signal: AbortSignal): Promise<number> {
  const url = new URL('/_bulk', baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      signal,
      headers: { 'content-type': 'application/x-ndjson', 'content-length': String(bytes) },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) return reject(new Error(`upload answered ${res.statusCode}: ${text.slice(0, 200)}`));
        resolve((JSON.parse(text) as { received: number }).received);
      });
    });
    void (async () => {
      let left = bytes;
      while (left > 0 && !req.destroyed) {
        const piece = left >= BLOCK.length ? BLOCK : BLOCK.subarray(0, left);
        left -= piece.length;
        if (!req.write(piece)) await drainOrClose(req);
      }
      if (!req.destroyed) req.end();
    })();
  });
}

/** Downloads a chunked answer of `bytes` made on the fly by the stub; resolves with the bytes received. */
function download(baseUrl: string, bytes: number, signal: AbortSignal): Promise<number> {
  const url = new URL(`/_bench/stream?bytes=${bytes}`, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, signal }, (res) => {
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      res.on('error', reject);
      res.on('end', () => (res.statusCode === 200 ? resolve(received) : reject(new Error(`download answered ${res.statusCode}`))));
    });
    req.on('error', reject);
  });
}

interface Phase {
  name: string;
  /** Bytes through the proxy in this phase (up + down). */
  bytes: number;
  seconds: number;
  peaks: MemoryPeaks;
}

async function runPhase(
  name: string,
  proxy: ForkedServer,
  timeoutSeconds: number,
  transfers: (signal: AbortSignal) => Array<Promise<{ expected: number; got: number; what: string }>>,
): Promise<Phase> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutSeconds * 1000);
  const watcher = watchMemory(proxy, 50);
  const started = process.hrtime.bigint();
  try {
    const results = await Promise.all(transfers(controller.signal));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    for (const r of results) {
      if (r.got !== r.expected) throw new Error(`${name}: ${r.what} moved ${r.got} bytes, expected ${r.expected}`);
    }
    return { name, bytes: results.reduce((sum, r) => sum + r.expected, 0), seconds, peaks: await watcher.stop() };
  } catch (err) {
    controller.abort(); // the other transfer of "both at once" stops too
    await watcher.stop();
    if (timedOut) throw new Error(`memory section: phase "${name}" did not finish within ${timeoutSeconds} s (BENCH_MEMORY_TIMEOUT)`, { cause: err });
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

export const memorySection: BenchSection = {
  title: 'Memory: large bodies stream through in bounded memory',
  async run(env: BenchEnvironment) {
    const bytes = positiveInteger('BENCH_MEMORY_BYTES', 1024 * MIB);
    const timeoutSeconds = positiveInteger('BENCH_MEMORY_TIMEOUT', 300);
    const stub = await forkServer('large-body stub', 'large-body-stub.js');
    const proxy = await forkGuardProxy('proxy (startProxy)', stub.url, ['--expose-gc']);
    const phases: Phase[] = [];
    let baselineRss = Number.NaN;
    let baselineHeap: number;
    let idleRss: number;
    try {
      idleRss = await currentRss(proxy);
      // Warm-up: the first large exchange loads code paths and sizes pools; it belongs to the baseline.
      const warm = Math.min(bytes, 16 * MIB);
      const warmSignal = AbortSignal.timeout(60_000);
      await upload(proxy.url, warm, warmSignal);
      await download(proxy.url, warm, warmSignal);
      const collected = await proxy.gc();
      await new Promise((resolve) => setTimeout(resolve, 200));
      baselineRss = await currentRss(proxy);
      baselineHeap = (await proxy.memory()).heapUsed;
      console.log(`proxy RSS when idle, before any traffic: ${fixed(idleRss / MIB, 1)} MiB`);
      console.log(
        `body size ${fixed(bytes / MIB, 0)} MiB; proxy baseline after a ${fixed(warm / MIB, 0)} MiB warm-up` +
          `${collected ? ' and a full GC' : ''}: RSS ${fixed(baselineRss / MIB, 1)} MiB, heapUsed ${fixed(baselineHeap / MIB, 1)} MiB`,
      );
      const up = (signal: AbortSignal) => upload(proxy.url, bytes, signal).then((got) => ({ expected: bytes, got, what: 'upload' }));
      const down = (signal: AbortSignal) => download(proxy.url, bytes, signal).then((got) => ({ expected: bytes, got, what: 'download' }));
      phases.push(await runPhase('request body up (POST _bulk, Content-Length)', proxy, timeoutSeconds, (s) => [up(s)]));
      phases.push(await runPhase('answer down (GET, chunked)', proxy, timeoutSeconds, (s) => [down(s)]));
      phases.push(await runPhase('both at once', proxy, timeoutSeconds, (s) => [up(s), down(s)]));
    } finally {
      await proxy.stop();
      await stub.stop();
    }

    const peakOf = (p: Phase) => Math.max(p.peaks.sampledPeakRssBytes, Number.isFinite(p.peaks.hwmBytes) ? p.peaks.hwmBytes : 0);
    const rows = phases.map((p) => [
      p.name,
      fixed(p.bytes / MIB, 0),
      fixed(p.seconds),
      fixed(p.bytes / MIB / p.seconds, 0),
      fixed(p.peaks.sampledPeakRssBytes / MIB, 1),
      fixed(p.peaks.hwmBytes / MIB, 1),
      fixed((peakOf(p) - baselineRss) / MIB, 1),
      fixed(p.peaks.peakHeapUsedBytes / MIB, 1),
      fixed(p.peaks.peakExternalBytes / MIB, 1),
      String(p.peaks.samples),
    ]);
    console.log(
      formatTable(
        ['phase', 'MiB moved', 's', 'MiB/s', 'peak RSS MiB (sampled)', 'peak RSS MiB (VmHWM)', 'growth MiB', 'peak heapUsed MiB', 'peak external MiB', 'samples'],
        rows,
      ),
    );
    const worst = phases.reduce((a, b) => (peakOf(b) > peakOf(a) ? b : a));
    const growth = (peakOf(worst) - baselineRss) / MIB;
    console.log(
      `baseline RSS ${fixed(baselineRss / MIB, 1)} MiB; peak RSS ${fixed(peakOf(worst) / MIB, 1)} MiB (${worst.name}); ` +
        `growth ${fixed(growth, 1)} MiB over the baseline, ${fixed((peakOf(worst) - idleRss) / MIB, 1)} MiB over the idle start (includes the warm-up's one-time allocations)`,
    );
    console.log(
      `target: proxy memory growth < ${MAX_GROWTH_MIB} MiB while ${fixed(bytes / MIB, 0)} MiB go up and ${fixed(bytes / MIB, 0)} MiB come down: ` +
        `${fixed(growth, 1)} MiB → ${growth < MAX_GROWTH_MIB ? 'met' : 'NOT met'}`,
    );
    if (bytes !== 1024 * MIB) console.log(`(the target is stated for 1024 MiB; this run used ${fixed(bytes / MIB, 0)} MiB)`);
    saveResults(env, 'memory', 'raw figures', {
      results: { bytes, idleRssBytes: idleRss, baselineRssBytes: baselineRss, baselineHeapUsedBytes: baselineHeap, phases },
    });
  },
};
