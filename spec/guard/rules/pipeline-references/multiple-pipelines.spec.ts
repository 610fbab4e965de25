import { findInferenceModelIds } from '../../../../src/guard/rules/pipeline-references';

describe('findInferenceModelIds: several pipelines', () => {
  it('lists every referencing pipeline once, sorted', () => {
    const refs = findInferenceModelIds({
      zeta: { processors: [{ inference: { model_id: 'shared' } }, { inference: { model_id: 'shared' } }] },
      alpha: { processors: [{ inference: { model_id: 'shared' } }] },
      mid: { processors: [{ inference: { model_id: 'own' } }] },
    });
    expect(refs.get('shared')).toEqual(['alpha', 'zeta']);
    expect(refs.get('own')).toEqual(['mid']);
    expect(refs.size).toBe(2);
  });

  it('does not follow pipeline processors: the called pipeline is walked on its own', () => {
    const refs = findInferenceModelIds({
      caller: { processors: [{ pipeline: { name: 'callee' } }] },
      callee: { processors: [{ inference: { model_id: 'm' } }] },
    });
    expect(refs.get('m')).toEqual(['callee']);
  });

  it('treats an empty answer as no references', () => {
    expect(findInferenceModelIds({}).size).toBe(0);
  });
});
