/**
 * RestStopTrainedModelDeploymentAction (@1dc80d4a) reads EITHER the body (when
 * hasContentOrSourceParam(): a body or a `source` parameter) OR the query parameters
 * allow_no_match, force, finish_pending_work — never both; unread query parameters are
 * "unrecognized" (docs §5.3). Body parser: StopTrainedModelDeploymentAction.Request.PARSER.
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putPyTorchModel, startDeployment, putPipeline, inferencePipeline } from '../support/fixtures';

const PATH = '/_ml/trained_models/torch/deployment/_stop';
const deployed = async (base: string): Promise<boolean> =>
  (await raw(base, 'GET', '/_ml/trained_models/torch/_stats')).json.trained_model_stats.some((e: { deployment_stats?: unknown }) => e.deployment_stats !== undefined);

describe('stop deployment: body or query parameters', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  beforeEach(async () => {
    await putPyTorchModel(sb().url, 'torch');
    await startDeployment(sb().url, 'torch');
    await putPipeline(sb().url, 'p', inferencePipeline('torch'));
  });

  it.each(['force=true', 'allow_no_match=false', 'finish_pending_work=true'])('refuses ?%s next to a body as unrecognized', async (q) => {
    const r = await raw(sb().url, 'POST', `${PATH}?${q}`, { body: {} });
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('illegal_argument_exception');
    expect(r.json.error.reason).toBe(`request [${PATH}] contains unrecognized parameter: [${q.split('=')[0]}]`);
    expect(await deployed(sb().url)).toBe(true);
  });

  it('does not let a query force through when a body is sent (the body is the only source)', async () => {
    const r = await raw(sb().url, 'POST', `${PATH}?force=true`, { body: { force: false } });
    expect(r.status).toBe(400);
    expect(await deployed(sb().url)).toBe(true);
  });

  it('reads force from the body alone', async () => {
    const refused = await raw(sb().url, 'POST', PATH, { body: {} });
    expect(refused.status).toBe(409);
    const r = await raw(sb().url, 'POST', PATH, { body: { force: true } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ stopped: true });
    expect(await deployed(sb().url)).toBe(false);
  });

  it('reads the query parameters when there is no body (finish_pending_work included)', async () => {
    const r = await raw(sb().url, 'POST', `${PATH}?force=true&finish_pending_work=true&allow_no_match=true`);
    expect(r.status).toBe(200);
    expect(await deployed(sb().url)).toBe(false);
  });

  it('treats a source parameter as the body: query force next to it is unrecognized', async () => {
    const src = encodeURIComponent('{"force":true}');
    const bad = await raw(sb().url, 'POST', `${PATH}?source=${src}&source_content_type=application/json&force=true`);
    expect(bad.status).toBe(400);
    // consumed candidates now include source (Levenshtein 1 - 2/6 > 0.5)
    expect(bad.json.error.reason).toBe(`request [${PATH}] contains unrecognized parameter: [force] -> did you mean [source]?`);
    const ok = await raw(sb().url, 'POST', `${PATH}?source=${src}&source_content_type=application/json`);
    expect(ok.status).toBe(200);
    expect(await deployed(sb().url)).toBe(false);
  });

  it('leaves source unconsumed when a body is present', async () => {
    const r = await raw(sb().url, 'POST', `${PATH}?source=%7B%7D&source_content_type=application/json`, { body: {} });
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe(`request [${PATH}] contains unrecognized parameters: [source], [source_content_type]`);
  });

  it('rejects unknown body fields and a model_id differing from the path', async () => {
    const unknown = await raw(sb().url, 'POST', PATH, { body: { timeout: '1s' } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.type).toBe('x_content_parse_exception');
    expect(unknown.json.error.reason).toContain('[cluster:admin/xpack/ml/trained_models/deployment/stop] unknown field [timeout]');
    const other = await raw(sb().url, 'POST', PATH, { body: { model_id: 'other' } });
    expect(other.status).toBe(400);
    expect(other.json.error.reason).toBe("Inconsistent model_id; 'other' specified in the body differs from 'torch' specified as a URL argument");
  });
});
