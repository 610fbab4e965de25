/**
 * Setup of Elasticsearch's 3rd_party_deployment.yml (@07944097), as our own fixture (docs §11):
 * `test_model` and `another_test_model`, PyTorch pass_through models with a bert tokenizer, a
 * vocabulary and a one-part definition. Upstream stores a real TorchScript model as the
 * definition; we store a stand-in (the sandbox never runs it), so on a live cluster a scenario
 * that starts one of these deployments cannot run (it would need a PyTorch process loading a real
 * model) and is marked sandbox-only.
 */
import type { Es } from './kit';

export const PASS_THROUGH_BERT = { pass_through: { tokenization: { bert: { with_special_tokens: false } } } };

/** A stand-in definition part (base64 of our own bytes, not the upstream model). */
export function standInDefinitionPart(id: string): Record<string, unknown> {
  const bytes = Buffer.from(`stand-in definition of ${id}`);
  return { total_definition_length: bytes.length, definition: bytes.toString('base64'), total_parts: 1 };
}

export async function pyTorchModel(es: Es, id: string, inferenceConfig: Record<string, unknown> = PASS_THROUGH_BERT): Promise<void> {
  await es.ok('PUT', `/_ml/trained_models/${id}`, { description: 'simple model for testing', model_type: 'pytorch', inference_config: inferenceConfig });
  await es.ok('PUT', `/_ml/trained_models/${id}/vocabulary`, { vocabulary: ['[PAD]', '[UNK]', 'these', 'are', 'my', 'words'] });
  await es.ok('PUT', `/_ml/trained_models/${id}/definition/0`, standInDefinitionPart(id));
}

export async function thirdPartyDeploymentSetup(es: Es): Promise<void> {
  await pyTorchModel(es, 'test_model');
  await pyTorchModel(es, 'another_test_model');
}

/** `ml.infer_trained_model` with one document. */
export function infer(es: Es, id: string, input: string): ReturnType<Es['post']> {
  return es.post(`/_ml/trained_models/${id}/_infer`, { docs: [{ input }] });
}

/** `deployment_stats.nodes.0` of the first `_stats` entry of `modelId`. */
export async function firstNodeStats(es: Es, modelId: string): Promise<Record<string, unknown>> {
  const r = await es.get(`/_ml/trained_models/${modelId}/_stats`);
  expect(r.json.count).toBe(1);
  return r.json.trained_model_stats[0].deployment_stats.nodes[0] as Record<string, unknown>;
}
