import { findInferenceModelIds } from '../../../../src/guard/rules/pipeline-references';

describe("findInferenceModelIds: the inference processor's own on_failure", () => {
  it('finds a second inference processor in the on_failure of the first (Elasticsearch does not)', () => {
    const refs = findInferenceModelIds({
      p: { processors: [{ inference: { model_id: 'primary', on_failure: [{ inference: { model_id: 'secondary' } }] } }] },
    });
    expect(refs.get('primary')).toEqual(['p']);
    expect(refs.get('secondary')).toEqual(['p']);
  });
});
