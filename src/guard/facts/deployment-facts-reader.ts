/**
 * Facts for the stop and delete guards (docs §3, docs §1.2, docs §1.6), read live with the
 * caller's credentials: which model a deployment serves, the aliases of a
 * model, whether a model is deployed, and what the pipelines reference.
 */
import type { CallerHeaders, MetadataClient } from '../../es/metadata-client';
import { validateTrainedModels, validateTrainedModelStats, TrainedModelStatsAnswer } from './answer-schemas';
import { interpretAnswer } from './read-answer';
import { aliasTargetOf, cannotNameAModel } from './alias-facts-reader';
import type { PipelineReferencesReader } from './pipeline-references-reader';

const NOT_FOUND = 'resource_not_found_exception';
/** Stopping a deployment and deleting models or aliases all need `manage_ml`. */
const GUARDED_ACTIONS_PRIVILEGE = 'manage_ml';

type StatsEntry = TrainedModelStatsAnswer['trained_model_stats'][number];

export interface StopFactsRead {
  deployment: { deploymentId: string; modelId: string } | null;
  modelAliases: string[];
  references: Map<string, string[]>;
}

export class DeploymentFactsReader {
  constructor(
    private readonly client: MetadataClient,
    private readonly pipelines: PipelineReferencesReader,
  ) {}

  /** Facts for `POST _ml/trained_models/{X}/deployment/_stop` without force (docs §3.1, docs §3.2). */
  async forStop(requestId: string, caller: CallerHeaders): Promise<StopFactsRead> {
    const referencesRead = this.pipelines.read(caller, GUARDED_ACTIONS_PRIVILEGE);
    // Usually the deployment id is the model id: read that model's aliases at once.
    const sameIdAliasesRead = this.aliasesOf(requestId, caller);
    referencesRead.catch(() => undefined);
    sameIdAliasesRead.catch(() => undefined);

    const deployment = await this.resolveDeployment(requestId, caller);
    const references = await referencesRead;
    if (!deployment) return { deployment: null, modelAliases: [], references };
    const modelAliases = deployment.modelId === requestId ? await sameIdAliasesRead : await this.aliasesOf(deployment.modelId, caller);
    return { deployment, modelAliases, references };
  }

  /** Facts for `DELETE _ml/trained_models/{M}/model_aliases/{A}` (docs §1.2): where A points now. */
  async forDeleteAlias(modelAlias: string, caller: CallerHeaders): Promise<{ aliasTarget: string | null; references: Map<string, string[]> }> {
    const referencesRead = this.pipelines.read(caller, GUARDED_ACTIONS_PRIVILEGE);
    referencesRead.catch(() => undefined);
    const label = `GET _ml/trained_models/${modelAlias}`;
    const configs = cannotNameAModel(modelAlias) ? null : await this.configs(label, modelAlias, caller);
    const target = aliasTargetOf(modelAlias, configs);
    return { aliasTarget: target.kind === 'alias' ? target.modelId : null, references: await referencesRead };
  }

  /** Facts for `DELETE _ml/trained_models/{M}` (docs §1.6): M's aliases, whether it is deployed, the references. */
  async forDeleteModel(modelId: string, caller: CallerHeaders): Promise<{ modelAliases: string[]; deployed: boolean; references: Map<string, string[]> }> {
    const referencesRead = this.pipelines.read(caller, GUARDED_ACTIONS_PRIVILEGE);
    const aliasesRead = this.aliasesOf(modelId, caller);
    const statsRead = cannotNameAModel(modelId) ? Promise.resolve([]) : this.stats(modelId, caller);
    referencesRead.catch(() => undefined);
    aliasesRead.catch(() => undefined);
    statsRead.catch(() => undefined);
    const deployed = (await statsRead).some((e) => e.deployment_stats?.model_id === modelId);
    return { modelAliases: await aliasesRead, deployed, references: await referencesRead };
  }

  /**
   * The deployment a stop request names. 8.8+: an exact deployment id (no
   * alias resolution, docs §3.1). Before 8.8 (stats entries carry no
   * `deployment_id`): the model id, or an alias of it (docs §3.2).
   */
  private async resolveDeployment(requestId: string, caller: CallerHeaders): Promise<{ deploymentId: string; modelId: string } | null> {
    if (cannotNameAModel(requestId)) return null;
    const entries = await this.stats(requestId, caller);
    const exact = entries.find((e) => e.deployment_stats?.deployment_id === requestId);
    if (exact) return { deploymentId: requestId, modelId: exact.deployment_stats!.model_id };
    const legacy = entries.find((e) => e.model_id === requestId && e.deployment_stats && e.deployment_stats.deployment_id === undefined);
    if (legacy) return { deploymentId: requestId, modelId: requestId };
    // Before 8.8 an alias resolves to its model; `_stats` by alias shows the
    // model without its deployment (docs §4.3), so ask again by the model id.
    const viaAlias = entries.find((e) => e.model_id !== requestId && e.deployment_stats?.deployment_id === undefined);
    if (!viaAlias) return null;
    const modelEntries = await this.stats(viaAlias.model_id, caller);
    const deployed = modelEntries.find((e) => e.deployment_stats && e.deployment_stats.deployment_id === undefined);
    return deployed ? { deploymentId: requestId, modelId: viaAlias.model_id } : null;
  }

  /** `metadata.model_aliases` of exactly `modelId` (GET resolves aliases; only the model's own answer counts). */
  private async aliasesOf(modelId: string, caller: CallerHeaders): Promise<string[]> {
    if (cannotNameAModel(modelId)) return [];
    const configs = await this.configs(`GET _ml/trained_models/${modelId}`, modelId, caller);
    return configs?.find((c) => c.model_id === modelId)?.metadata?.model_aliases ?? [];
  }

  private async configs(label: string, id: string, caller: CallerHeaders) {
    const answer = await this.client.trainedModels(label, id, caller);
    return interpretAnswer(answer, { label, validate: validateTrainedModels, notFoundType: NOT_FOUND })?.trained_model_configs ?? null;
  }

  private async stats(id: string, caller: CallerHeaders): Promise<StatsEntry[]> {
    const label = `GET _ml/trained_models/${id}/_stats`;
    const answer = await this.client.trainedModelStats(label, id, caller);
    return interpretAnswer(answer, { label, validate: validateTrainedModelStats, notFoundType: NOT_FOUND })?.trained_model_stats ?? [];
  }
}
