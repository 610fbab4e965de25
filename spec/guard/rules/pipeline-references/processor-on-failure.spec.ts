import { findInferenceModelIds } from '../../../../src/guard/rules/pipeline-references';

describe("findInferenceModelIds: inference in another processor's on_failure", () => {
  it('finds it in the on_failure list of any processor type', () => {
    const refs = findInferenceModelIds({
      p: { processors: [{ script: { source: 'ctx.x = 1', on_failure: [{ set: { field: 'e', value: 1 } }, { inference: { model_id: 'rescue' } }] } }] },
    });
    expect(refs.get('rescue')).toEqual(['p']);
  });

  it('finds it in an on_failure nested inside another on_failure', () => {
    const refs = findInferenceModelIds({
      p: { processors: [{ set: { field: 'a', value: 1, on_failure: [{ set: { field: 'b', value: 2, on_failure: [{ inference: { model_id: 'inner' } }] } }] } }] },
    });
    expect(refs.get('inner')).toEqual(['p']);
  });
});
