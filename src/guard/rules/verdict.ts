/**
 * The guard's one vocabulary for decisions.
 *
 * - A `RuleId` names why: the rule that allowed or refused a request, the
 *   REST-layer check that refused it (its Elasticsearch error type), or the
 *   failure that stopped the guard (its stable error code).
 * - A `Verdict` is what a guard decides: forward the request (allowed by a
 *   rule, maybe with a warning) or answer it (refused by a rule or by the
 *   REST-layer checks that run before any rule).
 * - The decision line (`exchange/decision-log.ts`) records the verdict with a
 *   `VerdictLabel`, the word logs and metrics use for it.
 */
import { EsRejection } from '../../errors';
import type { EsGuardRejection } from '../../rest/rejections';
import type { BeyondRuleId } from './beyond-rule-ids';

/** PUT alias, docs §2 steps 9–12. */
export type AliasRuleId =
  | 'reassign_required'
  | 'alias_is_model_id'
  | 'model_missing'
  | 'inference_config_mismatch'
  | 'model_type_mismatch'
  | 'not_deployed'
  | 'not_allocated'
  | 'allowed';

/** The options stricter than Elasticsearch (docs §13). */
export type StrictRuleId = 'strict_input_fields' | 'strict_capacity';

/** Deployment `_stop`, docs §3.1. */
export type StopRuleId =
  | 'stop.force'
  | 'stop.deployment_missing.forward'
  | 'stop.deployment_id_referenced'
  | 'stop.model_id_referenced'
  | 'stop.model_alias_referenced'
  | 'stop.not_referenced'
  | 'stop.expression_resolved'
  | 'stop.expression_unresolvable';

/** DELETE alias, docs §1.2. */
export type DeleteAliasRuleId =
  | 'delete_alias.alias_missing.forward'
  | 'delete_alias.other_model.forward'
  | 'delete_alias.referenced'
  | 'delete_alias.not_referenced';

/** DELETE model, docs §1.6. */
export type DeleteModelRuleId =
  | 'delete_model.force'
  | 'delete_model.model_id_referenced'
  | 'delete_model.model_alias_referenced'
  | 'delete_model.deployed'
  | 'delete_model.not_referenced';

/** A REST-layer refusal before any rule: the Elasticsearch error type, or `rest_<status>` for a flat answer. */
export type RequestCheckRuleId = `${string}_exception` | `rest_${number}`;

/** A failure that stopped the guard: the `code` of the GuardError. */
export type FailureRuleId =
  | 'METADATA_READ_FAILED'
  | 'CALLER_NOT_AUTHORIZED'
  | 'GUARD_INTERNAL_ERROR'
  | 'UPSTREAM_UNAVAILABLE'
  | 'ES_REJECTION'
  | 'ES_FLAT_REJECTION'
  /** The client went away before the guard decided: nothing was forwarded. */
  | 'CLIENT_CLOSED'
  /** A gzip/deflate body that cannot be decoded: the connection is closed without an answer (docs §8.1). */
  | 'REQUEST_BODY_NOT_DECODABLE'
  | 'unknown';

/** The guard's own rules, beyond Elasticsearch's (docs §13): `beyond-rule-ids.ts`. */
export type GuardRuleId = AliasRuleId | StrictRuleId | StopRuleId | DeleteAliasRuleId | DeleteModelRuleId | BeyondRuleId;

export type RuleId = GuardRuleId | RequestCheckRuleId | FailureRuleId;

/** Forward the request as it came. `warning` is added to a 200 answer that lacks it (docs §2 step 12). */
export interface Allowed<R extends RuleId = GuardRuleId> {
  allowed: true;
  rule: R;
  warning?: string;
}

/** Answer in Elasticsearch's name; `byRequestChecks` marks a REST-layer refusal made before any read. */
export interface Refused<R extends RuleId = GuardRuleId> {
  allowed: false;
  rule: R;
  rejection: R extends RequestCheckRuleId ? EsGuardRejection : EsRejection;
  byRequestChecks?: true;
}

/** What a rule (a pure function of the request and its facts) decides. */
export type Verdict<R extends GuardRuleId = GuardRuleId> = Allowed<R> | Refused<R>;

/** What a guard decides for one request: a rule's verdict, or the REST layer's refusal. */
export type GuardVerdict = Verdict | Refused<RequestCheckRuleId>;

export function allow<R extends GuardRuleId>(rule: R, warning?: string): Allowed<R> {
  return warning === undefined ? { allowed: true, rule } : { allowed: true, rule, warning };
}

export function refuse<R extends GuardRuleId>(rule: R, rejection: EsRejection): Refused<R> {
  return { allowed: false, rule, rejection };
}

/** The REST layer refused the request before any rule ran (docs §5). */
export function refusedByRequestChecks(rejection: EsGuardRejection): Refused<RequestCheckRuleId> {
  // Elasticsearch's error types all end in `_exception`; a flat answer has no type.
  const rule: RequestCheckRuleId = rejection instanceof EsRejection ? (rejection.type as RequestCheckRuleId) : `rest_${rejection.statusCode}`;
  return { allowed: false, rule, rejection, byRequestChecks: true };
}
