/**
 * PUT trained model definition checks beyond the upstream YAML tests (docs §11.2), from Tree.validate
 * (Tree.java @430c1dd8), TransportPutTrainedModelAction.java @ae2cf79f and
 * TrainedModelConfig.Builder.validate (@00d40e61): missing child nodes, cycles, classification
 * labels on a regression tree, model_type against the definition, `model_size_bytes` and
 * `estimated_operations` no longer refused in 8.x, a tree's operations ceil(ln(nodes)) + features.
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

const withTree = (tree: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  input: { field_names: ['a', 'b'] },
  inference_config: { regression: {} },
  definition: { trained_model: { tree: { feature_names: ['a', 'b'], target_type: 'regression', ...tree } } },
  ...extra,
});

describe('PUT trained model definition checks on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  const put = (id: string, body: unknown): ReturnType<typeof raw> => raw(sb().url, 'PUT', `/_ml/trained_models/${id}`, { body: body as object });

  it('refuses missing nodes and cycles, wrapped as validation failures of the definition', async () => {
    const missing = await put('m', withTree({ tree_structure: [{ node_index: 0, split_feature: 0, threshold: 1, left_child: 1, right_child: 2 }] }));
    expect(missing.status).toBe(400);
    expect(missing.json.error.reason).toBe('Definition for [m] has validation failures.');
    expect(missing.json.error.caused_by.reason).toBe('[tree] contains missing nodes [1, 2]');
    const cycle = await put('c', withTree({ tree_structure: [{ node_index: 0, split_feature: 0, threshold: 1, left_child: 0, right_child: 1 }, { node_index: 1, leaf_value: 1 }] }));
    expect(cycle.json.error.caused_by.reason).toBe('[tree] contains cycle at node 0');
  });

  it('refuses classification labels on a regression tree and a model_type other than the definition', async () => {
    const labels = await put('l', withTree({ tree_structure: [{ node_index: 0, leaf_value: 1 }], classification_labels: ['x'] }));
    expect(labels.json.error.caused_by.reason).toBe('[target_type] should be [classification] if [classification_labels] are provided');
    const type = await put('t', withTree({ tree_structure: [{ node_index: 0, leaf_value: 1 }] }, { model_type: 'pytorch' }));
    expect(type.status).toBe(400);
    expect(type.json.error.reason).toBe('model_type [pytorch] does not match the model definition type [tree_ensemble]');
  });

  it('needs model_type without a definition; accepts model_size_bytes and computes a tree stump at its feature count', async () => {
    const none = await put('n', { input: { field_names: ['a'] }, inference_config: { regression: {} } });
    expect(none.json.error.reason).toBe('Validation Failed: 1: [model_type] must be set if [definition] is not defined.;');
    const stump = await put('s', withTree({ tree_structure: [{ node_index: 0, leaf_value: 1 }] }, { model_size_bytes: 5, estimated_operations: 99 }));
    expect(stump.status).toBe(200);
    // a parsed definition sets both figures itself: ceil(ln 1) + 2 features
    expect(stump.json.estimated_operations).toBe(2);
    expect(stump.json.model_size_bytes).not.toBe(5);
  });

  it('refuses an id used by a deployment', async () => {
    await raw(sb().url, 'PUT', '/_ml/trained_models/torch', { body: { model_type: 'pytorch', inference_config: { pass_through: {} } } });
    await raw(sb().url, 'PUT', '/_ml/trained_models/torch/definition/0', { body: { definition: 'YQ==', total_definition_length: 1, total_parts: 1 } });
    expect((await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start?deployment_id=dep-1&wait_for=started')).status).toBe(200);
    const r = await put('dep-1', withTree({ tree_structure: [{ node_index: 0, leaf_value: 1 }] }));
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('Cannot create model [dep-1] the id is the same as an current model deployment');
  });
});
