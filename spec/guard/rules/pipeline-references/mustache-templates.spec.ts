import { findInferenceModelIds, scanPipelineReferences } from '../../../../src/guard/rules/pipeline-references';

describe('findInferenceModelIds: mustache model_id', () => {
  const pipelines = { t: { processors: [{ inference: { model_id: '{{ctx.model}}' } }, { inference: { model_id: 'plain' } }] } };

  it('keeps the literal text as the reference, as Elasticsearch does (model_id is not rendered)', () => {
    const refs = findInferenceModelIds(pipelines);
    expect(refs.get('{{ctx.model}}')).toEqual(['t']);
    expect(refs.get('plain')).toEqual(['t']);
  });

  it('reports templated model ids separately', () => {
    expect(scanPipelineReferences(pipelines).templatedModelIds).toEqual([{ pipelineId: 't', modelId: '{{ctx.model}}' }]);
  });

  it('does not report ordinary ids as templated', () => {
    expect(scanPipelineReferences({ t: { processors: [{ inference: { model_id: 'a{b}' } }] } }).templatedModelIds).toEqual([]);
  });
});
