import { findInferenceModelIds } from '../../../../src/guard/rules/pipeline-references';

describe('findInferenceModelIds: inference inside foreach', () => {
  it('finds the inference processor held by foreach.processor', () => {
    const refs = findInferenceModelIds({
      p: { processors: [{ foreach: { field: 'docs', processor: { inference: { model_id: 'alias-a' } } } }] },
    });
    expect(refs.get('alias-a')).toEqual(['p']);
  });

  it("walks the foreach processor's own on_failure (Elasticsearch does not)", () => {
    const refs = findInferenceModelIds({
      p: {
        processors: [
          { foreach: { field: 'docs', processor: { set: { field: 'x', value: 1 } }, on_failure: [{ inference: { model_id: 'fallback' } }] } },
        ],
      },
    });
    expect(refs.get('fallback')).toEqual(['p']);
  });
});
