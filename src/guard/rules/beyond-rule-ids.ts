/**
 * The names of the guard's own rules, the ones Elasticsearch does not have
 * (docs §13). Each names why a request was allowed or refused in the decision
 * line and in the `decisions` metric, like every rule of Elasticsearch's.
 */
import type { EsRejection } from '../../errors';

/** docs §13.1: a model alias and a deployment id that would name the same thing. */
export type ShadowingRuleId =
  | 'shadowing.alias_hides_deployment'
  | 'shadowing.alias_over_own_deployment'
  | 'shadowing.no_deployment_named_alias'
  | 'shadowing.deployment_hidden_by_alias'
  | 'shadowing.deployment_id_not_an_alias'
  | 'shadowing.allowed_by_setting';

/** docs §13.2: `DELETE _inference/…` of an endpoint whose deployment serves an alias. */
export type InferenceDeleteRuleId =
  | 'inference_delete.endpoint_missing.forward'
  | 'inference_delete.task_type_mismatch.forward'
  | 'inference_delete.dry_run'
  | 'inference_delete.force'
  | 'inference_delete.external_service'
  | 'inference_delete.existing_deployment_kept'
  | 'inference_delete.no_deployment'
  | 'inference_delete.endpoint_referenced'
  | 'inference_delete.model_id_referenced'
  | 'inference_delete.model_alias_referenced'
  | 'inference_delete.served_by_other_deployment'
  | 'inference_delete.not_referenced';

/** docs §13.3: `_update` of a deployment. */
export type DeploymentUpdateRuleId =
  | 'update.deployment_missing.forward'
  | 'update.not_serving_referenced_alias'
  | 'update.serves_referenced_alias'
  | 'update.strict_capacity_scale_to_zero'
  | 'update.strict_capacity_unreadable';

export type BeyondRuleId = ShadowingRuleId | InferenceDeleteRuleId | DeploymentUpdateRuleId;

/**
 * What one of these rules decides; the same shape as every other rule's
 * verdict (forward, or answer with the rejection).
 */
export type BeyondVerdict<R extends BeyondRuleId> =
  | { allowed: true; rule: R }
  | { allowed: false; rule: R; rejection: EsRejection };

export function forward<R extends BeyondRuleId>(rule: R): BeyondVerdict<R> {
  return { allowed: true, rule };
}

export function answer<R extends BeyondRuleId>(rule: R, rejection: EsRejection): BeyondVerdict<R> {
  return { allowed: false, rule, rejection };
}
