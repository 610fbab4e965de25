import { findInferenceModelIds, scanPipelineReferences } from '../../../../src/guard/rules/pipeline-references';

describe('findInferenceModelIds: malformed shapes never throw', () => {
  const oddInputs: unknown[] = [
    undefined,
    null,
    42,
    'pipelines',
    [],
    [{ processors: [{ inference: { model_id: 'x' } }] }],
    { p: null },
    { p: 'text' },
    { p: [] },
    { p: { processors: 'not-a-list' } },
    { p: { processors: { inference: { model_id: 'not-in-a-list' } } } },
    { p: { processors: [null, 1, 'inference', [], [[]], { inference: null }, { inference: 'm' }, { inference: [] }] } },
    { p: { processors: [{ foreach: null }, { foreach: { processor: 'x' } }, { foreach: { processor: [] } }] } },
    { p: { processors: [{ set: { on_failure: 'x' } }, { set: { on_failure: [null, 3] } }] } },
    { p: { on_failure: { inference: { model_id: 'x' } } } },
  ];

  it.each(oddInputs.map((input) => [JSON.stringify(input) ?? String(input), input]))('%s', (_name, input) => {
    expect(() => findInferenceModelIds(input)).not.toThrow();
  });

  it('keeps walking past malformed entries and still finds later references', () => {
    const refs = findInferenceModelIds({
      p: { processors: [null, { inference: 7 }, { foreach: 'x' }, { inference: { model_id: 'after-junk' } }] },
    });
    expect(refs).toEqual(new Map([['after-junk', ['p']]]));
  });

  it('ignores non-string model_id values and reports the pipeline', () => {
    const scan = scanPipelineReferences({
      a: { processors: [{ inference: { model_id: 12 } }] },
      b: { processors: [{ inference: { model_id: null } }] },
      c: { processors: [{ inference: { target_field: 'x' } }] },
    });
    expect(scan.references.size).toBe(0);
    expect(scan.inferenceWithoutModelId).toEqual(['a', 'b', 'c']);
  });

  it('terminates on a cyclic object graph handed in by code', () => {
    const list: unknown[] = [{ inference: { model_id: 'cyc' } }];
    const looping = { set: { field: 'x', on_failure: list } };
    list.push(looping);
    expect(findInferenceModelIds({ p: { processors: list } }).get('cyc')).toEqual(['p']);
  });

  it('survives objects whose getters throw', () => {
    const hostile = Object.defineProperty({}, 'inference', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(() => findInferenceModelIds({ p: { processors: [hostile, { inference: { model_id: 'ok' } }] } })).not.toThrow();
    expect(findInferenceModelIds({ p: { processors: [hostile, { inference: { model_id: 'ok' } }] } }).get('ok')).toEqual(['p']);
  });

  it('is not fooled by a __proto__ key from JSON.parse', () => {
    const input = JSON.parse('{"__proto__":{"processors":[{"inference":{"model_id":"proto"}}]}}') as unknown;
    expect(findInferenceModelIds(input).get('proto')).toEqual(['__proto__']);
  });
});
