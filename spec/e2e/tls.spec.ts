/**
 * TLS on both sides: an https cluster verified with ES_CA_CERT or pinned
 * with ES_CA_FINGERPRINT, and the proxy's own listener on TLS. A cluster
 * whose certificate does not verify is never talked to: passthrough gets
 * 502, a guarded change fails closed with 503.
 */
import { Agent, request } from 'undici';
import { startStack, Stack, describeSandboxOnly } from '../support/stack';
import { makeTlsFixtures, haveOpenssl, TlsFixtures } from '../support/tls-fixtures';
import { seedTypeMismatch } from '../support/fixtures';

const describeTls = haveOpenssl ? describeSandboxOnly : describe.skip;

let fixtures: TlsFixtures;
beforeAll(() => {
  if (haveOpenssl) fixtures = makeTlsFixtures();
});
afterAll(() => fixtures?.cleanup());

async function rawTls(url: string, method: string, ca?: string) {
  const dispatcher = new Agent({ connect: ca ? { ca } : {} });
  try {
    const answer = await request(url, { method: method as 'GET', dispatcher });
    const body = await answer.body.text();
    return { status: answer.statusCode, json: body ? JSON.parse(body) : undefined };
  } finally {
    await dispatcher.close();
  }
}

async function refusedChangeScenario(stack: Stack) {
  await seedTypeMismatch(stack.direct);
}

describeTls('https cluster verified with ES_CA_CERT', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      sandbox: { tls: { cert: fixtures.serverChain, key: fixtures.serverKey } },
      tls: { upstream: { ca: fixtures.caCert } },
      clientCa: fixtures.caCert,
    });
    await refusedChangeScenario(stack);
  });
  afterAll(async () => stack.close());

  it('forwards passthrough over TLS and guards with reads over TLS', async () => {
    expect(stack.esUrl).toMatch(/^https:/);
    const info = await stack.viaProxy.info();
    expect(info.version.number).toBe('8.15.0');
    const refused = await rawTls(`${stack.proxyUrl}/_ml/trained_models/mag-test-cls/model_aliases/mag-test-alias?reassign=true`, 'PUT');
    expect(refused.status).toBe(400);
    expect(refused.json.error.reason).toMatch(/inference config type \[classification\]/);
  });
});

describeTls('https cluster pinned with ES_CA_FINGERPRINT', () => {
  it('works with the right fingerprint', async () => {
    const stack = await startStack({
      sandbox: { tls: { cert: fixtures.serverChain, key: fixtures.serverKey } },
      tls: { upstream: { caFingerprint: fixtures.caFingerprint } },
      clientCa: fixtures.caCert,
    });
    try {
      await refusedChangeScenario(stack);
      expect((await rawTls(`${stack.proxyUrl}/`, 'GET')).status).toBe(200);
      const refused = await rawTls(`${stack.proxyUrl}/_ml/trained_models/mag-test-cls/model_aliases/mag-test-alias?reassign=true`, 'PUT');
      expect(refused.status).toBe(400);
    } finally {
      await stack.close();
    }
  });

  it('never talks to a cluster with another CA: 502 for passthrough, 503 for a guarded change', async () => {
    const wrong = fixtures.caFingerprint.replace(/^../, fixtures.caFingerprint.startsWith('00') ? '11' : '00');
    const stack = await startStack({
      sandbox: { tls: { cert: fixtures.serverChain, key: fixtures.serverKey } },
      tls: { upstream: { caFingerprint: wrong } },
      clientCa: fixtures.caCert,
    });
    try {
      await stack.control('DELETE', '/_sandbox/requests').catch(() => undefined);
      const passthrough = await rawTls(`${stack.proxyUrl}/`, 'GET');
      expect(passthrough.status).toBe(502);
      const guarded = await rawTls(`${stack.proxyUrl}/_ml/trained_models/m/model_aliases/mag-test-alias`, 'PUT');
      expect(guarded.status).toBe(503);
      expect(guarded.json.error.reason).toMatch(/fingerprint/);
    } finally {
      await stack.close();
    }
  });
});

describeTls('the proxy listener on TLS', () => {
  it('serves the proxied port over https with PROXY_TLS_CERT/KEY', async () => {
    const stack = await startStack({
      tls: { upstream: {}, listener: { cert: fixtures.serverCert, key: fixtures.serverKey } },
      clientCa: fixtures.caCert,
    });
    try {
      expect(stack.proxyUrl).toMatch(/^https:\/\/127\.0\.0\.1:/);
      const info = await stack.viaProxy.info();
      expect(info.tagline).toBe('You Know, for Search');
      await expect(rawTls(`${stack.proxyUrl}/`, 'GET')).rejects.toThrow(/self.signed|unable to verify|certificate/i);
    } finally {
      await stack.close();
    }
  });
});
