/**
 * Debian's python3-elasticsearch (7.17) with Debian's /usr/bin/python3,
 * through the proxy in front of an 8.x cluster: the client's own product
 * check (GET / with X-elastic-product, tagline, build_flavor) passes, an
 * allowed alias put works, a refused change raises
 * elasticsearch.exceptions.RequestError (400, status_exception) without
 * reaching the cluster, and the input-fields warning of a move surfaces as an
 * ElasticsearchWarning. Run in the client's default mode (plain JSON) and in
 * its REST-compatibility mode (ELASTIC_CLIENT_APIVERSIONING=1:
 * `compatible-with=7`, which an 8.x cluster accepts), and compared with the
 * same script run against the cluster directly.
 *
 * Skipped (with a message) when /usr/bin/python3 cannot import elasticsearch;
 * CI installs python3-elasticsearch in .ci/run.
 */
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startStack, Stack, LIVE_URL } from '../../support/stack';
import { clusterRequests, rawHeaderValues } from './support';
import { putTreeModel } from '../../support/fixtures';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, 'python', 'client_check.py');

const probe = spawnSync(PYTHON, ['-c', 'import elasticsearch, sys; sys.stdout.write(elasticsearch.__versionstr__)'], { encoding: 'utf8', timeout: 10_000 });
const pythonClientVersion = probe.status === 0 ? probe.stdout.trim() : null;
const skipReason = LIVE_URL
  ? 'needs the sandbox request log (ES_LIVE_URL is set)'
  : pythonClientVersion === null
    ? `${PYTHON} cannot import elasticsearch (install Debian's python3-elasticsearch: apt-get install -y python3-elasticsearch)`
    : null;
if (skipReason) console.warn(`SKIPPED python client tests: ${skipReason}`);
const describePython = skipReason ? describe.skip : describe;

interface ScriptResult {
  client_version: number[];
  verified: boolean;
  info: { tagline: string; number: string; build_flavor: string };
  put: unknown;
  refused: { class: string; is_request_error: boolean; status: number; error: string; reason: string } | null;
  moved: unknown;
  move_warnings: string[];
  alias_target: string;
}

/** Runs the script asynchronously (the proxy and the sandbox live in this process). */
function runScript(url: string, compatibilityMode: boolean, mode: 'full' | 'product-check' = 'full'): Promise<any> {
  const env: NodeJS.ProcessEnv = { PATH: '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1', LANG: 'C.UTF-8' };
  if (compatibilityMode) env.ELASTIC_CLIENT_APIVERSIONING = '1';
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [SCRIPT, url, mode], { env, timeout: 20_000, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`python client script failed: ${err.message}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      try {
        resolve(JSON.parse(stdout));
      } catch {
        reject(new Error(`python client script printed no JSON:\n${stdout}\nstderr:\n${stderr}`));
      }
    });
  });
}

let stack: Stack;
beforeAll(async () => {
  if (skipReason) return;
  stack = await startStack();
});
afterAll(async () => stack?.close());

async function freshScenario(): Promise<void> {
  await stack.reset();
  await putTreeModel(stack.direct, 'mag-test-a', { shape: 'one-leaf', fields: ['a'] });
  await putTreeModel(stack.direct, 'mag-test-b', { shape: 'one-leaf', fields: ['b'] });
  await stack.control('DELETE', '/_sandbox/requests');
}

const REFUSAL_REASON =
  'cannot assign model_alias [mag-test-alias] to model_id [mag-test-b] as model_alias already refers to [mag-test-a]. Set parameter [reassign] to [true] if model_alias should be reassigned.';
const WARNING_TEXT = 'The input fields for new model [mag-test-b] and for old model [mag-test-a] differ significantly, model results may change drastically.';

describePython(skipReason ? `python3-elasticsearch client (SKIPPED: ${skipReason})` : `python3-elasticsearch ${pythonClientVersion} through the proxy`, () => {
  for (const compatibilityMode of [false, true]) {
    const mode = compatibilityMode ? 'compatibility mode (compatible-with=7)' : 'default mode';

    it(`${mode}: product check, alias put, RequestError on refusal, warning on move — as against the cluster directly`, async () => {
      await freshScenario();
      const fromCluster: ScriptResult = await runScript(stack.esUrl, compatibilityMode);
      await freshScenario();
      const viaProxy: ScriptResult = await runScript(stack.proxyUrl, compatibilityMode);

      expect(viaProxy.client_version[0]).toBe(7);
      expect(viaProxy.verified).toBe(true);
      expect(viaProxy.info).toMatchObject({ tagline: 'You Know, for Search', build_flavor: 'default' });
      expect(viaProxy.put).toEqual({ acknowledged: true });
      expect(viaProxy.refused).toEqual({
        class: 'elasticsearch.exceptions.RequestError',
        is_request_error: true,
        status: 400,
        error: 'status_exception',
        reason: REFUSAL_REASON,
      });
      expect(viaProxy.moved).toEqual({ acknowledged: true });
      expect(viaProxy.move_warnings).toEqual([WARNING_TEXT]);
      expect(viaProxy.alias_target).toBe('mag-test-b');
      expect(viaProxy).toEqual(fromCluster);

      // What reached the cluster: the product-check GET / with X-elastic-product answered,
      // the two allowed alias puts (the refused one stopped at the proxy), media types untouched.
      const expectedAccept = compatibilityMode ? ['application/vnd.elasticsearch+json;compatible-with=7'] : ['application/json'];
      const log = await clusterRequests(stack);
      const roots = log.filter((r) => r.method === 'GET' && r.url === '/');
      expect(roots.length).toBeGreaterThanOrEqual(1);
      expect(rawHeaderValues(roots[0]!, 'accept')).toEqual(expectedAccept);
      expect(roots[0]!.status).toBe(200);
      const puts = log.filter((r) => r.method === 'PUT' && r.url.includes('/model_aliases/'));
      expect(puts.map((r) => r.url)).toEqual([
        '/_ml/trained_models/mag-test-a/model_aliases/mag-test-alias',
        '/_ml/trained_models/mag-test-b/model_aliases/mag-test-alias?reassign=true',
      ]);
      for (const put of puts) expect(rawHeaderValues(put, 'accept')).toEqual(expectedAccept);
      expect(stack.decisions.filter((d) => d.route === 'put_model_alias').map((d) => d.verdict)).toEqual(['allowed', 'refused', 'allowed']);
    });
  }

  it('control: the product check fails through the proxy when the cluster does not say it is Elasticsearch', async () => {
    await stack.reset();
    await stack.control('POST', '/_sandbox/faults', {
      method: 'GET',
      path: '/',
      status: 200,
      headers: { 'X-elastic-product': 'NotElasticsearch' },
      body: { name: 'impostor', version: { number: '8.15.0', build_flavor: 'default' }, tagline: 'You Know, for Search' },
    });
    const result = await runScript(stack.proxyUrl, false, 'product-check');
    expect(result).toEqual({ verified: 2, error_class: 'elasticsearch.exceptions.UnsupportedProductError' });
    // Without the fault the same check passes.
    expect(await runScript(stack.proxyUrl, false, 'product-check')).toEqual({ verified: true, error_class: null });
  });
});
