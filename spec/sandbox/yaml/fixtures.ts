/**
 * Setup sections of the upstream YAML files, as our own fixtures (docs §11): the models they
 * create, with the same ids, tags and inference configs.
 */
import { Es, stumpModel } from './kit';

/** inference_crud.yml setup (@05ce9b41): 2 regression and 13 classification stumps; with lang_ident_model_1, 16 models. */
export async function inferenceCrudSetup(es: Es): Promise<void> {
  await es.ok('PUT', '/_ml/trained_models/a-regression-model-0', stumpModel('regression', { tags: ['regression', 'tag1'] }));
  await es.ok('PUT', '/_ml/trained_models/a-regression-model-1', stumpModel('regression', { tags: ['regression', 'tag2'] }));
  for (const letter of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']) {
    await es.ok('PUT', `/_ml/trained_models/${letter}-classification-model`, stumpModel('classification', { tags: ['classification', 'tag2'] }));
  }
  for (const letter of ['y', 'z']) {
    await es.ok('PUT', `/_ml/trained_models/${letter}-classification-model`, stumpModel('classification', { tags: ['classification', 'tag3'] }));
  }
}

/** get_trained_model_stats.yml setup (@26661978): three regression stumps and the alias my-regression. */
export async function trainedModelStatsSetup(es: Es): Promise<void> {
  for (const id of ['a-unused-regression-model1', 'a-unused-regression-model', 'another-regression-model']) {
    await es.ok('PUT', `/_ml/trained_models/${id}`, stumpModel('regression', { tags: ['regression', 'tag1'] }));
  }
  await es.ok('PUT', '/_ml/trained_models/a-unused-regression-model1/model_aliases/my-regression');
}

/** An inference processor pipeline body referencing `modelId`. */
export function inferencePipeline(modelId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { processors: [{ inference: { model_id: modelId, target_field: 'infer_result', inference_config: { classification: {} }, ...extra } }] };
}
