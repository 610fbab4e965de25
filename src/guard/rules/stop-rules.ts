/**
 * The stop-deployment guard: `POST _ml/trained_models/{id}/deployment/_stop`
 * without `force` is refused while the deployment, its model or an alias of its
 * model is referenced by an inference processor (docs §3.1, docs §3.3).
 *
 * Elasticsearch 8.8+ (`TransportStopTrainedModelDeploymentAction.java`
 * @0a22cbe8 and its newer variant using `InferenceProcessorInfoExtractor`)
 * checks, in this order, only after the assignment `assignments[X]` exists:
 *   a. X (the deployment id) is referenced → 409;
 *   b. an alias whose target model id equals X is referenced → 409.
 * Gaps (docs §3.1): when the deployment id differs from the model id, a reference to
 * the model id is missed and the aliases are looked up under the deployment id,
 * so none are found. The proxy closes both gaps:
 *   1. X referenced            → ES message a, naming X (identical to ES).
 *   2. model id M referenced   → proxy-only extension. DECISION: ES message a,
 *      naming X. Clients that match ES's 409 text keep working, and the text
 *      stays true (the deployment is referenced through its model).
 *   3. an alias of M referenced → ES message b naming X and the alias. DECISION:
 *      when several aliases are referenced, the first in sorted (code-unit)
 *      order is named. ES takes the first in HashMap iteration order, which no
 *      client can predict; sorting makes the answer deterministic.
 * When X == M the proxy's order (X, then M = X, then aliases) is ES's order.
 *
 * Missing deployment (`facts.deployment === null`): forwarded. ES does not look
 * at pipelines at all then; it answers 200 `{"stopped":true}` or, with
 * `allow_no_match=false`, 404 `No known model deployment with id [X]` (docs §3.1
 * step 2). The cluster gives those answers itself, exactly.
 *
 * Known over-strictness (documented, by design of the issue): a model with two
 * deployments d1, d2 referenced by model id M keeps serving through d2 when d1
 * stops, yet stopping d1 is refused under rule 2. `force` overrides.
 */
import { EsRejection } from '../../errors';
import type { StopFacts } from '../facts/facts';
import type { StopExpressionFacts } from '../facts/deployment-facts';
import type { StopRequest } from '../checks/stop-request';
import { allow, refuse, type Verdict, type StopRuleId } from './verdict';

export type { StopFacts } from '../facts/facts';

/** 409 `status_exception`: an `ElasticsearchStatusException` with CONFLICT (docs §5.4 table). */
export function conflict(reason: string): EsRejection {
  return new EsRejection(409, 'status_exception', reason);
}

/** The first referenced alias in sorted order, or undefined. */
export function firstReferencedAlias(aliases: readonly string[], references: Map<string, string[]>): string | undefined {
  return [...aliases].sort().find((alias) => references.has(alias));
}

export function deploymentReferencedMessage(deploymentId: string): string {
  return `Cannot stop deployment [${deploymentId}] as it is referenced by ingest processors; use force to stop the deployment`;
}

export function deploymentAliasReferencedMessage(deploymentId: string, alias: string): string {
  return (
    `Cannot stop deployment [${deploymentId}] as it has a model_alias [${alias}] that is still referenced` +
    ' by ingest processors; use force to stop the deployment'
  );
}

export function decideStop(request: StopRequest, facts: StopFacts): Verdict<StopRuleId> {
  if (facts.deployment === null) return allow('stop.deployment_missing.forward');
  if (request.force) return allow('stop.force');
  const x = request.deploymentId;
  if (facts.references.has(x)) return refuse('stop.deployment_id_referenced', conflict(deploymentReferencedMessage(x)));
  if (facts.references.has(facts.deployment.modelId)) {
    return refuse('stop.model_id_referenced', conflict(deploymentReferencedMessage(x)));
  }
  const alias = firstReferencedAlias(facts.modelAliases, facts.references);
  if (alias !== undefined) return refuse('stop.model_alias_referenced', conflict(deploymentAliasReferencedMessage(x, alias)));
  return allow('stop.not_referenced');
}

/**
 * A stop id expression on 8.0–8.7 (docs §3.2): every matched, deployed model
 * is checked as if it had been named alone, in sorted order; the first
 * refusal is the answer. Nothing referenced: forwarded, and the cluster
 * answers (`{"stopped":true}`, its 404, or its 400 for several matches).
 * DECISION: a referenced deployment among several matches gets the guard's
 * 409 where Elasticsearch gives its 400 "cannot undeploy multiple models";
 * both refuse, and the 409 names what blocks the stop.
 */
export function decideStopExpression(
  request: StopRequest,
  facts: Exclude<StopExpressionFacts, { kind: 'literal' }>,
): Verdict<StopRuleId> {
  if (facts.kind === 'truncated') {
    return refuse(
      'stop.expression_unresolvable',
      new EsRejection(
        400,
        'illegal_argument_exception',
        `model-alias-guard cannot check the stop of [${request.deploymentId}]: the expression matches [${facts.count}] models, ` +
          `more than the [${facts.listed}] one lookup lists; name the deployment, or use a narrower expression`,
      ),
    );
  }
  for (const deployment of facts.deployments) {
    const verdict = decideStop({ ...request, deploymentId: deployment.deployment!.deploymentId }, deployment);
    if (!verdict.allowed) return verdict;
  }
  return allow('stop.expression_resolved');
}
