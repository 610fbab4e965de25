/**
 * What the answers of `GET _ml/trained_models/<id>` and `.../_stats` say,
 * turned into the facts the rules read (docs §4.1, docs §4.2). Pure functions.
 */
import type { AliasTarget, DeploymentFacts, ModelFacts } from './facts';
import type { StatsEntry, TrainedModelConfigAnswer } from './answer-schemas';
import { MetadataReadError } from '../../errors';

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

/** The config of exactly `modelId` in an answer (GET resolves aliases; only the model's own entry counts). */
export function configOf(modelId: string, configs: TrainedModelConfigAnswer[] | null): TrainedModelConfigAnswer | null {
  return configs?.find((c) => c.model_id === modelId) ?? null;
}

/** `metadata.model_aliases` of exactly `modelId`. */
export function aliasesOf(modelId: string, configs: TrainedModelConfigAnswer[] | null): string[] {
  return configOf(modelId, configs)?.metadata?.model_aliases ?? [];
}

/** One entry per deployment of exactly `modelId` (8.8+: one stats entry per deployment, docs §1.4). */
export function toDeploymentFacts(modelId: string, entries: StatsEntry[]): DeploymentFacts[] {
  const deployments: DeploymentFacts[] = [];
  for (const entry of entries) {
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
