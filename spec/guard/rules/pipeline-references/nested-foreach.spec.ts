import { findInferenceModelIds } from '../../../../src/guard/rules/pipeline-references';

describe('findInferenceModelIds: nested foreach', () => {
  it('finds an inference processor two foreach levels down', () => {
    const refs = findInferenceModelIds({
      p: {
        processors: [
          { foreach: { field: 'outer', processor: { foreach: { field: '_ingest._value.inner', processor: { inference: { model_id: 'deep' } } } } } },
        ],
      },
    });
    expect(refs.get('deep')).toEqual(['p']);
  });

  it('finds an inference processor in the on_failure of a processor inside a foreach', () => {
    const refs = findInferenceModelIds({
      p: {
        processors: [
          { foreach: { field: 'f', processor: { rename: { field: 'a', target_field: 'b', on_failure: [{ inference: { model_id: 'm' } }] } } } },
        ],
      },
    });
    expect(refs.get('m')).toEqual(['p']);
  });
});
