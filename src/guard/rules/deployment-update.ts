/**
 * `POST _ml/trained_models/{deployment_id}/deployment/_update` of a
 * deployment that serves a referenced alias (docs §13.3, docs §10.3).
 *
 * Elasticsearch refuses `number_of_allocations` below 1, but adaptive
 * allocations with `min_number_of_allocations` 0 (or unset) let the scaler
 * take an allocated deployment down to no allocations once it has seen no
 * requests for a while (8.16+, `AdaptiveAllocationsScaler.scale`). That is
 * exactly the state the allocated-only-to-allocated alias rule (docs §2 step
 * 11c) exists to keep pipelines away from. So:
 *   - every `_update` of a deployment whose model has a referenced alias is
 *     allowed under its own rule name, so the decision line and the
 *     `decisions` metric show and count it;
 *   - with `STRICT_CAPACITY=true`, an update that turns on (or keeps on)
 *     adaptive allocations with a minimum of 0 or none is refused with 400
 *     `status_exception`, the type of the other strict options and of
 *     Elasticsearch's own refusals of well-formed requests
 *     (`ExceptionsHelper.badRequestException`).
 * The way out is the setting (`STRICT_CAPACITY=false`) or a
 * `min_number_of_allocations` of at least 1.
 *
 * The settings an update leaves are the deployment's current ones merged
 * with the request's (`AdaptiveAllocationsSettings.merge`: an absent field
 * keeps its value, `null` resets it; `"adaptive_allocations": null` turns
 * adaptive allocations off).
 */
import { EsRejection } from '../../errors';
import { answer, forward, type BeyondVerdict, type DeploymentUpdateRuleId } from './beyond-rule-ids';

export interface AdaptiveAllocations {
  enabled?: boolean;
  /** Absent: unset; `null`: reset to unset. */
  minNumberOfAllocations?: number | null;
  maxNumberOfAllocations?: number | null;
}

export interface DeploymentUpdateRequest {
  deploymentId: string;
  numberOfAllocations?: number;
  /**
   * Absent: not changed; `null`: `"adaptive_allocations": null`, which turns
   * them off; `'unreadable'`: the body is not one the guard can read (not JSON).
   */
  adaptiveAllocations?: AdaptiveAllocations | null | 'unreadable';
}

export interface DeploymentUpdateFacts {
  /** The deployment under the path id and its current adaptive settings, or null when there is none. */
  deployment: { deploymentId: string; modelId: string; adaptiveAllocations?: AdaptiveAllocations } | null;
  /** Aliases of `deployment.modelId`. */
  modelAliases: string[];
  references: Map<string, string[]>;
  /** Whether the cluster's scaler can reach zero allocations (8.16+; assumed when the version is unknown). */
  scalesToZero: boolean;
}

export interface CapacityOptions {
  STRICT_CAPACITY: boolean;
}

/** `AdaptiveAllocationsSettings.merge`. */
export function mergeAdaptive(current: AdaptiveAllocations | undefined, update: AdaptiveAllocations | null): AdaptiveAllocations {
  if (update === null) return { enabled: false };
  const merged: AdaptiveAllocations = { ...current };
  if (update.enabled !== undefined) merged.enabled = update.enabled;
  if (update.minNumberOfAllocations === null) delete merged.minNumberOfAllocations;
  else if (update.minNumberOfAllocations !== undefined) merged.minNumberOfAllocations = update.minNumberOfAllocations;
  if (update.maxNumberOfAllocations === null) delete merged.maxNumberOfAllocations;
  else if (update.maxNumberOfAllocations !== undefined) merged.maxNumberOfAllocations = update.maxNumberOfAllocations;
  return merged;
}

function canReachZero(settings: AdaptiveAllocations): boolean {
  return settings.enabled === true && (settings.minNumberOfAllocations ?? 0) === 0;
}

export function scaleToZeroMessage(deploymentId: string, modelId: string, alias: string): string {
  return (
    `STRICT_CAPACITY is set on model-alias-guard: cannot update deployment [${deploymentId}] of model [${modelId}] ` +
    `to adaptive allocations without a [min_number_of_allocations] of at least 1, as it serves model_alias [${alias}] ` +
    'that is referenced by ingest processors and could scale to zero allocations'
  );
}

/** Adaptive allocations reach zero from 8.16 (docs §10.3); an unknown version is assumed to. */
export function scalesToZero(version: string | undefined): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!match) return true;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 8 || (major === 8 && minor >= 16);
}

export function unreadableUpdateMessage(deploymentId: string, modelId: string, alias: string): string {
  return (
    `STRICT_CAPACITY is set on model-alias-guard: cannot check the update of deployment [${deploymentId}] of model ` +
    `[${modelId}], which serves model_alias [${alias}] that is referenced by ingest processors; send the body as JSON`
  );
}

export function decideDeploymentUpdate(
  request: DeploymentUpdateRequest,
  facts: DeploymentUpdateFacts,
  options: CapacityOptions,
): BeyondVerdict<DeploymentUpdateRuleId> {
  const deployment = facts.deployment;
  if (deployment === null) return forward('update.deployment_missing.forward');
  const alias = [...facts.modelAliases].sort().find((a) => facts.references.has(a));
  if (alias === undefined) return forward('update.not_serving_referenced_alias');
  if (options.STRICT_CAPACITY && facts.scalesToZero && request.adaptiveAllocations !== undefined) {
    if (request.adaptiveAllocations === 'unreadable') {
      return answer(
        'update.strict_capacity_unreadable',
        new EsRejection(400, 'status_exception', unreadableUpdateMessage(deployment.deploymentId, deployment.modelId, alias)),
      );
    }
    const after = mergeAdaptive(deployment.adaptiveAllocations, request.adaptiveAllocations);
    if (canReachZero(after)) {
      return answer(
        'update.strict_capacity_scale_to_zero',
        new EsRejection(400, 'status_exception', scaleToZeroMessage(deployment.deploymentId, deployment.modelId, alias)),
      );
    }
  }
  return forward('update.serves_referenced_alias');
}
