/**
 * Facts for `DELETE _inference/…` (docs §13.2): the endpoint, the deployment
 * Elasticsearch would stop with it, that model's aliases and other
 * deployments, and the pipeline references. Read live with the caller's
 * credentials.
 *
 * The endpoint is read with `GET` of the SAME raw `_inference/…` path as the
 * DELETE. In every version the GET and DELETE endpoint handlers are registered
 * at the same path patterns (`RestGetInferenceModelAction`,
 * `RestDeleteInferenceEndpointAction`; 8.11: `_inference/{task_type}/{model_id}`
 * only), and the literal routes next to them (`_inference/_all`,
 * `_inference/_services`, `…/_update`, `…/_stream`) take no DELETE. So when the
 * GET does not reach the endpoint handler (Elasticsearch answers 405, 400 "no
 * handler", a task-type error, or another handler's answer), the DELETE does
 * not reach the delete handler either, and nothing is stopped: the request is
 * forwarded and Elasticsearch gives its own answer (docs §9.1).
 */
import { CallerNotAuthorizedError, MetadataReadError } from '../../errors';
import type { MetadataClient, RawAnswer } from '../../es/metadata-client';
import { ML_NODE_SERVICES, type InferenceDeleteFacts, type InferenceEndpointFacts } from '../rules/inference-endpoint-delete';
import type { ClusterReads } from './cluster-reads';
import { aliasesOf, toDeploymentFacts } from './model-facts';

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An Elasticsearch error body, structured or flat (docs §5.4). */
function isEsError(parsed: unknown): boolean {
  return isRecord(parsed) && (typeof parsed['error'] === 'string' || isRecord(parsed['error']));
}

/**
 * The endpoint `inferenceId` in one `GET _inference/…` answer; null when
 * Elasticsearch says there is none, or when the path is not routed to the
 * endpoint handlers (see above).
 */
export function endpointInAnswer(inferenceId: string, answer: RawAnswer, label: string): InferenceEndpointFacts | null {
  const { statusCode } = answer;
  if (statusCode === 401 || statusCode === 403) throw new CallerNotAuthorizedError(statusCode, answer.headers, answer.body);
  const parsed = parseJson(answer.body);
  if (statusCode === 404) {
    // `Inference endpoint not found [X]`, a resource_not_found_exception; a 404 from anything else proves nothing.
    if (isRecord(parsed) && isRecord(parsed['error']) && parsed['error']['type'] === 'resource_not_found_exception') return null;
    throw new MetadataReadError(label, 'status 404 that is not an Elasticsearch not-found answer');
  }
  if (statusCode === 400 || statusCode === 405) {
    if (isEsError(parsed)) return null;
    throw new MetadataReadError(label, `status ${statusCode} that is not an Elasticsearch answer`);
  }
  if (statusCode < 200 || statusCode > 299) throw new MetadataReadError(label, `status ${statusCode}`);
  if (parsed === undefined) throw new MetadataReadError(label, 'unexpected answer shape: not JSON');
  // 8.15+: `endpoints` of `inference_id`s; 8.11–8.14: `models` of `model_id`s (`GetInferenceModelAction.Response`).
  const list = isRecord(parsed) ? (parsed['endpoints'] ?? parsed['models']) : undefined;
  if (!Array.isArray(list)) return null;
  for (const entry of list) {
    if (!isRecord(entry)) throw new MetadataReadError(label, 'unexpected answer shape: an endpoint is not an object');
    const id = entry['inference_id'] ?? entry['model_id'];
    if (id !== inferenceId) continue;
    const { task_type: taskType, service } = entry;
    const settings = entry['service_settings'];
    if (typeof taskType !== 'string' || typeof service !== 'string' || (settings !== undefined && !isRecord(settings))) {
      throw new MetadataReadError(label, 'unexpected answer shape: task_type, service or service_settings');
    }
    const existing = settings?.['deployment_id'];
    return {
      inferenceId,
      taskType,
      service,
      ...(typeof existing === 'string' ? { existingDeploymentId: existing } : {}),
    };
  }
  return null;
}

/**
 * Reads the endpoint first; the deployment, model and pipeline reads follow
 * only for an endpoint whose deployment Elasticsearch would stop (an
 * ML-node service without an existing `deployment_id`): deleting an external
 * service's endpoint needs no ML privileges, and the guard asks for none.
 */
export async function readInferenceDeleteFacts(
  client: MetadataClient,
  reads: ClusterReads,
  request: { inferenceId: string; rawPath: string },
): Promise<InferenceDeleteFacts & { endpointRead: string }> {
  const label = `GET ${request.rawPath}`;
  const endpoint = endpointInAnswer(request.inferenceId, await client.inferenceEndpoint(label, request.rawPath, reads.caller), label);
  const none = { endpoint, deployment: null, modelAliases: [], otherDeployments: [], references: new Map<string, string[]>(), endpointRead: label };
  if (endpoint === null || !stopsADeployment(endpoint)) return none;
  const referencesRead = reads.pipelineReferences();
  // The deployment Elasticsearch stops carries the endpoint id (`mlNodeDeploymentId`).
  const entry = (await reads.modelStats(request.inferenceId).value()).find((e) => e.deployment_stats?.deployment_id === request.inferenceId);
  if (!entry?.deployment_stats) return none;
  const modelId = entry.deployment_stats.model_id;
  const [configs, modelEntries, references] = await Promise.all([
    reads.modelConfigs(modelId).value(),
    reads.modelStats(modelId).value(),
    referencesRead.value(),
  ]);
  return {
    endpoint,
    deployment: { deploymentId: request.inferenceId, modelId },
    modelAliases: aliasesOf(modelId, configs),
    otherDeployments: toDeploymentFacts(modelId, modelEntries)
      .filter((d) => d.deploymentId !== request.inferenceId)
      .map((d) => ({ deploymentId: d.deploymentId, allocationCount: d.allocation?.allocationCount ?? 0 })),
    references,
    endpointRead: label,
  };
}

function stopsADeployment(endpoint: InferenceEndpointFacts): boolean {
  return ML_NODE_SERVICES.includes(endpoint.service) && endpoint.existingDeploymentId === undefined;
}
