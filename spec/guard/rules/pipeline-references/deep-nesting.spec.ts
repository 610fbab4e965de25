import { findInferenceModelIds } from '../../../../src/guard/rules/pipeline-references';

/** foreach(foreach(...(inference))) `depth` levels deep, alternating with on_failure wrappers. */
function nest(depth: number, modelId: string): unknown {
  let processor: unknown = { inference: { model_id: modelId } };
  for (let level = 0; level < depth; level++) {
    processor =
      level % 2 === 0
        ? { foreach: { field: 'f', processor } }
        : { set: { field: 'x', value: 1, on_failure: [processor] } };
  }
  return processor;
}

describe('findInferenceModelIds: deep nesting', () => {
  it('finds an inference processor 50 levels deep (Elasticsearch stops at 10)', () => {
    const refs = findInferenceModelIds({ p: { processors: [nest(50, 'deep-50')] } });
    expect(refs.get('deep-50')).toEqual(['p']);
  });

  it('finds it 11 levels deep, just past the Elasticsearch limit', () => {
    expect(findInferenceModelIds({ p: { processors: [nest(11, 'm11')] } }).get('m11')).toEqual(['p']);
  });

  it('handles 100000 levels without a stack overflow (iterative walk)', () => {
    const text = '{"processors":['.concat('{"foreach":{"field":"f","processor":'.repeat(100000), '{"inference":{"model_id":"bottom"}}', '}}'.repeat(100000), ']}');
    const pipeline = JSON.parse(text) as unknown;
    expect(findInferenceModelIds({ p: pipeline }).get('bottom')).toEqual(['p']);
  });
});
