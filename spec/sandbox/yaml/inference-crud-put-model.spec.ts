/**
 * PUT trained model: the answer of a two-tree ensemble (estimated_operations 6, generated fields
 * set, no definition echoed) and the refusal of a regression definition under a classification config.
 * From Elasticsearch's inference_crud.yml @05ce9b41: "Test put model", "Test PUT model where target
 * type and inference config mismatch"; the figure is Ensemble.estimatedNumOperations (mean of the
 * trees' ceil(ln(nodes)) + features, plus 2 per extra tree; Ensemble.java @77364de5, Tree.java
 * @430c1dd8) (docs §11.2, docs §11.3).
 */
import { twoTreeEnsemble, yamlScenarios } from './kit';

yamlScenarios('inference_crud.yml PUT model', { versions: ['8.15.0', '8.8.0'] }, (es) => {
  it('Test put model: estimated_operations 6 and the generated fields', async () => {
    const r = await es().put('/_ml/trained_models/my-regression-model', twoTreeEnsemble());
    expect(r.status).toBe(200);
    expect(r.json.model_id).toBe('my-regression-model');
    expect(r.json.estimated_operations).toBe(6);
    expect(r.json.definition).toBeUndefined();
    expect(r.json.compressed_definition).toBeUndefined();
    expect(r.json.license_level).toBeTruthy();
    expect(r.json.create_time).toBeTruthy();
    expect(r.json.version).toBeTruthy();
    expect(r.json.model_size_bytes).toBeTruthy();
  });

  it('Test PUT model where target type and inference config mismatch', async () => {
    const r = await es().put('/_ml/trained_models/my-regression-model', twoTreeEnsemble('classification'));
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/Model \[my-regression-model\] inference config type \[classification\] does not support definition target type \[regression\]/);
    expect((await es().get('/_ml/trained_models/my-regression-model')).status).toBe(404);
  });
});
