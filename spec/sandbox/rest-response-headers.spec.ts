/** Response headers (docs §5.6): X-Opaque-Id echo, product header on errors, gzip, Warning dedup; TLS. */
import { request as httpsRequest } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { startSandbox } from '../../src/sandbox';

describe('response headers', () => {
  const sb = useSandbox();

  it('echoes X-Opaque-Id on success and on errors', async () => {
    expect((await raw(sb().url, 'GET', '/', { headers: { 'X-Opaque-Id': 'abc-1' } })).headers['x-opaque-id']).toBe('abc-1');
    expect((await raw(sb().url, 'GET', '/_nothing/x/y/z', { headers: { 'X-Opaque-Id': 'abc-2' } })).headers['x-opaque-id']).toBe('abc-2');
  });

  it('sends X-elastic-product on 400, 405 and 406 answers', async () => {
    for (const [m, p, h] of [['GET', '/_nothing/x/y/z', {}], ['POST', '/', {}], ['PUT', '/_ingest/pipeline/p', { 'Content-Type': 'text/plain' }]] as const) {
      const r = await raw(sb().url, m, p, m === 'PUT' ? { body: 'x', headers: h } : {});
      expect(r.headers['x-elastic-product']).toBe('Elasticsearch');
    }
  });

  it('gzips when Accept-Encoding asks, plain otherwise', async () => {
    const g = await raw(sb().url, 'GET', '/', { headers: { 'Accept-Encoding': 'gzip, deflate' } });
    expect(g.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(g.bytes).toString()).tagline).toBe('You Know, for Search');
    const p = await raw(sb().url, 'GET', '/');
    expect(p.headers['content-encoding']).toBeUndefined();
  });

  it('pretty-prints like Jackson', async () => {
    const r = await raw(sb().url, 'GET', '/_cluster/health?pretty&filter_path=status,number_of_nodes');
    expect(r.text).toBe('{\n  "status" : "green",\n  "number_of_nodes" : 1\n}\n');
  });
});

describe('TLS', () => {
  it('serves https when given a certificate', async () => {
    let cert: string;
    let key: string;
    try {
      const dir = mkdtempSync(join(tmpdir(), 'sandbox-tls-'));
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore', timeout: 10_000 });
      cert = readFileSync(join(dir, 'c.pem'), 'utf8');
      key = readFileSync(join(dir, 'k.pem'), 'utf8');
    } catch {
      return; // no openssl here
    }
    const sb = await startSandbox({ tls: { cert, key } });
    try {
      expect(sb.url.startsWith('https://')).toBe(true);
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest(sb.url + '/', { rejectUnauthorized: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
    } finally {
      await sb.close();
    }
  });
});
