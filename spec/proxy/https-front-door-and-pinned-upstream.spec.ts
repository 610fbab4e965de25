import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { respondJson, startUpstreamStub, type UpstreamStub } from '../support/upstream-stub';
import { startProxy, type RunningProxy } from './support/proxy-harness';
import { send } from '../support/http-client';

const OPENSSL = '/usr/bin/openssl';

/** A throw-away self-signed certificate for 127.0.0.1, made with the openssl CLI. */
function selfSignedCertificate(): { cert: Buffer; key: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'proxy-tls-'));
  try {
    execFileSync(OPENSSL, [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { cert: readFileSync(path.join(dir, 'cert.pem')), key: readFileSync(path.join(dir, 'key.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const describeWithOpenssl = existsSync(OPENSSL) ? describe : describe.skip;

describeWithOpenssl('HTTPS on both sides, upstream CA pinned through `connect`', () => {
  let certificate: { cert: Buffer; key: Buffer };
  let stub: UpstreamStub;
  let pinned: RunningProxy;
  let unpinned: RunningProxy;
  beforeAll(async () => {
    certificate = selfSignedCertificate();
    stub = await startUpstreamStub({ tls: certificate, responder: respondJson(200, { tagline: 'You Know, for Search' }) });
    pinned = await startProxy({ upstreamUrl: stub.url, forwarder: { connect: { ca: certificate.cert } }, tls: certificate });
    unpinned = await startProxy({ upstreamUrl: stub.url });
  });
  afterAll(async () => {
    await pinned.close();
    await unpinned.close();
    await stub.close();
  });

  it('serves TLS clients and forwards over TLS to a cluster whose CA is pinned', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      https
        .get({ host: '127.0.0.1', port: pinned.port, path: '/', ca: certificate.cert, agent: false }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });
    expect(answer).toEqual({ status: 200, body: '{"tagline":"You Know, for Search"}' });
    const seen = await stub.nextRequest();
    expect(seen.rawHeaders.slice(0, 2)).toEqual(['host', `127.0.0.1:${stub.port}`]);
  });

  it('answers 502 naming the TLS failure when the cluster certificate is not trusted', async () => {
    const answer = await send(unpinned.port, { path: '/' });
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.bytes.toString()).error.reason).toBe(
      'model-alias-guard could not reach the Elasticsearch cluster: TLS handshake failed (DEPTH_ZERO_SELF_SIGNED_CERT)',
    );
  });
});
