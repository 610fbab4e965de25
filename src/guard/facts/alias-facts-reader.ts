/**
 * Reads, live and with the caller's credentials, every fact the alias rules
 * need (docs §4.1, docs §4.2). Reads that do not depend on each other run at once; the
 * old model's deployments are read as soon as the alias read names the old
 * model, so the critical path is at most two reads long. A read whose answer
 * the decision turns out not to need cannot fail the request.
 */
import type { MetadataClient, CallerHeaders } from '../../es/metadata-client';
import type { AliasChangeFacts, AliasTarget, DeploymentFacts, ModelFacts } from './facts';
import {
  validateTrainedModels,
  validateTrainedModelStats,
  TrainedModelConfigAnswer,
  TrainedModelStatsAnswer,
} from './answer-schemas';
import { interpretAnswer } from './read-answer';
import { MetadataReadError } from '../../errors';

const NOT_FOUND = 'resource_not_found_exception';

/** A read started now and consumed later, maybe never: its failure is kept, not thrown, until asked for. */
class PendingRead<T> {
  private readonly settled: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>;
  constructor(work: Promise<T>) {
    this.settled = work.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  }
  async value(): Promise<T> {
    const outcome = await this.settled;
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  }
}

/**
 * Ids that cannot name a stored model and would change the meaning of the
 * GET path (`_stats`, `_all`, wildcards, lists, empty): such a model is
 * missing without asking (docs §5.1 empty segment; docs §2 step 10 uses an ids query,
 * which matches none of them).
 */
export function cannotNameAModel(id: string): boolean {
  return id === '' || id.startsWith('_') || id.includes('*') || id.includes(',');
}

export function toModelFacts(config: TrainedModelConfigAnswer): ModelFacts {
  return {
    modelId: config.model_id,
    // 8.x fills a missing type with tree_ensemble when reading (docs §2 step 11b); 7.x has no type at all.
    modelType: config.model_type ?? 'tree_ensemble',
    inferenceConfigName: config.inference_config ? Object.keys(config.inference_config)[0] : undefined,
    inputFieldNames: config.input?.field_names ?? [],
    aliases: config.metadata?.model_aliases ?? [],
  };
}

/** One entry per deployment of exactly `modelId` (8.8+: one stats entry per deployment, docs §1.4). */
export function toDeploymentFacts(modelId: string, answer: TrainedModelStatsAnswer): DeploymentFacts[] {
  const deployments: DeploymentFacts[] = [];
  for (const entry of answer.trained_model_stats) {
    const stats = entry.deployment_stats;
    if (entry.model_id !== modelId || !stats) continue;
    deployments.push({
      // Before 8.8 a model had one deployment, named after the model.
      deploymentId: stats.deployment_id ?? stats.model_id,
      modelId: stats.model_id,
      state: stats.state ?? 'unknown',
      allocation: stats.allocation_status
        ? {
            allocationCount: stats.allocation_status.allocation_count,
            targetAllocationCount: stats.allocation_status.target_allocation_count,
            state: stats.allocation_status.state,
          }
        : undefined,
    });
  }
  return deployments;
}

export class AliasFactsReader {
  constructor(private readonly client: MetadataClient) {}

  async read(request: { modelId: string; modelAlias: string }, caller: CallerHeaders): Promise<AliasChangeFacts> {
    const { modelId, modelAlias } = request;
    const newModelUsable = !cannotNameAModel(modelId);

    const aliasRead = new PendingRead(this.readModel(`GET _ml/trained_models/${modelAlias}`, modelAlias, caller));
    const newModelRead = new PendingRead(
      newModelUsable ? this.readModel(`GET _ml/trained_models/${modelId}`, modelId, caller) : Promise.resolve(null),
    );
    const newStatsRead = new PendingRead(
      newModelUsable ? this.readDeployments(modelId, caller) : Promise.resolve([] as DeploymentFacts[]),
    );
    // Started as soon as the alias read names an old model other than the new one.
    const oldStatsRead = new PendingRead(
      aliasRead.value().then((configs) => {
        const target = aliasTargetOf(modelAlias, configs);
        return target.kind === 'alias' && target.modelId !== modelId ? this.readDeployments(target.modelId, caller) : [];
      }),
    );

    const aliasConfigs = await aliasRead.value();
    const aliasTarget = aliasTargetOf(modelAlias, aliasConfigs);
    const newConfig = (await newModelRead.value())?.find((c) => c.model_id === modelId) ?? null;
    const newModel = newConfig ? toModelFacts(newConfig) : null;

    let oldModel: ModelFacts | null = null;
    if (aliasTarget.kind === 'alias') {
      const oldConfig = aliasConfigs?.find((c) => c.model_id === aliasTarget.modelId);
      oldModel = oldConfig ? toModelFacts(oldConfig) : null;
    }

    // Deployments matter only to the PyTorch checks (docs §2 step 11c): an existing
    // old model and a new model of type pytorch.
    const deploymentsMatter = oldModel !== null && newModel !== null && newModel.modelType === 'pytorch';
    let newDeployments: DeploymentFacts[] = [];
    let oldDeployments: DeploymentFacts[] = [];
    if (deploymentsMatter) {
      newDeployments = await newStatsRead.value();
      oldDeployments = oldModel!.modelId === modelId ? newDeployments : await oldStatsRead.value();
    }
    return { aliasTarget, newModel, oldModel, newDeployments, oldDeployments };
  }

  /** Configs for `id`, or null when Elasticsearch says no such model. */
  private async readModel(label: string, id: string, caller: CallerHeaders): Promise<TrainedModelConfigAnswer[] | null> {
    const answer = await this.client.trainedModels(label, id, caller);
    const parsed = interpretAnswer(answer, { label, validate: validateTrainedModels, notFoundType: NOT_FOUND });
    return parsed ? parsed.trained_model_configs : null;
  }

  private async readDeployments(modelId: string, caller: CallerHeaders): Promise<DeploymentFacts[]> {
    const label = `GET _ml/trained_models/${modelId}/_stats`;
    const answer = await this.client.trainedModelStats(label, modelId, caller);
    const parsed = interpretAnswer(answer, { label, validate: validateTrainedModelStats, notFoundType: NOT_FOUND });
    // The model vanished between the reads: it has no deployments.
    return parsed ? toDeploymentFacts(modelId, parsed) : [];
  }
}

/**
 * What `GET _ml/trained_models/<alias>` says the name is (docs §4.1): the config
 * whose model_id equals the name (a model id), or the one model the name
 * resolves to (an alias of that model), or nothing.
 *
 * The alias passed the alias pattern (docs §2 step 6) before any read, so it has
 * no wildcard and no comma: a single config with another model_id can only
 * come from alias resolution. `metadata.model_aliases` normally confirms it,
 * but is missing for resource models such as `lang_ident_model_1` (docs §1.3
 * quirk), so it is not required.
 */
export function aliasTargetOf(alias: string, configs: TrainedModelConfigAnswer[] | null): AliasTarget {
  if (!configs || configs.length === 0) return { kind: 'absent' };
  if (configs.some((c) => c.model_id === alias)) return { kind: 'model_id' };
  const [target] = configs;
  const confirmed = target!.metadata?.model_aliases === undefined || target!.metadata.model_aliases.includes(alias);
  if (configs.length === 1 && confirmed) return { kind: 'alias', modelId: target!.model_id };
  // Several models, or one that lists its aliases without this one: the
  // answer contradicts itself, and no decision can rest on it.
  throw new MetadataReadError(`GET _ml/trained_models/${alias}`, 'unexpected answer: the returned models neither are nor list the alias');
}
