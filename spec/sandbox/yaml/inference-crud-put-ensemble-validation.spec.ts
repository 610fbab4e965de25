/**
 * PUT trained model: ensemble and input validation. A one-node ensemble without feature names is
 * accepted; an empty `trained_models`, a split feature outside `feature_names` and an empty
 * `input.field_names` are refused; a string `input.field_names` is one name.
 * From Elasticsearch's inference_crud.yml @05ce9b41: "Test put ensemble with single node and empty
 * feature_names", "Test put ensemble with empty models", "Test put ensemble with tree where tree has
 * out of bounds feature_names index", "Test put model with empty input.field_names"; messages checked
 * in Tree.java @430c1dd8, Ensemble.java @77364de5, TransportPutTrainedModelAction.java @ae2cf79f,
 * TrainedModelConfig.java @00d40e61 (docs §11.2).
 */
import { yamlScenarios } from './kit';

function ensembleBody(fieldNames: unknown, trainedModels: unknown[]): Record<string, unknown> {
  return { input: { field_names: fieldNames }, inference_config: { regression: {} }, definition: { trained_model: { ensemble: { feature_names: [], trained_models: trainedModels } } } };
}

const splitOn = (feature: number): unknown => ({
  tree: {
    feature_names: [],
    tree_structure: [{ node_index: 0, split_feature: feature, split_gain: 12.0, threshold: 10.0, decision_type: 'lte', default_left: true, left_child: 1, right_child: 2 }],
  },
});

yamlScenarios('inference_crud.yml PUT ensemble validation', { versions: ['8.15.0', '8.8.0'] }, (es) => {
  it('Test put ensemble with single node and empty feature_names: accepted, the string field name kept whole', async () => {
    const stump = { tree: { feature_names: [], tree_structure: [{ node_index: 0, decision_type: 'lte', leaf_value: 12.0, default_left: true }] } };
    const r = await es().put('/_ml/trained_models/ensemble_tree_empty_feature_names', ensembleBody('fieldy_mc_fieldname', [stump]));
    expect(r.status).toBe(200);
    expect(r.json.input).toEqual({ field_names: ['fieldy_mc_fieldname'] });
    const got = await es().get('/_ml/trained_models/ensemble_tree_empty_feature_names');
    expect(got.json.trained_model_configs[0].input).toEqual({ field_names: ['fieldy_mc_fieldname'] });
  });

  it('Test put ensemble with empty models: [trained_models] must not be empty', async () => {
    const r = await es().put('/_ml/trained_models/missing_model_ensembles', ensembleBody('fieldy_mc_fieldname', []));
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/\[trained_models\] must not be empty/);
    expect(r.json.error.reason).toBe('Definition for [missing_model_ensembles] has validation failures.');
    expect(r.json.error.root_cause[0]).toMatchObject({ type: 'status_exception', reason: '[trained_models] must not be empty' });
    expect((await es().get('/_ml/trained_models/missing_model_ensembles')).status).toBe(404);
  });

  it('Test put ensemble with tree where tree has out of bounds feature_names index', async () => {
    const r = await es().put('/_ml/trained_models/ensemble_tree_out_of_bounds_feature_names_index', ensembleBody('fieldy_mc_fieldname', [splitOn(1)]));
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/feature index \[1\] is out of bounds for the \[feature_names\] array/);
    expect(r.json.error.caused_by).toMatchObject({ type: 'status_exception', reason: 'feature index [1] is out of bounds for the [feature_names] array' });
  });

  it('Test put model with empty input.field_names: a validation failure before the definition is looked at', async () => {
    const r = await es().put('/_ml/trained_models/missing_model_ensembles', ensembleBody([], [splitOn(0)]));
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/\[input\.field_names\] must not be empty/);
    expect(r.json.error.type).toBe('action_request_validation_exception');
  });
});
