/**
 * One structured line per guarded request: what was asked, what the guard
 * saw, what it decided and why, what the cluster answered, and how long each
 * part took. Never a credential: only ids, names and states go in.
 */
import type { Logger } from '../../log/logger';
import type { AliasChangeFacts, DeploymentFacts, ModelFacts } from '../facts/facts';
import type { RuleId } from '../rules/verdict';

/** The word logs and metrics use for a guard's verdict (`rules/verdict.ts`). */
export type VerdictLabel =
  /** Forwarded after the rules passed (possibly with a warning). */
  | 'allowed'
  /** Refused by a rule, answered as Elasticsearch would. */
  | 'refused'
  /** Refused by Elasticsearch's REST layer checks before any read (bad parameter, body, validation). */
  | 'invalid'
  /** The caller's own credentials were refused on a read; the cluster's answer was relayed. */
  | 'not_authorized'
  /** A read failed; the change was not forwarded (503). */
  | 'failed_closed'
  /** The guard itself failed; nothing was forwarded. */
  | 'error'
  /** Report mode: the guard would have refused, but forwarded it with a Warning. */
  | 'would_refuse'
  /** Report mode: a read failed, so the guard would have failed closed (503); forwarded unverified, with a Warning. */
  | 'would_fail_closed';

/** One decision line. */
export interface DecisionLine {
  route: string;
  method: string;
  path: string;
  opaqueId?: string;
  request: Record<string, unknown>;
  facts?: Record<string, unknown>;
  verdict: VerdictLabel;
  rule: RuleId;
  /** The metadata reads the guard made, by their labels (`facts/cluster-reads.ts`). */
  reads?: string[];
  /** The status the proxy answered itself, when it did. */
  status?: number;
  reason?: string;
  warning?: string;
  /** The status the cluster answered a forwarded request with. */
  upstreamStatus?: number;
  durationsMs: { reads?: number; upstream?: number; total: number };
}

export function logDecision(logger: Logger, decision: DecisionLine): void {
  // The caller's X-Opaque-Id is the correlation id, as in Elasticsearch's own logs.
  logger.info({ decision, opaque_id: decision.opaqueId }, `guard ${decision.route} ${decision.verdict} (${decision.rule})`);
}

function modelSummary(model: ModelFacts | null): Record<string, unknown> | null {
  if (!model) return null;
  return {
    model_id: model.modelId,
    model_type: model.modelType,
    inference_config: model.inferenceConfigName ?? null,
    input_fields: model.inputFieldNames.length,
  };
}

function deploymentSummary(deployments: DeploymentFacts[]): Array<Record<string, unknown>> {
  return deployments.map((d) => ({
    deployment_id: d.deploymentId,
    state: d.state,
    allocation: d.allocation?.state ?? null,
    allocations: d.allocation ? `${d.allocation.allocationCount}/${d.allocation.targetAllocationCount}` : null,
  }));
}

/** The facts of an alias change as they go into the decision line. */
export function summarizeAliasFacts(facts: AliasChangeFacts): Record<string, unknown> {
  return {
    alias: facts.aliasTarget.kind === 'alias' ? { points_to: facts.aliasTarget.modelId } : facts.aliasTarget.kind,
    new_model: modelSummary(facts.newModel),
    old_model: modelSummary(facts.oldModel),
    new_deployments: deploymentSummary(facts.newDeployments),
    old_deployments: deploymentSummary(facts.oldDeployments),
  };
}

/** The pipelines that reference each of the given ids (only those ids: the line stays small). */
export function summarizeReferences(references: Map<string, string[]>, ids: Array<string | undefined>): Record<string, string[]> {
  const summary: Record<string, string[]> = {};
  for (const id of ids) {
    if (id !== undefined && references.has(id)) summary[id] = references.get(id)!;
  }
  return summary;
}
