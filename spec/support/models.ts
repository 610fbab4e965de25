/**
 * Trained models built through public APIs, small enough for a real cluster
 * too (a one-node tree), for end-to-end scenarios.
 */
import type { Client } from '@elastic/elasticsearch';

export type TreeKind = 'regression' | 'classification';

export function treeModelBody(kind: TreeKind, fieldNames: string[] = ['f1']): Record<string, unknown> {
  const tree =
    kind === 'regression'
      ? { feature_names: fieldNames, tree_structure: [{ node_index: 0, leaf_value: 1.0 }], target_type: 'regression' }
      : {
          feature_names: fieldNames,
          tree_structure: [{ node_index: 0, leaf_value: [0.4, 0.6] }],
          target_type: 'classification',
          classification_labels: ['a', 'b'],
        };
  return {
    input: { field_names: fieldNames },
    inference_config: { [kind]: {} },
    definition: { preprocessors: [], trained_model: { tree } },
  };
}

export async function putTreeModel(client: Client, modelId: string, kind: TreeKind, fieldNames?: string[]): Promise<void> {
  await client.transport.request({
    method: 'PUT',
    path: `/_ml/trained_models/${encodeURIComponent(modelId)}`,
    body: treeModelBody(kind, fieldNames),
  });
}

/** A PyTorch text-embedding model (sandbox only: a real cluster needs the model's weights to deploy it). */
export async function putPytorchModel(client: Client, modelId: string, inferenceConfig = 'text_embedding'): Promise<void> {
  await client.transport.request({
    method: 'PUT',
    path: `/_ml/trained_models/${encodeURIComponent(modelId)}`,
    body: { model_type: 'pytorch', inference_config: { [inferenceConfig]: {} }, input: { field_names: ['text_field'] } },
  });
  // a deployment start needs a stored definition (upstream 3rd_party_deployment.yml, docs §11)
  const definition = Buffer.from(`sandbox-definition-of-${modelId}`).toString('base64');
  await client.transport.request({
    method: 'PUT',
    path: `/_ml/trained_models/${encodeURIComponent(modelId)}/definition/0`,
    body: { definition, total_definition_length: Buffer.from(definition, 'base64').length, total_parts: 1 },
  });
}

export async function putAlias(client: Client, modelId: string, alias: string, reassign = false): Promise<void> {
  await client.ml.putTrainedModelAlias({ model_id: modelId, model_alias: alias, reassign });
}

/**
 * The type-mismatch scenario: `alias` on a regression model, and a
 * classification model the alias cannot be moved to.
 */
export async function seedTypeMismatch(
  client: Client,
  ids: { regression: string; classification: string; alias: string } = { regression: 'mag-test-reg', classification: 'mag-test-cls', alias: 'mag-test-alias' },
): Promise<void> {
  await putTreeModel(client, ids.regression, 'regression');
  await putTreeModel(client, ids.classification, 'classification');
  await putAlias(client, ids.regression, ids.alias);
}

/** The input-fields scenario: `mag-test-alias` on `mag-test-a` (field a); `mag-test-b` reads field b instead. */
export async function seedInputFieldsDiffer(client: Client): Promise<void> {
  await putTreeModel(client, 'mag-test-a', 'regression', ['a']);
  await putTreeModel(client, 'mag-test-b', 'regression', ['b']);
  await putAlias(client, 'mag-test-a', 'mag-test-alias');
}

/** `mag-test-pt` deployed (default deployment id) with `mag-test-alias` on it (sandbox only). */
export async function seedDeployedModelWithAlias(client: Client): Promise<void> {
  await putPytorchModel(client, 'mag-test-pt');
  await client.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt', wait_for: 'started' });
  await putAlias(client, 'mag-test-pt', 'mag-test-alias');
}
