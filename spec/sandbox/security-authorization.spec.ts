/** Security: 403 security_exception messages per action and privilege. */
import { useSandbox, control } from './helpers';
import { raw } from '../support/http-client';

const basic = (u: string): string => 'Basic ' + Buffer.from(`${u}:pw`).toString('base64');
const apiKey = (id: string): string => 'ApiKey ' + Buffer.from(`${id}:k`).toString('base64');

describe('authorization on 8.15', () => {
  const sb = useSandbox({
    security: {
      users: [
        { username: 'admin', password: 'pw', roles: ['superuser'] },
        { username: 'ml-admin', password: 'pw', roles: ['manage_ml'] },
        { username: 'ml-viewer', password: 'pw', roles: ['monitor_ml'] },
        { username: 'pipelines', password: 'pw', roles: ['read_pipeline'] },
        { username: 'reader', password: 'pw', roles: ['read-only', 'ghost_role'] },
        { username: 'runner', password: 'pw', roles: ['run_as'] },
      ],
      apiKeys: [{ id: 'viewer-key', key: 'k', roles: ['monitor_ml'] }],
    },
  });
  const as = (u: string): { headers: Record<string, string> } => ({ headers: { Authorization: basic(u) } });
  beforeEach(async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/model-a', { ...as('admin'), body: { input: { field_names: ['a'] }, inference_config: { regression: {} }, definition: {} } });
    expect(r.status).toBe(200);
  });

  it('refuses alias PUT to monitor_ml with the exact 8.x message', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/model-a/model_aliases/a-alias', as('ml-viewer'));
    expect(r.status).toBe(403);
    expect(r.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(r.json.error.type).toBe('security_exception');
    expect(r.json.error.reason).toBe(
      'action [cluster:admin/xpack/ml/inference/model_aliases/put] is unauthorized for user [ml-viewer] with effective roles [monitor_ml], this action is granted by the cluster privileges [manage_ml,manage,all]',
    );
  });

  it('allows alias PUT to manage_ml and GET to monitor_ml', async () => {
    expect((await raw(sb().url, 'PUT', '/_ml/trained_models/model-a/model_aliases/a-alias', as('ml-admin'))).status).toBe(200);
    expect((await raw(sb().url, 'GET', '/_ml/trained_models/a-alias', as('ml-viewer'))).status).toBe(200);
    expect((await raw(sb().url, 'GET', '/_ml/trained_models/_stats', as('ml-viewer'))).status).toBe(200);
  });

  it('refuses GET trained models to a pipeline reader', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models', as('pipelines'));
    expect(r.json.error.reason).toBe(
      'action [cluster:monitor/xpack/ml/inference/get] is unauthorized for user [pipelines] with effective roles [read_pipeline], this action is granted by the cluster privileges [monitor_ml,manage_ml,monitor,manage,all]',
    );
  });

  it('lets read_pipeline read pipelines but not write them', async () => {
    // authorized; with nothing stored the answer is GetPipelineResponse's 404 {} (not a 403)
    const read = await raw(sb().url, 'GET', '/_ingest/pipeline', as('pipelines'));
    expect(read.status).toBe(404);
    expect(read.json).toEqual({});
    const r = await raw(sb().url, 'PUT', '/_ingest/pipeline/p', { ...as('pipelines'), body: { processors: [] } });
    expect(r.status).toBe(403);
    expect(r.json.error.reason).toMatch(/granted by the cluster privileges \[manage_ingest_pipelines,manage_pipeline,manage,all\]$/);
  });

  it('refuses GET / to a user without monitor', async () => {
    const r = await raw(sb().url, 'GET', '/', as('ml-viewer'));
    expect(r.json.error.reason).toBe(
      'action [cluster:monitor/main] is unauthorized for user [ml-viewer] with effective roles [monitor_ml], this action is granted by the cluster privileges [monitor,manage,all]',
    );
  });

  it('notes assigned roles that do not exist', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/model-a/model_aliases/a-alias', as('reader'));
    expect(r.json.error.reason).toBe(
      'action [cluster:admin/xpack/ml/inference/model_aliases/put] is unauthorized for user [reader] with effective roles [read-only] (assigned roles [ghost_role] were not found), this action is granted by the cluster privileges [manage_ml,manage,all]',
    );
  });

  it('describes an API key without roles', async () => {
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/model-a/deployment/_stop', { headers: { Authorization: apiKey('viewer-key') } });
    expect(r.status).toBe(403);
    expect(r.json.error.reason).toMatch(/^action \[cluster:admin\/xpack\/ml\/trained_models\/deployment\/stop\] is unauthorized for API key id \[viewer-key\] of user \[[^\]]+\], this action/);
  });

  it('validates the request before authorizing it', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/model-a/model_aliases/bad1', as('ml-viewer'));
    expect(r.json.error.type).toBe('action_request_validation_exception');
  });

  it('supports es-security-runas-user', async () => {
    const ok = await raw(sb().url, 'GET', '/_ml/trained_models', { headers: { Authorization: basic('runner'), 'es-security-runas-user': 'ml-viewer' } });
    expect(ok.status).toBe(200);
    const denied = await raw(sb().url, 'GET', '/_ml/trained_models', { headers: { Authorization: basic('ml-admin'), 'es-security-runas-user': 'ml-viewer' } });
    expect(denied.status).toBe(403);
    expect(denied.json.error.reason).toBe(
      'action [cluster:monitor/xpack/ml/inference/get] is unauthorized for user [ml-admin] with effective roles [manage_ml], because user [ml-admin] is unauthorized to run as [ml-viewer]',
    );
  });

  it('answers _has_privileges for cluster privileges', async () => {
    const r = await raw(sb().url, 'POST', '/_security/user/_has_privileges', { ...as('ml-admin'), body: { cluster: ['manage_ml', 'monitor_ml', 'manage', 'cluster:admin/xpack/ml/inference/model_aliases/put'] } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      username: 'ml-admin',
      has_all_requested: false,
      cluster: { manage_ml: true, monitor_ml: true, manage: false, 'cluster:admin/xpack/ml/inference/model_aliases/put': true },
      index: {},
      application: {},
    });
    const g = await raw(sb().url, 'GET', '/_security/user/_has_privileges', { ...as('admin'), body: { cluster: ['manage'] } });
    expect(g.json.has_all_requested).toBe(true);
  });

  it('can switch security off through the control API', async () => {
    await control(sb().url, 'DELETE', '/security');
    expect((await raw(sb().url, 'GET', '/')).status).toBe(200);
    expect((await raw(sb().url, 'GET', '/_security/user/_has_privileges')).status).toBe(500);
    // reset restores the start options
    await control(sb().url, 'POST', '/reset');
    expect((await raw(sb().url, 'GET', '/')).status).toBe(401);
  });
});

describe('authorization on 7.17', () => {
  const sb = useSandbox({ esVersion: '7.17.0', security: { users: [{ username: 'v', password: 'pw', roles: ['monitor_ml'] }] } });
  it('omits the roles part of the message', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/m/model_aliases/a-alias', { headers: { Authorization: basic('v') } });
    expect(r.json.error.reason).toBe(
      'action [cluster:admin/xpack/ml/inference/model_aliases/put] is unauthorized for user [v], this action is granted by the cluster privileges [manage_ml,manage,all]',
    );
  });
});

