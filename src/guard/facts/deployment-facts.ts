/**
 * Facts for the stop and delete guards (docs §3, docs §1.2, docs §1.6):
 * which model a deployment serves, the aliases of a model, whether a model is
 * deployed, and what the pipelines reference. Every read starts at once; the
 * pipelines read (the slowest) runs beside the model reads.
 */
import type { ClusterReads } from './cluster-reads';
import type { DeleteAliasFacts, DeleteModelFacts, StopFacts } from './facts';
import { aliasesOf, aliasTargetOf } from './model-facts';

/** Facts for `POST _ml/trained_models/{X}/deployment/_stop` without force (docs §3.1, docs §3.2). */
export async function readStopFacts(reads: ClusterReads, requestId: string): Promise<StopFacts> {
  const referencesRead = reads.pipelineReferences();
  // Usually the deployment id is the model id: read that model's aliases at once.
  reads.modelConfigs(requestId);
  const deployment = await resolveDeployment(reads, requestId);
  const references = await referencesRead.value();
  if (!deployment) return { deployment: null, modelAliases: [], references };
  const modelAliases = aliasesOf(deployment.modelId, await reads.modelConfigs(deployment.modelId).value());
  return { deployment, modelAliases, references };
}

/** An id that names several models at once: a comma list, a wildcard or `_all` (docs §3.2). */
export function isIdExpression(id: string): boolean {
  return id === '_all' || id.includes('*') || id.includes(',');
}

/** What a stop id expression names, as the cluster's version resolves it (docs §3.2). */
export type StopExpressionFacts =
  /** 8.8+ (deployment ids in the stats): the stop looks the expression up as one literal deployment id. */
  | { kind: 'literal' }
  /** 8.0–8.7: one entry per matched model that is deployed (its deployment id is its model id). */
  | { kind: 'resolved'; matchedModels: number; deployments: StopFacts[] }
  /** More models match than one answer lists: not every match can be checked. */
  | { kind: 'truncated'; count: number; listed: number };

/**
 * Facts for a stop whose id is an expression. Before 8.8 the stop action
 * resolves its id through the trained-models lookup, so aliases, wildcards,
 * lists and `_all` name models; every matched, deployed model is read.
 */
export async function readStopExpressionFacts(reads: ClusterReads, expression: string): Promise<StopExpressionFacts> {
  const referencesRead = reads.pipelineReferences();
  const matched = await reads.modelsMatching(expression).value();
  if (!matched) return { kind: 'resolved', matchedModels: 0, deployments: [] };
  if (matched.count > matched.trained_model_configs.length) {
    return { kind: 'truncated', count: matched.count, listed: matched.trained_model_configs.length };
  }
  const modelIds = [...new Set(matched.trained_model_configs.map((c) => c.model_id))].sort();
  const statsReads = modelIds.map((id) => reads.modelStats(id));
  const deployments: StopFacts[] = [];
  for (const [i, modelId] of modelIds.entries()) {
    const entries = await statsReads[i]!.value();
    const stats = entries.filter((e) => e.model_id === modelId && e.deployment_stats);
    if (stats.some((e) => e.deployment_stats!.deployment_id !== undefined)) return { kind: 'literal' };
    if (stats.length === 0) continue;
    deployments.push({
      deployment: { deploymentId: modelId, modelId },
      modelAliases: aliasesOf(modelId, matched.trained_model_configs),
      references: await referencesRead.value(),
    });
  }
  return { kind: 'resolved', matchedModels: modelIds.length, deployments };
}

/** Facts for `DELETE _ml/trained_models/{M}/model_aliases/{A}` (docs §1.2): where A points now. */
export async function readDeleteAliasFacts(reads: ClusterReads, modelAlias: string): Promise<DeleteAliasFacts> {
  const referencesRead = reads.pipelineReferences();
  const target = aliasTargetOf(modelAlias, await reads.modelConfigs(modelAlias).value());
  return { aliasTarget: target.kind === 'alias' ? target.modelId : null, references: await referencesRead.value() };
}

/** Facts for `DELETE _ml/trained_models/{M}` (docs §1.6): M's aliases, whether it is deployed, the references. */
export async function readDeleteModelFacts(reads: ClusterReads, modelId: string): Promise<DeleteModelFacts> {
  const referencesRead = reads.pipelineReferences();
  const configsRead = reads.modelConfigs(modelId);
  const statsRead = reads.modelStats(modelId);
  const deployed = (await statsRead.value()).some((e) => e.deployment_stats?.model_id === modelId);
  return { modelAliases: aliasesOf(modelId, await configsRead.value()), deployed, references: await referencesRead.value() };
}

/**
 * The deployment a stop request names. 8.8+: an exact deployment id (no
 * alias resolution, docs §3.1). Before 8.8 (stats entries carry no
 * `deployment_id`): the model id, or an alias of it (docs §3.2).
 */
async function resolveDeployment(reads: ClusterReads, requestId: string): Promise<{ deploymentId: string; modelId: string } | null> {
  const entries = await reads.modelStats(requestId).value();
  const exact = entries.find((e) => e.deployment_stats?.deployment_id === requestId);
  if (exact) return { deploymentId: requestId, modelId: exact.deployment_stats!.model_id };
  const legacy = entries.find((e) => e.model_id === requestId && e.deployment_stats && e.deployment_stats.deployment_id === undefined);
  if (legacy) return { deploymentId: requestId, modelId: requestId };
  // Before 8.8 an alias resolves to its model; `_stats` by alias shows the
  // model without its deployment (docs §4.3), so ask again by the model id.
  const viaAlias = entries.find((e) => e.model_id !== requestId && e.deployment_stats?.deployment_id === undefined);
  if (!viaAlias) return null;
  const modelEntries = await reads.modelStats(viaAlias.model_id).value();
  const deployed = modelEntries.find((e) => e.deployment_stats && e.deployment_stats.deployment_id === undefined);
  return deployed ? { deploymentId: requestId, modelId: viaAlias.model_id } : null;
}
