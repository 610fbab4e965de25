import { findInferenceModelIds } from '../../../../src/guard/rules/pipeline-references';

describe('findInferenceModelIds: pipeline-level on_failure', () => {
  it('finds an inference processor in the pipeline-level on_failure list (Elasticsearch does not)', () => {
    const refs = findInferenceModelIds({
      p: { processors: [{ set: { field: 'a', value: 1 } }], on_failure: [{ inference: { model_id: 'pipeline-fallback' } }] },
    });
    expect(refs.get('pipeline-fallback')).toEqual(['p']);
  });

  it('finds it in a pipeline that has only an on_failure list', () => {
    expect(findInferenceModelIds({ p: { on_failure: [{ inference: { model_id: 'only' } }] } }).get('only')).toEqual(['p']);
  });
});
