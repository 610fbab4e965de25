/**
 * The checks Elasticsearch makes on a model-alias request before the master
 * node looks at any metadata (docs §2 steps 2–6, docs §5), in ES's order.
 * The first failure is the answer:
 *
 * 0–3. the REST layer's prelude (`src/rest/request-prelude.ts`): query string,
 *    Accept and Content-Type headers, `pretty`/`human`/`error_trace`, the 406 gate
 * 4. PUT only: `reassign` via `paramAsBoolean(reassign, false)` → 400 (docs §2 step 3)
 * 5. unconsumed parameters → 400 "contains unrecognized parameter(s)" (docs §2 step 4, docs §5.3).
 *    Consumed: the framework's `error_trace`, `format`, `filter_path`,
 *    `pretty`, `human`; the path's `model_id` and `model_alias` (their values
 *    replace same-named query values, docs §5.1); PUT's `reassign`. Nothing else:
 *    `RestPutTrainedModelAliasAction` (7.13 @18db6801, 8.x @26661978) reads no
 *    `timeout`/`master_timeout`. A 9.x fork copy (@589240bd) passes a
 *    `masterNodeTimeout` to the request, which suggests 9.x may consume
 *    `master_timeout`; not confirmed (docs §7 Q2), so it stays
 *    unrecognized here.
 * 6. body present → 400 "request [<METHOD> <path>] does not support having a body" (docs §2 step 5)
 * 7. PUT only, `PutTrainedModelAliasAction.Request.validate()` (docs §2 step 6):
 *    both problems collected → 400 `action_request_validation_exception`.
 *
 * DELETE alias goes through the same REST layer (no `reassign`, `validate()`
 * returns null: docs §1.2), so it is accepted here too.
 *
 * `error_trace=true`: ES would add a `stack_trace` field to a structured
 * error; the proxy cannot produce a Java stack trace and answers without it.
 */
import { EsRejection } from '../../errors';
import { paramAsBoolean } from '../../rest/param-boolean';
import { FRAMEWORK_PARAMETERS } from '../../rest/pre-dispatch';
import { EsGuardRejection, illegalArgument } from '../../rest/rejections';
import { restPreludeRejection, type RequestPreludeFacts } from '../../rest/request-prelude';
import { GuardedRoute, requestParams } from '../../rest/route-matcher';
import { unrecognizedParametersRejection } from '../../rest/unrecognized-params';

export interface AliasRequest {
  reassign: boolean;
}

/** `[a-z0-9](?:[a-z0-9_\-\.]*[a-z])?`, matched in full (`PutTrainedModelAliasAction.Request`). */
const VALID_MODEL_ALIAS = /^[a-z0-9](?:[a-z0-9_\-.]*[a-z])?$/;

/**
 * `PutTrainedModelAliasAction.Request.validate()` (@08b91421): the messages it
 * collects, in order. `Messages.INVALID_MODEL_ALIAS` is a `MessageFormat`
 * pattern: its `''{0}''` renders as single quotes around the alias.
 */
export function aliasValidationErrors(modelAlias: string, modelId: string): string[] {
  const errors: string[] = [];
  if (modelAlias === modelId) {
    errors.push(`model_alias [${modelAlias}] cannot equal model_id [${modelId}]`);
  }
  if (!VALID_MODEL_ALIAS.test(modelAlias)) {
    errors.push(
      `Invalid model_alias; '${modelAlias}' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; ` +
        'must start with alphanumeric and cannot end with numbers',
    );
  }
  return errors;
}

/** `ValidationException.getMessage()`: `Validation Failed: 1: a;2: b;` (no space after `;`). */
export function validationFailure(errors: string[]): EsRejection {
  const reason = 'Validation Failed: ' + errors.map((error, i) => `${i + 1}: ${error};`).join('');
  return new EsRejection(400, 'action_request_validation_exception', reason);
}

export function checkAliasRequest(route: GuardedRoute, body: RequestPreludeFacts): AliasRequest | EsGuardRejection {
  if (route.kind !== 'put_model_alias' && route.kind !== 'delete_model_alias') {
    throw new Error(`checkAliasRequest called for a ${route.kind} route`);
  }
  const prelude = restPreludeRejection(route, body);
  if (prelude) return prelude;

  const params = requestParams(route)!; // the query decoded: checked by the prelude
  const consumed = new Set<string>([...FRAMEWORK_PARAMETERS, 'model_id', 'model_alias']);

  let reassign = false;
  if (route.kind === 'put_model_alias') {
    consumed.add('reassign');
    const parsed = paramAsBoolean(params, 'reassign', false);
    if (parsed instanceof EsRejection) return parsed;
    reassign = parsed;
  }

  const unconsumed = [...params.keys()].filter((name) => !consumed.has(name));
  if (unconsumed.length > 0) return unrecognizedParametersRejection(route.decodedPath, unconsumed, consumed);

  if (body.present) {
    return illegalArgument(`request [${route.method} ${route.decodedPath}] does not support having a body`);
  }

  if (route.kind === 'put_model_alias') {
    const errors = aliasValidationErrors(route.pathParams['model_alias'] ?? '', route.pathParams['model_id'] ?? '');
    if (errors.length > 0) return validationFailure(errors);
  }
  return { reassign };
}
