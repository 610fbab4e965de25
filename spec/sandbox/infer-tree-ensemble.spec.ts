/**
 * `_infer` on a tree-ensemble model evaluates its stored definition (docs §11.5): trees walk to a
 * leaf by `split_feature`/`threshold` (`lte`), an ensemble sums its trees, one_hot_encoding adds
 * features, a classification stump's leaf value is the class index, the request's inference_config
 * overrides the results field, a document with none of the features answers Elasticsearch's
 * warning (Messages.INFERENCE_WARNING_ALL_FIELDS_MISSING; pipeline_inference.yml "Test all fields
 * missing warning" @144e0f21 shows it through the aggregation), and `_stats` counts the documents.
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

const tree = (threshold: number, left: number, right: number): Record<string, unknown> => ({
  tree: {
    feature_names: ['avg_cost', 'type_tv'],
    tree_structure: [
      { node_index: 0, split_feature: 0, threshold, decision_type: 'lte', default_left: true, left_child: 1, right_child: 2 },
      { node_index: 1, leaf_value: left },
      { node_index: 2, leaf_value: right },
    ],
    target_type: 'regression',
  },
});

const regression = {
  input: { field_names: ['avg_cost', 'product_type'] },
  inference_config: { regression: { results_field: 'regression-value' } },
  definition: {
    preprocessors: [{ one_hot_encoding: { field: 'product_type', hot_map: { TV: 'type_tv' } } }],
    trained_model: { ensemble: { feature_names: [], target_type: 'regression', trained_models: [tree(38, 5, 2), { tree: { ...(tree(0.5, 10, 20).tree as object), feature_names: ['type_tv'] } }] } },
  },
};

describe('tree-ensemble _infer on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });

  it('walks each tree and sums the ensemble', async () => {
    expect((await raw(sb().url, 'PUT', '/_ml/trained_models/complex', { body: regression })).status).toBe(200);
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/complex/_infer', {
      body: { docs: [{ avg_cost: 30, product_type: 'TV' }, { avg_cost: 300, product_type: 'VCR' }, { avg_cost: 38, product_type: 'TV' }] },
    });
    expect(r.status).toBe(200);
    // 30 ≤ 38 → 5; TV → type_tv 1 > 0.5 → 20: 25. 300 > 38 → 2; VCR → 0 ≤ 0.5 → 10: 12. 38 ≤ 38 → 5 + 20.
    expect(r.json.inference_results).toEqual([{ 'regression-value': 25 }, { 'regression-value': 12 }, { 'regression-value': 25 }]);
  });

  it('answers the all-fields-missing warning and counts documents in inference_stats', async () => {
    await raw(sb().url, 'PUT', '/_ml/trained_models/complex', { body: regression });
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/complex/_infer', { body: { docs: [{ cost: 1 }, { avg_cost: 1 }] } });
    expect(r.json.inference_results[0]).toEqual({ warning: 'Model [complex] could not be inferred as all fields were missing' });
    expect(r.json.inference_results[1]).toEqual({ 'regression-value': 15 });
    const stats = await raw(sb().url, 'GET', '/_ml/trained_models/complex/_stats');
    expect(stats.json.trained_model_stats[0].inference_stats).toMatchObject({ inference_count: 2, missing_all_fields_count: 1 });
  });

  it('a classification stump answers its label; the request config renames the results field', async () => {
    const body = {
      input: { field_names: ['f'] },
      inference_config: { classification: {} },
      definition: { trained_model: { tree: { feature_names: ['f'], tree_structure: [{ node_index: 0, leaf_value: 1 }], target_type: 'classification', classification_labels: ['no', 'yes'] } } },
    };
    await raw(sb().url, 'PUT', '/_ml/trained_models/stump', { body });
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/stump/_infer', { body: { docs: [{ f: 1 }], inference_config: { classification: { results_field: 'label', num_top_classes: 2 } } } });
    expect(r.json.inference_results[0]).toEqual({
      label: 'yes',
      top_classes: [
        { class_name: 'yes', class_probability: 1, class_score: 1 },
        { class_name: 'no', class_probability: 0, class_score: 0 },
      ],
      prediction_probability: 1,
      prediction_score: 1,
    });
    const wrong = await raw(sb().url, 'POST', '/_ml/trained_models/stump/_infer', { body: { docs: [{ f: 1 }], inference_config: { regression: {} } } });
    expect(wrong.status).toBe(400);
  });
});
