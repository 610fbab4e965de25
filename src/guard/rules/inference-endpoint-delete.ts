/**
 * Deleting an inference endpoint that serves a referenced model or alias
 * (docs §13.2, docs §9.2).
 *
 * `DELETE _inference/{inference_id}` and `DELETE _inference/{task_type}/{inference_id}`
 * stop the endpoint's trained-model deployment for the services hosted on
 * the cluster's ML nodes, with a FORCED stop (`BaseElasticsearchInternalService.stop`),
 * so the stop rules of docs §3.1 never run. Elasticsearch (8.15+,
 * `TransportDeleteInferenceEndpointAction`) refuses only when a pipeline names
 * the endpoint id itself. The guard treats the delete like a deployment stop:
 * without `force`, it refuses while a pipeline references the endpoint id, the
 * deployment's model id or an alias of that model and no other deployment of
 * the model keeps serving those callers.
 *
 * Order (Elasticsearch's own answers first):
 *   1. endpoint missing → forward (Elasticsearch answers 404);
 *   2. a task type in the path that is not the endpoint's → forward (Elasticsearch answers 400);
 *   3. `dry_run` → forward (nothing is stopped; 8.15+);
 *   4. `force` → forward;
 *   5. an external service (openai, cohere, …) or an endpoint configured with
 *      an existing `deployment_id` (Elasticsearch does not stop that one) → forward;
 *   6. no deployment under the endpoint id → forward (nothing to stop);
 *   7. the endpoint id is referenced → 409 with Elasticsearch's own 8.15+ message
 *      (earlier versions do not check; the text is then ours but the same);
 *   8. the model id or an alias of it is referenced, and no other deployment of
 *      the model has an allocation → 409 (model-alias-guard rule).
 *
 * 409 `status_exception`: the conflict Elasticsearch itself answers for a
 * referenced endpoint (an `ElasticsearchStatusException` with CONFLICT).
 */
import { EsRejection } from '../../errors';
import { answer, forward, type BeyondVerdict, type InferenceDeleteRuleId } from './beyond-rule-ids';

/**
 * Services whose endpoints run as a trained-model deployment on the cluster's
 * ML nodes: `elasticsearch` and `elser` (8.13+), and the 8.12 `text_embedding`
 * internal service (docs §9.3). Every other service calls out of the cluster.
 */
export const ML_NODE_SERVICES: readonly string[] = ['elasticsearch', 'elser', 'text_embedding'];

export interface InferenceDeleteRequest {
  inferenceId: string;
  /** The `{task_type}` path segment of the two-segment route, when given. */
  taskType?: string;
  force: boolean;
  dryRun: boolean;
}

export interface InferenceEndpointFacts {
  inferenceId: string;
  taskType: string;
  service: string;
  /** `service_settings.deployment_id`: an existing deployment the endpoint uses and does not own. */
  existingDeploymentId?: string;
}

export interface InferenceDeleteFacts {
  /** The endpoint as `GET _inference/<id>` shows it, or null when Elasticsearch knows none. */
  endpoint: InferenceEndpointFacts | null;
  /** The deployment Elasticsearch would stop (id = the endpoint id) and the model it serves, or null. */
  deployment: { deploymentId: string; modelId: string } | null;
  /** Aliases of `deployment.modelId`. */
  modelAliases: string[];
  /** Other deployments of the same model and their allocation counts. */
  otherDeployments: { deploymentId: string; allocationCount: number }[];
  /** Referenced id → the pipelines naming it (docs §3.3). */
  references: Map<string, string[]>;
}

function conflict(reason: string): EsRejection {
  return new EsRejection(409, 'status_exception', reason);
}

export function endpointReferencedMessage(inferenceId: string): string {
  return (
    `Inference endpoint ${inferenceId} is referenced by pipelines and cannot be deleted. ` +
    'Use `force` to delete it anyway, or use `dry_run` to list the pipelines that reference it.'
  );
}

export function endpointServesReferencedModelMessage(inferenceId: string, modelId: string, referencedAs: string): string {
  const through = referencedAs === modelId ? `model [${modelId}]` : `model [${modelId}] through model_alias [${referencedAs}]`;
  return (
    `Inference endpoint ${inferenceId} cannot be deleted: it stops deployment [${inferenceId}], which serves ${through}, ` +
    'referenced by pipelines, and no other deployment of the model would serve them ' +
    '(model-alias-guard rule; use `force` to delete it anyway)'
  );
}

export function decideInferenceEndpointDelete(
  request: InferenceDeleteRequest,
  facts: InferenceDeleteFacts,
): BeyondVerdict<InferenceDeleteRuleId> {
  const endpoint = facts.endpoint;
  if (endpoint === null) return forward('inference_delete.endpoint_missing.forward');
  if (request.taskType !== undefined && request.taskType !== endpoint.taskType) {
    return forward('inference_delete.task_type_mismatch.forward');
  }
  if (request.dryRun) return forward('inference_delete.dry_run');
  if (request.force) return forward('inference_delete.force');
  if (!ML_NODE_SERVICES.includes(endpoint.service)) return forward('inference_delete.external_service');
  if (endpoint.existingDeploymentId !== undefined) return forward('inference_delete.existing_deployment_kept');
  const deployment = facts.deployment;
  if (deployment === null) return forward('inference_delete.no_deployment');

  const id = request.inferenceId;
  if (facts.references.has(id) || facts.references.has(deployment.deploymentId)) {
    return answer('inference_delete.endpoint_referenced', conflict(endpointReferencedMessage(id)));
  }
  const model = deployment.modelId;
  const alias = [...facts.modelAliases].sort().find((a) => facts.references.has(a));
  const referencedAs = facts.references.has(model) ? model : alias;
  if (referencedAs === undefined) return forward('inference_delete.not_referenced');
  // Callers naming the model or its alias reach any deployment of the model (docs §10.1).
  if (facts.otherDeployments.some((d) => d.deploymentId !== deployment.deploymentId && d.allocationCount > 0)) {
    return forward('inference_delete.served_by_other_deployment');
  }
  return answer(
    referencedAs === model ? 'inference_delete.model_id_referenced' : 'inference_delete.model_alias_referenced',
    conflict(endpointServesReferencedModelMessage(id, model, referencedAs)),
  );
}
