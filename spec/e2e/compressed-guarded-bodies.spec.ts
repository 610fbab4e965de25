/**
 * Guarded requests with a gzip or deflate body are judged on the body as
 * Elasticsearch's HTTP layer decodes it, and forwarded as they came
 * (docs §8.1): the JS client with `compression: true` (it sends `force` of a stop in
 * the body), raw gzip/deflate bodies, a corrupt stream, a decoded size over
 * the limit, and Debian's python3-elasticsearch 7.17 with `http_compress=True`.
 */
import { execFile, spawnSync } from 'node:child_process';
import { deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import { Client } from '@elastic/elasticsearch';
import { request } from 'undici';
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { seedDeployedModelWithAlias, putTreeModel, pipelineReferencing } from '../support/fixtures';

const stack = useStack();
const STOP = '/_ml/trained_models/mag-test-pt/deployment/_stop';
const GZIP_JSON = { 'content-type': 'application/json', 'content-encoding': 'gzip' };

async function deployed(): Promise<boolean> {
  const stats = await stack.direct.ml.getTrainedModelsStats({ model_id: 'mag-test-pt' });
  return stats.trained_model_stats.some((s) => s.deployment_stats !== undefined);
}

async function lastRequestTo(method: string, path: string): Promise<{ body_base64: string; headers: Record<string, string> }> {
  const log = await stack.control('GET', `/_sandbox/requests?method=${method}`);
  const entries = (log.requests as Array<{ url: string; body_base64: string; headers: Record<string, string> }>).filter((r) => r.url.startsWith(path));
  return entries.at(-1)!;
}

describeSandboxOnly('compressed bodies on guarded routes', () => {
  beforeEach(async () => {
    await stack.reset();
    await seedDeployedModelWithAlias(stack.direct);
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', 'top-level') });
  });

  it('the JS client with compression: a referenced stop is refused, a forced one stops it', async () => {
    const client = new Client({ node: stack.proxyUrl, compression: true, maxRetries: 0 });
    try {
      await expect(client.ml.stopTrainedModelDeployment({ model_id: 'mag-test-pt', allow_no_match: true })).rejects.toMatchObject({
        meta: { statusCode: 409 },
      });
      expect(await deployed()).toBe(true);
      expect(await client.ml.stopTrainedModelDeployment({ model_id: 'mag-test-pt', force: true })).toEqual({ stopped: true });
      expect(await deployed()).toBe(false);
      // Forwarded as it came: still gzip, the same bytes.
      const seen = await lastRequestTo('POST', STOP);
      expect(seen.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(gunzipSync(Buffer.from(seen.body_base64, 'base64')).toString('utf8'))).toEqual({ force: true });
    } finally {
      await client.close();
    }
  });

  it('reads a raw gzip and deflate body, and forwards the original bytes', async () => {
    const refused = await raw(stack.proxyUrl, 'POST', STOP, { headers: GZIP_JSON, body: gzipSync('{"force":false}') });
    expect(refused.status).toBe(409);
    const forced = deflateSync('{"force":true}');
    const answer = await raw(stack.proxyUrl, 'POST', STOP, { headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }, body: forced });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ stopped: true });
    expect(Buffer.from((await lastRequestTo('POST', STOP)).body_base64, 'base64').equals(forced)).toBe(true);
  });

  it('a gzip of an empty body on PUT alias is no body at all: forwarded, not refused', async () => {
    await putTreeModel(stack.direct, 'mag-test-reg', { shape: 'one-leaf' });
    const options = { headers: GZIP_JSON, body: gzipSync(Buffer.alloc(0)) };
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/mag-test-other', options);
    // The cluster's answer is relayed (Elasticsearch decodes first and sees no content: 200).
    expect(stack.decisions.at(-1)).toMatchObject({ verdict: 'allowed', upstreamStatus: answer.status });
    expect(answer.text).not.toMatch(/does not support having a body/);
  });

  it('refuses a body whose decoded size is over the limit with 413', async () => {
    const bomb = gzipSync(Buffer.from(`{"force":false,"model_id":"${'x'.repeat(200 * 1024)}"}`));
    const answer = await raw(stack.proxyUrl, 'POST', STOP, { headers: GZIP_JSON, body: bomb });
    expect(answer.status).toBe(413);
    expect(await deployed()).toBe(true);
  });

  it('closes the connection without an answer for a corrupt stream, as Elasticsearch does', async () => {
    await expect(
      request(`${stack.proxyUrl}${STOP}`, { method: 'POST', headers: GZIP_JSON, body: Buffer.from('{"force":true}') }).then((r) => r.body.text()),
    ).rejects.toThrow();
    expect(await deployed()).toBe(true);
    expect(stack.decisions.at(-1)).toMatchObject({ verdict: 'invalid', rule: 'REQUEST_BODY_NOT_DECODABLE' });
  });
});

const PYTHON = '/usr/bin/python3';
const hasPython = spawnSync(PYTHON, ['-c', 'import elasticsearch'], { timeout: 10_000 }).status === 0;
if (!hasPython) console.warn(`SKIPPED python compression test: ${PYTHON} cannot import elasticsearch`);

const SCRIPT = `
import json, sys
from elasticsearch import Elasticsearch
from elasticsearch.exceptions import TransportError
es = Elasticsearch([sys.argv[1]], http_compress=True, max_retries=0)
# 7.17 has no stop_trained_model_deployment helper: the body goes through the transport, gzip-compressed.
JSON_TYPE = {"content-type": "application/json"}
out = {}
try:
    es.transport.perform_request("POST", "/_ml/trained_models/mag-test-pt/deployment/_stop", headers=JSON_TYPE, body={"force": False})
    out["stop"] = "stopped"
except TransportError as err:
    out["stop"] = err.status_code
out["forced"] = es.transport.perform_request("POST", "/_ml/trained_models/mag-test-pt/deployment/_stop", headers=JSON_TYPE, body={"force": True})
out["delete_alias"] = es.ml.delete_trained_model_alias(model_id="mag-test-pt", model_alias="mag-test-alias")
print(json.dumps(out))
`;

(hasPython ? describeSandboxOnly : describe.skip)('python3-elasticsearch 7.17 with http_compress=True', () => {
  beforeEach(async () => {
    await stack.reset();
    await seedDeployedModelWithAlias(stack.direct);
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-pt', 'top-level') });
  });

  it('stops (refused, then forced) and deletes an alias through the proxy', async () => {
    const out = await new Promise<Record<string, unknown>>((resolve, reject) => {
      execFile(PYTHON, ['-c', SCRIPT, stack.proxyUrl], { env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' }, timeout: 20_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Record<string, unknown>),
      );
    });
    expect(out).toEqual({ stop: 409, forced: { stopped: true }, delete_alias: { acknowledged: true } });
    const seen = await lastRequestTo('POST', STOP);
    expect(seen.headers['content-encoding']).toBe('gzip');
  });
});
