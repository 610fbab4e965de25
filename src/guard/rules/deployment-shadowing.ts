/**
 * A model alias and a deployment id that name the same thing (docs §13.1).
 *
 * `_infer` and the inference processor resolve a name as a model alias FIRST
 * and only then as a deployment id (docs §10.1: `TransportInternalInferModelAction`
 * and `TrainedModelAssignmentUtils.modelAssignments`, 8.8+). Elasticsearch
 * compares a new alias only with model ids (docs §2 step 10a), so
 * `PUT _ml/trained_models/m2/model_aliases/foo` while a deployment `foo` of
 * model `m1` exists silently sends every caller of the deployment `foo` to
 * `m2`. The guard refuses that PUT, and the reverse: starting a deployment
 * whose id is an alias of another model (it would be unreachable by its id).
 *
 * Both refusals are 400 `status_exception`, the type Elasticsearch gives its
 * own alias refusals (an `ElasticsearchStatusException` from
 * `ExceptionsHelper.badRequestException`, docs §5.4 table): the request is
 * well formed, the cluster's state forbids it. Neither handler accepts a
 * `force` parameter (Elasticsearch would refuse it as unrecognized), so the
 * way out is the setting `ALLOW_DEPLOYMENT_SHADOWING=true`.
 *
 * These rules run only when Elasticsearch's own rules let the request
 * through: an answer Elasticsearch gives itself always wins.
 */
import { EsRejection } from '../../errors';
import { answer, forward, type BeyondVerdict, type ShadowingRuleId } from './beyond-rule-ids';

export const SHADOWING_SETTING = 'ALLOW_DEPLOYMENT_SHADOWING';

export interface ShadowingOptions {
  ALLOW_DEPLOYMENT_SHADOWING: boolean;
}

/** A deployment (assignment) as `_stats` shows it: its id and the model it serves. */
export interface NamedDeployment {
  deploymentId: string;
  modelId: string;
}

function badRequest(reason: string): EsRejection {
  return new EsRejection(400, 'status_exception', reason);
}

export function aliasHidesDeploymentMessage(alias: string, modelId: string, deployment: NamedDeployment): string {
  return (
    `cannot assign model_alias [${alias}] to model [${modelId}] as deployment [${deployment.deploymentId}] of model ` +
    `[${deployment.modelId}] exists and _infer and inference processors resolve [${alias}] as a model_alias before a ` +
    `deployment id, so the deployment would no longer be reachable by its id (model-alias-guard rule; stop deployment ` +
    `[${deployment.deploymentId}] first, or set ${SHADOWING_SETTING}=true)`
  );
}

export function deploymentHiddenByAliasMessage(deploymentId: string, modelId: string, aliasTarget: string): string {
  return (
    `cannot start deployment [${deploymentId}] of model [${modelId}] as model_alias [${deploymentId}] refers to model ` +
    `[${aliasTarget}] and _infer and inference processors resolve [${deploymentId}] as the model_alias, so the ` +
    `deployment would not be reachable by its id (model-alias-guard rule; choose another deployment_id, or set ` +
    `${SHADOWING_SETTING}=true)`
  );
}

/**
 * PUT alias `alias` → `modelId`, given the deployment whose id equals the
 * alias (null when there is none).
 */
export function decideAliasOverDeployment(
  request: { modelId: string; modelAlias: string },
  deploymentNamedAlias: NamedDeployment | null,
  options: ShadowingOptions,
): BeyondVerdict<ShadowingRuleId> {
  if (deploymentNamedAlias === null) return forward('shadowing.no_deployment_named_alias');
  // The alias then resolves to the model the deployment already serves: callers keep their model.
  if (deploymentNamedAlias.modelId === request.modelId) return forward('shadowing.alias_over_own_deployment');
  if (options.ALLOW_DEPLOYMENT_SHADOWING) return forward('shadowing.allowed_by_setting');
  return answer(
    'shadowing.alias_hides_deployment',
    badRequest(aliasHidesDeploymentMessage(request.modelAlias, request.modelId, deploymentNamedAlias)),
  );
}

/**
 * `_start` of a deployment `deploymentId` of `modelId`, given the model an
 * alias named `deploymentId` points at (null when no such alias exists).
 *
 * An alias pointing at the model being deployed is left to Elasticsearch: its
 * own check (`GET trained models` of the deployment id, which resolves
 * aliases) refuses every deployment id that names a model or an alias other
 * than the model id itself (docs §10.2).
 */
export function decideDeploymentUnderAlias(
  request: { modelId: string; deploymentId: string },
  aliasTarget: string | null,
  options: ShadowingOptions,
): BeyondVerdict<ShadowingRuleId> {
  if (aliasTarget === null || aliasTarget === request.modelId) return forward('shadowing.deployment_id_not_an_alias');
  if (options.ALLOW_DEPLOYMENT_SHADOWING) return forward('shadowing.allowed_by_setting');
  return answer(
    'shadowing.deployment_hidden_by_alias',
    badRequest(deploymentHiddenByAliasMessage(request.deploymentId, request.modelId, aliasTarget)),
  );
}
