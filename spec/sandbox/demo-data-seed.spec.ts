/** Demo data and the banner's curl examples, checked against the sandbox itself. */
import { execFile } from 'node:child_process';
import { startSandbox, demoCurlExamples, Sandbox } from '../../src/sandbox';
import { control } from './helpers';
import { raw } from '../support/http-client';

function curlToRequest(cmd: string): { method: string; path: string } {
  const m = /-X (\w+) '([^']+)'/.exec(cmd);
  if (!m) throw new Error(`not a curl command: ${cmd}`);
  const u = new URL(m[2]!);
  return { method: m[1]!, path: u.pathname + u.search };
}

describe.each(['8.15.0', '7.17.0'])('demo data on %s', (esVersion) => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ esVersion, seedDemoData: true });
  });
  afterAll(() => sb.close());

  it('seeds the models, alias and pipeline, and reset re-seeds them', async () => {
    await control(sb.url, 'POST', '/reset');
    const r = await raw(sb.url, 'GET', '/_ml/trained_models');
    const ids = r.json.trained_model_configs.map((c: { model_id: string }) => c.model_id);
    expect(ids).toEqual(expect.arrayContaining(['demo-flight-delay-classifier', 'demo-fare-regression']));
    const alias = await raw(sb.url, 'GET', '/_ml/trained_models/demo-embedding');
    expect(alias.status).toBe(200);
    const p = await raw(sb.url, 'GET', '/_ingest/pipeline/demo-embedding-pipeline');
    expect(p.json['demo-embedding-pipeline'].processors[0].inference.model_id).toBe('demo-embedding');
    if (esVersion.startsWith('8')) {
      expect(ids).toEqual(expect.arrayContaining(['demo-minilm-embedding-v1', 'demo-minilm-embedding-v2']));
      const stats = await raw(sb.url, 'GET', '/_ml/trained_models/demo-minilm-embedding-*/_stats');
      const deployed = stats.json.trained_model_stats.filter((e: { deployment_stats?: unknown }) => e.deployment_stats);
      expect(deployed.map((e: { model_id: string }) => e.model_id)).toEqual(['demo-minilm-embedding-v1']);
      expect(deployed[0].deployment_stats.allocation_status.state).toBe('fully_allocated');
      expect(alias.json.trained_model_configs[0].model_id).toBe('demo-minilm-embedding-v1');
    }
  });

  it('gives one allowed and one refused curl example that behave so', async () => {
    await control(sb.url, 'POST', '/reset');
    const ex = demoCurlExamples(sb.url + '/');
    expect(ex.allowed.startsWith(`curl -s -X PUT '${sb.url}/_ml/`)).toBe(true);
    const ok = curlToRequest(ex.allowed);
    expect((await raw(sb.url, ok.method, ok.path)).status).toBe(200);
    expect((await raw(sb.url, ok.method, ok.path)).status).toBe(200); // repeatable
    const no = curlToRequest(ex.refused);
    const refused = await raw(sb.url, no.method, no.path);
    expect(refused.status).toBe(400);
    expect(refused.json.error.type).toBe('status_exception');
  });

  it('the refused example really runs through curl when curl is installed', async () => {
    await control(sb.url, 'POST', '/reset');
    const ex = demoCurlExamples(sb.url);
    const out = await new Promise<string | null>((resolve) => {
      const args = ex.refused.replace(/^curl /, '').match(/'[^']*'|\S+/g)!.map((a) => a.replace(/^'|'$/g, ''));
      execFile('curl', args, { timeout: 5000 }, (err, stdout) => resolve(err && (err as NodeJS.ErrnoException).code === 'ENOENT' ? null : stdout));
    });
    if (out === null) return; // no curl on this machine
    expect(JSON.parse(out).status).toBe(400);
  });
});
