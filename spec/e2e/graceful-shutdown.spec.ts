/**
 * SIGTERM on the built proxy: readiness fails first, new connections are
 * refused, a slow streamed answer in flight completes, and the process exits
 * 0 (README, "Configuration": `SHUTDOWN_GRACE_MS`). The cluster is a stub that streams slowly.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as http from 'node:http';
import { startUpstreamStub, UpstreamStub } from '../support/upstream-stub';

const ENTRY = join(__dirname, '..', '..', 'dist', 'src', 'index.js');
const describeBuilt = existsSync(ENTRY) ? describe : describe.skip;

function startProxyProcess(esUrl: string): Promise<{ child: ChildProcess; proxyUrl: string; adminUrl: string }> {
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH, ES_URL: esUrl, PROXY_PORT: '0', ADMIN_PORT: '0', LOG_LEVEL: 'warn', SHUTDOWN_GRACE_MS: '5000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    // A child that never printed its banner is killed here: no test holds it, and a live child keeps the jest worker from exiting.
    const fail = (error: Error) => {
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`no banner: ${out}`)), 10000);
    child.once('exit', (code) => fail(new Error(`exited with ${code} before the banner: ${out}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const proxy = /model-alias-guard\s+(http:\/\/\S+)/.exec(out);
      const admin = /admin\s+(http:\/\/\S+)\/healthz/.exec(out);
      if (proxy && admin) {
        clearTimeout(timer);
        resolve({ child, proxyUrl: proxy[1]!, adminUrl: admin[1]! });
      }
    });
  });
}

function get(url: string): Promise<{ status: number; body: string; chunkTimes: number[] }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        const chunkTimes: number[] = [];
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          chunkTimes.push(Date.now());
        });
        res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), chunkTimes }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describeBuilt('graceful shutdown', () => {
  let stub: UpstreamStub;
  beforeAll(async () => {
    stub = await startUpstreamStub({
      responder: async (req, res) => {
        if (req.url === '/slow') {
          res.writeHead(200, { 'content-type': 'application/x-ndjson', 'x-elastic-product': 'Elasticsearch' });
          for (let i = 0; i < 10; i++) {
            res.write(`{"line":${i}}\n`);
            await new Promise((r) => setTimeout(r, 100));
          }
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
        res.end('{"version":{"number":"8.15.0","build_hash":"abc"}}');
      },
    });
  });
  afterAll(async () => stub.close());

  it('lets a slow streamed answer finish, fails readiness, refuses new connections, exits 0', async () => {
    const { child, proxyUrl, adminUrl } = await startProxyProcess(stub.url);
    try {
      expect((await get(`${adminUrl}/readyz`)).status).toBe(200);
      const slow = get(`${proxyUrl}/slow`);
      await new Promise((r) => setTimeout(r, 250));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 100));

      const readiness = await get(`${adminUrl}/readyz`).catch(() => ({ status: 0, body: '' }));
      expect(readiness.status).toBe(503);
      await expect(get(`${proxyUrl}/`)).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);

      const answer = await slow;
      expect(answer.status).toBe(200);
      expect(answer.body.trim().split('\n')).toHaveLength(10);
      // Part of the answer arrived after the signal: it was not cut.
      expect(answer.chunkTimes.at(-1)!).toBeGreaterThan(signalledAt);
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
