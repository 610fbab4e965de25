/**
 * Reading pipelines needs `read_pipeline`, which a caller allowed to stop
 * deployments can lack. Then the proxy reads them with its own credentials,
 * but only after `_has_privileges` proves the caller holds `manage_ml`;
 * otherwise the cluster's refusal is relayed (README, "Safety properties").
 * Without credentials of its own the proxy says what it needs (403).
 */
import { Stack, describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { pipelineReferencing } from '../support/fixtures';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const ADMIN = { authorization: basic('admin', 'admin-pw') };
const ML_ONLY = { authorization: basic('ml-only', 'ml-pw') };
const MONITOR_ONLY = { authorization: basic('watcher', 'w-pw') };
const users = [
  { username: 'admin', password: 'admin-pw', roles: ['superuser'] },
  { username: 'ml-only', password: 'ml-pw', roles: ['manage_ml'] },
  { username: 'watcher', password: 'w-pw', roles: ['monitor_ml'] },
  { username: 'guard-svc', password: 'svc-pw', roles: ['read_pipeline'] },
];

async function seed(stack: Stack) {
  const admin = { headers: ADMIN };
  await stack.direct.transport.request(
    { method: 'PUT', path: '/_ml/trained_models/mag-test-pt', body: { model_type: 'pytorch', inference_config: { text_embedding: {} }, input: { field_names: ['t'] } } },
    admin,
  );
  // a deployment start needs a stored definition (upstream 3rd_party_deployment.yml, docs §11)
  await stack.direct.transport.request(
    { method: 'PUT', path: '/_ml/trained_models/mag-test-pt/definition/0', body: { definition: 'AAAA', total_definition_length: 3, total_parts: 1 } },
    admin,
  );
  await stack.direct.transport.request({ method: 'POST', path: '/_ml/trained_models/mag-test-pt/deployment/_start', querystring: { wait_for: 'started' } }, admin);
  await stack.direct.transport.request({ method: 'PUT', path: '/_ml/trained_models/mag-test-pt/model_aliases/mag-test-alias' }, admin);
  await stack.direct.transport.request({ method: 'PUT', path: '/_ingest/pipeline/mag-test-pipe', body: pipelineReferencing('mag-test-alias', 'inside foreach') }, admin);
}

const STOP = '/_ml/trained_models/mag-test-pt/deployment/_stop';

describeSandboxOnly('with the proxy own credentials', () => {
  const stack = useStack({ sandbox: { security: { users } }, proxy: { ES_USERNAME: 'guard-svc', ES_PASSWORD: 'svc-pw' } });
  beforeAll(async () => seed(stack));

  it('decides for a manage_ml caller without read_pipeline, reading pipelines as the proxy', async () => {
    await stack.control('DELETE', '/_sandbox/requests');
    const answer = await raw(stack.proxyUrl, 'POST', STOP, { headers: ML_ONLY });
    expect(answer.status).toBe(409);
    expect(answer.json.error.reason).toMatch(/has a model_alias \[mag-test-alias\] that is still referenced/);
    const log = await stack.control('GET', '/_sandbox/requests');
    const requests = log.requests as Array<{ method: string; url: string; headers: Record<string, string> }>;
    const privilegeCheck = requests.find((r) => r.url.startsWith('/_security/user/_has_privileges'));
    expect(privilegeCheck?.headers.authorization).toBe(ML_ONLY.authorization);
    const pipelineReads = requests.filter((r) => r.url.startsWith('/_ingest/pipeline'));
    expect(pipelineReads.map((r) => r.headers.authorization)).toEqual([ML_ONLY.authorization, basic('guard-svc', 'svc-pw')]);
    // The proxy's credentials never reach anything but its own read.
    expect(requests.filter((r) => r.headers.authorization === basic('guard-svc', 'svc-pw'))).toHaveLength(1);
  });

  it('relays the refusal to a caller who does not hold manage_ml', async () => {
    const answer = await raw(stack.proxyUrl, 'POST', STOP, { headers: MONITOR_ONLY });
    expect(answer.status).toBe(403);
    expect(answer.json.error.type).toBe('security_exception');
    expect(answer.text).not.toMatch(/mag-test-alias/);
    expect(stack.decisions.at(-1)).toMatchObject({ verdict: 'not_authorized' });
  });
});

describeSandboxOnly('without the proxy own credentials', () => {
  const stack = useStack({ sandbox: { security: { users } } });
  beforeAll(async () => seed(stack));

  // The cluster's own 403 would name an action the caller never called (docs §4.4).
  it('answers a manage_ml caller without read_pipeline with a 403 that says what the guard needs', async () => {
    const answer = await raw(stack.proxyUrl, 'POST', STOP, { headers: ML_ONLY });
    expect(answer.status).toBe(403);
    expect(answer.json.error.type).toBe('security_exception');
    expect(answer.json.error.reason).toMatch(/^model-alias-guard must read the ingest pipelines .* holds \[manage_ml\] but not \[read_pipeline\]; the proxy has no credentials of its own/);
    expect(answer.json.error.reason).not.toMatch(/cluster:admin\/ingest\/pipeline\/get/);
    expect(answer.text).not.toMatch(/mag-test-alias/);
    // The same for a deletion Elasticsearch allows (nothing references the model id itself; the alias guard needs the pipelines).
    const deletion = await raw(stack.proxyUrl, 'DELETE', '/_ml/trained_models/mag-test-pt/model_aliases/mag-test-alias', { headers: ML_ONLY });
    expect(deletion.status).toBe(403);
    expect(deletion.json.error.reason).toMatch(/but not \[read_pipeline\]/);
  });

  it('relays the cluster refusal to a caller who does not hold manage_ml', async () => {
    const answer = await raw(stack.proxyUrl, 'POST', STOP, { headers: MONITOR_ONLY });
    expect(answer.status).toBe(403);
    expect(answer.json.error.reason).toMatch(/is unauthorized for user \[watcher\]/);
  });

  it('warned once at start that the proxy has no credentials of its own', () => {
    const warnings = stack.logs.filter((line) => typeof line.msg === 'string' && line.msg.startsWith('the proxy has no credentials of its own'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toMatch(/manage_ml but without read_pipeline is refused there \(403\)/);
  });
});
