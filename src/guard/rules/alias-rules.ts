/**
 * The master-node rules of PUT alias (docs §2 steps 9–12, source
 * `TransportPutTrainedModelAliasAction.java` @a94a2ed0/@01195333), as a pure
 * function of the request and the facts read from the cluster. The first rule
 * that fails is the answer; the message texts are Elasticsearch's.
 *
 *  9  alias exists and reassign=false (even when it already names M)  400 status_exception
 * 10a alias is the id of an existing model                             400 status_exception
 * 10b M is not a concrete model id (never alias-resolved)              404 resource_not_found_exception
 * 10c licence: left to the cluster (the proxy cannot see the licence; a
 *     cluster that refuses on licence answers 403 itself when forwarded)
 * 11  only when the alias already points at a model that still exists:
 *   a inference-config names differ (both present)                     400 status_exception
 *   b model types differ (a missing type reads as tree_ensemble)       400 status_exception
 *   c new model is pytorch and the old one is deployed: new not deployed,
 *     or new not allocated while an old deployment serves              400 status_exception
 * 12  input fields differ significantly: allowed, with a warning.
 *
 * 11b and 11c exist only in 8.6+; the proxy applies them to every cluster
 * (7.13 to 9.x) so that one policy holds across versions. Note 10c sits before
 * 11: on an unlicensed cluster ES would answer 403 where the guard answers an
 * 11-rule 400.
 */
import { EsRejection } from '../../errors';
import { isNotYetAllocated, isServing } from './allocation';
import { AliasChangeFacts, ModelFacts } from '../facts/facts';
import { inputFieldsDifferSignificantly, inputFieldsWarning } from './input-fields';
import { allow, refuse, type AliasRuleId, type StrictRuleId, type Verdict } from './verdict';

export interface AliasChangeRequest {
  modelId: string;
  modelAlias: string;
  reassign: boolean;
}

export type { AliasRuleId } from './verdict';

/** The alias rules' verdict; the strict options may turn an allowed one into a refusal (`strict-options.ts`). */
export type AliasVerdict = Verdict<AliasRuleId | StrictRuleId>;

const DEFAULT_MODEL_TYPE = 'tree_ensemble';

/** `ExceptionsHelper.badRequestException`: an `ElasticsearchStatusException` with 400. */
function badRequest(reason: string): EsRejection {
  return new EsRejection(400, 'status_exception', reason);
}

function reject(rule: AliasRuleId, rejection: EsRejection): AliasVerdict {
  return refuse(rule, rejection);
}

function typeOf(model: ModelFacts): string {
  return model.modelType || DEFAULT_MODEL_TYPE;
}

export function decideAliasChange(request: AliasChangeRequest, facts: AliasChangeFacts): AliasVerdict {
  const { modelId: M, modelAlias: A, reassign } = request;
  const old = facts.aliasTarget.kind === 'alias' ? facts.aliasTarget.modelId : null;

  // Step 9: checked before any model lookup.
  if (old !== null && !reassign) {
    return reject(
      'reassign_required',
      badRequest(
        `cannot assign model_alias [${A}] to model_id [${M}] as model_alias already refers to [${old}]. ` +
          'Set parameter [reassign] to [true] if model_alias should be reassigned.',
      ),
    );
  }

  // Step 10a wins over 10b: it is detected while scanning the lookup's hits.
  if (facts.aliasTarget.kind === 'model_id') {
    return reject('alias_is_model_id', badRequest('model_alias cannot be the same as an existing trained model_id'));
  }

  const newModel = facts.newModel;
  if (newModel === null) {
    return reject(
      'model_missing',
      new EsRejection(404, 'resource_not_found_exception', `No known trained model with model_id [${M}]`),
    );
  }

  const oldModel = old !== null ? facts.oldModel : null;
  if (old === null || oldModel === null) return allow('allowed');

  // Step 11a.
  if (
    newModel.inferenceConfigName !== undefined &&
    oldModel.inferenceConfigName !== undefined &&
    newModel.inferenceConfigName !== oldModel.inferenceConfigName
  ) {
    return reject(
      'inference_config_mismatch',
      badRequest(
        `cannot reassign model_alias [${A}] to model [${M}] with inference config type [${newModel.inferenceConfigName}] ` +
          `from model [${old}] with type [${oldModel.inferenceConfigName}]`,
      ),
    );
  }

  // Step 11b.
  if (typeOf(newModel) !== typeOf(oldModel)) {
    return reject(
      'model_type_mismatch',
      badRequest(
        `cannot reassign model_alias [${A}] to model [${M}] with type [${typeOf(newModel)}] ` +
          `from model [${old}] with type [${typeOf(oldModel)}]`,
      ),
    );
  }

  // Step 11c.
  if (typeOf(newModel) === 'pytorch' && facts.oldDeployments.length > 0) {
    if (facts.newDeployments.length === 0) {
      return reject(
        'not_deployed',
        badRequest(`cannot reassign model_alias [${A}] to model [${M}] from model [${old}] as it is not yet deployed`),
      );
    }
    const oldServes = facts.oldDeployments.some(isServing);
    if (oldServes && facts.newDeployments.some(isNotYetAllocated)) {
      // Two spaces before "from": the Java source concatenates "... [{}] " + " from ...".
      return reject(
        'not_allocated',
        badRequest(
          `cannot reassign model_alias [${A}] to model [${M}]  from model [${old}] as it is not yet allocated to any nodes`,
        ),
      );
    }
  }

  // Step 12.
  if (inputFieldsDifferSignificantly(oldModel.inputFieldNames, newModel.inputFieldNames)) {
    return allow('allowed', inputFieldsWarning(M, old));
  }
  return allow('allowed');
}
