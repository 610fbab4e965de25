/**
 * The kit our contract tests from Elasticsearch's YAML REST tests run on (docs §11): each
 * scenario runs against the sandbox at every version it names, once straight and once through
 * the proxy in front of it (the proxy must not change a verdict); with ES_LIVE_URL set, against
 * that cluster (through the proxy and straight) instead, removing what the scenario created.
 *
 *   yamlScenarios('inference_crud.yml get', { versions: ['8.15.0', '8.8.0'] }, (es, version) => {
 *     beforeEach(async () => putTreeModels(es(), ...));
 *     it('…', async () => expect((await es().get('/_ml/trained_models/x')).status).toBe(404));
 *   });
 */
import { LIVE_URL } from '../../support/stack';
import { raw } from '../../support/http-client';
import { useStack } from '../../support/use-stack';

export interface Answer {
  status: number;
  body: string;
  json: any;
  headers: Record<string, string | string[] | undefined>;
}

export interface Es {
  /** Which way this run goes: `direct` or `proxy` (and `live` when ES_LIVE_URL is set). */
  route: string;
  version: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  get(path: string): Promise<Answer>;
  put(path: string, body?: unknown): Promise<Answer>;
  post(path: string, body?: unknown): Promise<Answer>;
  delete(path: string): Promise<Answer>;
  /** Like request, but throws unless the answer is 2xx (setup steps). */
  ok(method: string, path: string, body?: unknown): Promise<Answer>;
}

export interface ScenarioOptions {
  /** Sandbox versions to emulate; the first is the one a live run stands for. */
  versions?: string[];
  /** Not run against ES_LIVE_URL (e.g. a 7.x file when the live cluster is 8.x). */
  sandboxOnly?: boolean;
}

const MODEL_PUT = /^\/_ml\/trained_models\/([^/?]+)(?:\?.*)?$/;
const PIPELINE_PUT = /^\/_ingest\/pipeline\/([^/?]+)(?:\?.*)?$/;

function client(baseUrl: () => string, auth: () => Record<string, string>, route: string, version: string, created: { models: Set<string>; pipelines: Set<string> }): Es {
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const h: Record<string, string> = { ...auth(), ...headers };
    if (text !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
    const a = await raw(baseUrl(), method, path, { headers: h, body: text });
    if (method === 'PUT' && a.status < 300) {
      const m = MODEL_PUT.exec(path) ?? undefined;
      const p = PIPELINE_PUT.exec(path) ?? undefined;
      if (m) created.models.add(decodeURIComponent(m[1]!));
      if (p) created.pipelines.add(decodeURIComponent(p[1]!));
    }
    return { status: a.status, body: a.text, json: a.json, headers: a.headers };
  };
  return {
    route,
    version,
    request,
    get: (p) => request('GET', p),
    put: (p, b) => request('PUT', p, b),
    post: (p, b) => request('POST', p, b),
    delete: (p) => request('DELETE', p),
    async ok(method, path, body) {
      const a = await request(method, path, body);
      if (a.status >= 300) throw new Error(`setup ${method} ${path} answered ${a.status}: ${a.body}`);
      return a;
    },
  };
}

/**
 * Registers `define` once per version and route. `es()` is the client of the running scenario;
 * state is reset before each test (sandbox reset, or on a live cluster the deletion of the models
 * and pipelines the previous test created).
 */
export function yamlScenarios(title: string, options: ScenarioOptions, define: (es: () => Es, version: string) => void): void {
  if (LIVE_URL && options.sandboxOnly) {
    describe.skip(`${title} (sandbox only)`, () => undefined);
    return;
  }
  const versions = LIVE_URL ? [(options.versions ?? ['8.15.0'])[0]!] : (options.versions ?? ['8.15.0']);
  for (const version of versions) {
    describe(`${title} (${LIVE_URL ? 'live cluster' : `sandbox ${version}`})`, () => {
      const stack = useStack({ sandbox: { esVersion: version } });
      const created = { models: new Set<string>(), pipelines: new Set<string>() };
      const cleanup = async (): Promise<void> => {
        if (!LIVE_URL) {
          await stack.reset();
          return;
        }
        const direct = client(() => stack.esUrl, () => stack.auth, 'live', version, created);
        for (const p of created.pipelines) await direct.delete(`/_ingest/pipeline/${encodeURIComponent(p)}`);
        for (const m of created.models) await direct.delete(`/_ml/trained_models/${encodeURIComponent(m)}?force=true`);
        created.models.clear();
        created.pipelines.clear();
      };
      beforeEach(cleanup);
      afterAll(async () => (LIVE_URL ? cleanup() : undefined));
      for (const route of ['direct', 'proxy'] as const) {
        describe(`${route === 'direct' ? 'straight' : 'through the proxy'}`, () => {
          const es = client(() => (route === 'direct' ? stack.esUrl : stack.proxyUrl), () => stack.auth, route, version, created);
          define(() => es, version);
        });
      }
    });
  }
}

/** A one-node regression or classification tree, the fixture most upstream tests put. */
export function stumpModel(kind: 'regression' | 'classification', extra: Record<string, unknown> = {}): Record<string, unknown> {
  const tree: Record<string, unknown> = { feature_names: ['field1', 'field2'], tree_structure: [{ node_index: 0, leaf_value: 1 }], target_type: kind };
  if (kind === 'classification') tree.classification_labels = ['no', 'yes'];
  return {
    description: 'empty model for tests',
    input: { field_names: ['field1', 'field2'] },
    inference_config: { [kind]: {} },
    definition: { preprocessors: [], trained_model: { tree } },
    ...extra,
  };
}

/** The two-tree regression ensemble of inference_crud.yml "Test put model". */
export function twoTreeEnsemble(inferenceConfig: 'regression' | 'classification' = 'regression'): Record<string, unknown> {
  const tree = {
    tree: {
      feature_names: ['field1', 'field2'],
      tree_structure: [
        { node_index: 0, threshold: 2, left_child: 1, right_child: 2 },
        { node_index: 1, leaf_value: 0 },
        { node_index: 2, leaf_value: 1 },
      ],
      target_type: 'regression',
    },
  };
  return {
    description: 'model for tests',
    input: { field_names: ['field1', 'field2'] },
    inference_config: { [inferenceConfig]: {} },
    definition: { preprocessors: [], trained_model: { ensemble: { target_type: 'regression', trained_models: [tree, tree] } } },
  };
}
