import { findInferenceModelIds } from '../../../../src/guard/rules/pipeline-references';

describe('findInferenceModelIds: top-level inference processor', () => {
  it('records the model_id of an inference processor in the processors list', () => {
    const refs = findInferenceModelIds({
      p1: { processors: [{ set: { field: 'a', value: 1 } }, { inference: { model_id: 'my-model', target_field: 'ml' } }] },
    });
    expect(refs).toEqual(new Map([['my-model', ['p1']]]));
  });

  it('records nothing for a pipeline without inference processors', () => {
    expect(findInferenceModelIds({ p1: { processors: [{ set: { field: 'a', value: 1 } }] } }).size).toBe(0);
  });

  it('does not treat a model_id field of another processor type as a reference', () => {
    expect(findInferenceModelIds({ p1: { processors: [{ set: { field: 'model_id', model_id: 'x' } }] } }).size).toBe(0);
  });
});
