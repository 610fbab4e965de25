import { findInferenceModelIds } from '../../../../src/guard/rules/pipeline-references';

describe('findInferenceModelIds: conditional and failure-tolerant processors', () => {
  it('counts an inference processor with an if condition', () => {
    const refs = findInferenceModelIds({ p: { processors: [{ inference: { model_id: 'cond', if: "ctx.lang == 'en'" } }] } });
    expect(refs.get('cond')).toEqual(['p']);
  });

  it('counts an inference processor with ignore_failure and a tag', () => {
    const refs = findInferenceModelIds({ p: { processors: [{ inference: { model_id: 'tolerant', ignore_failure: true, tag: 't1' } }] } });
    expect(refs.get('tolerant')).toEqual(['p']);
  });

  it('counts an inference processor inside a conditional foreach', () => {
    const refs = findInferenceModelIds({
      p: { processors: [{ foreach: { if: 'ctx.docs != null', field: 'docs', processor: { inference: { model_id: 'fe', if: 'true' } } } }] },
    });
    expect(refs.get('fe')).toEqual(['p']);
  });
});
