/** docs §3.3: which pipeline entries count as references (map-based walk vs older top-level walk). */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel, putAlias, putPipeline } from '../support/fixtures';

const nested = {
  foreach: { processor: { inference: { model_id: 'the-alias' } } },
};
const inOnFailure = { set: { field: 'x', value: 1, on_failure: [{ inference: { model_id: 'the-alias' } }] } };
const conditional = { inference: { model_id: 'the-alias', if: 'ctx.x != null' } };
const pipelineLevelOnFailure = { processors: [], on_failure: [{ inference: { model_id: 'the-alias' } }] };
const inferenceOwnOnFailure = { inference: { model_id: 'x', on_failure: [{ inference: { model_id: 'the-alias' } }] } };

const del = (base: string): ReturnType<typeof raw> => raw(base, 'DELETE', '/_ml/trained_models/model-a/model_aliases/the-alias');

describe('reference walk on 8.15 (map-based)', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  beforeEach(async () => {
    await putTreeModel(sb().url, 'model-a');
    await putAlias(sb().url, 'model-a', 'the-alias');
  });

  it.each([
    ['foreach processor', { processors: [nested] }],
    ['another processor on_failure', { processors: [inOnFailure] }],
    ['a conditional inference processor', { processors: [conditional] }],
  ])('sees a reference in %s', async (_n, p) => {
    await putPipeline(sb().url, 'p', p);
    expect((await del(sb().url)).status).toBe(409);
  });

  it.each([
    ['the pipeline-level on_failure', pipelineLevelOnFailure],
    ["an inference processor's own on_failure", { processors: [inferenceOwnOnFailure] }],
    ['a pipeline processor (not followed)', { processors: [{ pipeline: { name: 'the-alias' } }] }],
  ])('does not see a reference in %s', async (_n, p) => {
    await putPipeline(sb().url, 'p', p);
    expect((await del(sb().url)).status).toBe(200);
  });

  it('caps the recursion depth at 10 levels', async () => {
    let proc: object = { inference: { model_id: 'the-alias' } };
    for (let i = 0; i < 11; i++) proc = { foreach: { field: 'f', processor: proc } };
    await putPipeline(sb().url, 'p', { processors: [proc] });
    expect((await del(sb().url)).status).toBe(200);
  });
});

describe('reference walk on 8.7 (older top-level walk)', () => {
  const sb = useSandbox({ esVersion: '8.7.0' });
  beforeEach(async () => {
    await putTreeModel(sb().url, 'model-a');
    await putAlias(sb().url, 'model-a', 'the-alias');
  });

  it('sees a plain top-level inference processor', async () => {
    await putPipeline(sb().url, 'p', { processors: [{ inference: { model_id: 'the-alias' } }] });
    expect((await del(sb().url)).status).toBe(409);
  });

  it.each([
    ['foreach', { processors: [nested] }],
    ['on_failure of another processor', { processors: [inOnFailure] }],
    ['a conditional (wrapped) inference processor', { processors: [conditional] }],
  ])('misses a reference in %s', async (_n, p) => {
    await putPipeline(sb().url, 'p', p);
    expect((await del(sb().url)).status).toBe(200);
  });
});
