/**
 * Every fact the alias rules need (docs §4.1, docs §4.2). Reads that do not
 * depend on each other start at once; the old model's deployments are read as
 * soon as the alias read names the old model, so the critical path is at most
 * two reads long. A read whose answer the decision turns out not to need
 * cannot fail the request.
 */
import type { AliasChangeFacts, DeploymentFacts, ModelFacts } from './facts';
import type { ClusterReads } from './cluster-reads';
import { aliasTargetOf, configOf, toDeploymentFacts, toModelFacts } from './model-facts';

export async function readAliasChangeFacts(
  reads: ClusterReads,
  request: { modelId: string; modelAlias: string },
): Promise<AliasChangeFacts> {
  const { modelId, modelAlias } = request;
  const aliasRead = reads.modelConfigs(modelAlias);
  const newModelRead = reads.modelConfigs(modelId);
  const newStatsRead = reads.modelStats(modelId);
  // Started as soon as the alias read names an old model other than the new one.
  const oldStatsRead = aliasRead.then('old model deployments', async (configs) => {
    const target = aliasTargetOf(modelAlias, configs);
    return target.kind === 'alias' && target.modelId !== modelId ? reads.modelStats(target.modelId).value() : [];
  });

  const aliasConfigs = await aliasRead.value();
  const aliasTarget = aliasTargetOf(modelAlias, aliasConfigs);
  const newConfig = configOf(modelId, await newModelRead.value());
  const newModel = newConfig ? toModelFacts(newConfig) : null;

  let oldModel: ModelFacts | null = null;
  if (aliasTarget.kind === 'alias') {
    const oldConfig = configOf(aliasTarget.modelId, aliasConfigs);
    oldModel = oldConfig ? toModelFacts(oldConfig) : null;
  }

  // Deployments matter only to the PyTorch checks (docs §2 step 11c): an existing
  // old model and a new model of type pytorch.
  const deploymentsMatter = oldModel !== null && newModel !== null && newModel.modelType === 'pytorch';
  let newDeployments: DeploymentFacts[] = [];
  let oldDeployments: DeploymentFacts[] = [];
  if (deploymentsMatter) {
    newDeployments = toDeploymentFacts(modelId, await newStatsRead.value());
    oldDeployments = oldModel!.modelId === modelId ? newDeployments : toDeploymentFacts(oldModel!.modelId, await oldStatsRead.value());
  }
  return { aliasTarget, newModel, oldModel, newDeployments, oldDeployments };
}
