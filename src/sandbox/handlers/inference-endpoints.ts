/**
 * The inference endpoint API `_inference` (8.11+, docs §9): PUT / GET / DELETE.
 *
 * Routes by version (Paths.java and the Rest*InferenceEndpointAction handlers of
 * elastic/elasticsearch x-pack/plugin/inference/src/main/java/org/elasticsearch/xpack/inference/rest/,
 * Paths.java @04efc6cb, RestDeleteInferenceEndpointAction.java @01195333):
 * - 8.11–8.12: `_inference/{task_type}/{inference_id}` only (plus GET `_inference/_all`);
 * - 8.13+: also `_inference/{inference_id}` (PR #104483 "Make task_type optional"; PUT then
 *   takes `task_type` from the body);
 * - GET `_inference` (issue #106495; the sandbox serves it from 8.15 [decision]);
 * - 8.15+: GET answers `endpoints` entries with `inference_id` (PR #107704, #111366; before:
 *   `models` with `model_id`), DELETE takes `force` and `dry_run` and refuses an endpoint a
 *   pipeline names (PR #109123).
 * DELETE (TransportDeleteInferenceEndpointAction.java @038918c5): task-type mismatch → 400;
 * `dry_run` → `{"acknowledged":false,"pipelines":[..]}` without deleting; no `force` and an
 * inference processor names the endpoint id → 409; then the service stops the endpoint (hosted
 * services: the deployment whose id is the inference id) and the endpoint is deleted. 8.16+
 * answers also carry `indexes` (semantic_text users; the sandbox has none).
 */
import { EsError, badRequest, missingTrainedModel, validationError } from '../rest/errors';
import { endpointsOf, EXTERNAL_SERVICES, HOSTED_SERVICES, InferenceEndpoint, SECRET_SETTINGS } from '../state/inference-endpoints';
import { referencedModelIds } from '../state/references';
import { createDeployment } from './deployment-start';
import { ensureBuiltInModel } from './inference-models';
import { HandlerContext, PreparedAction, RestRequest, RouteHandler, RouteSpec } from './types';
import { Features } from '../version';

const TASK_TYPES_BY_GEN: Record<number, string[]> = {
  1: ['text_embedding', 'sparse_embedding'],
  2: ['text_embedding', 'sparse_embedding', 'rerank', 'completion'],
  3: ['text_embedding', 'sparse_embedding', 'rerank', 'completion'],
};

/** TaskType.fromStringOrStatusException: 400 `Unknown task_type [x]`. */
function taskTypeOf(f: Features, v: string): string {
  const t = v.trim().toLowerCase();
  if (t === 'any' || !TASK_TYPES_BY_GEN[f.inferenceApi]!.includes(t)) throw badRequest(`Unknown task_type [${v}]`);
  return t;
}

function notFound(f: Features, id: string): EsError {
  // 8.15+ wording (ModelRegistry.inferenceNotFoundException); [unverified] the earlier "Model not found"
  return new EsError(404, 'resource_not_found_exception', f.inferenceApi >= 3 ? `Inference endpoint not found [${id}]` : `Model not found [${id}]`);
}

function mismatch(requested: string, actual: string): EsError {
  return badRequest(`Requested task type [${requested}] does not match the inference endpoint's task type [${actual}]`);
}

/** The path parts: `{task_type_or_id}` alone is an id; with `{inference_id}` it is a task type. */
function pathIds(req: RestRequest, f: Features): { id: string; taskType: string | undefined } {
  const second = req.params.get('inference_id');
  const first = req.params.get('task_type_or_id')!;
  if (second !== undefined) return { id: second, taskType: taskTypeOf(f, first) };
  return { id: first, taskType: undefined };
}

/** One GET entry / the PUT answer (ModelConfigurations.toXContent, secrets left out). */
export function renderEndpoint(e: InferenceEndpoint, f: Features): Record<string, unknown> {
  const settings = Object.fromEntries(Object.entries(e.service_settings).filter(([k]) => !SECRET_SETTINGS.includes(k)));
  return {
    [f.inferenceApi >= 3 ? 'inference_id' : 'model_id']: e.inference_id,
    task_type: e.task_type,
    service: e.service,
    service_settings: settings,
    task_settings: e.task_settings,
  };
}

/** Pipelines whose inference processors name `id` (InferenceProcessorInfoExtractor.pipelineIdsForResource). */
export function pipelinesNaming(ctx: HandlerContext, id: string): string[] {
  const out: string[] = [];
  for (const [pid, p] of ctx.state.pipelines) {
    if (referencedModelIds({ [pid]: p }, ctx.features.mapBasedReferenceWalk).has(id)) out.push(pid);
  }
  return out.sort();
}

function objectField(body: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new EsError(400, 'x_content_parse_exception', `[1:2] [${name}] must be an object`);
  return v as Record<string, unknown>;
}

function positiveSetting(settings: Record<string, unknown>, name: string, errors: string[]): number {
  const v = settings[name];
  if (v === undefined) {
    errors.push(`[service_settings] does not contain the required setting [${name}]`);
    return 0;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) errors.push(`[service_settings] Invalid value [${String(v)}]. [${name}] must be a positive integer`);
  return Number(v);
}

function putHandler(f: Features): RouteHandler {
  return {
    name: 'put_inference_model_action',
    prepare(req, ctx): PreparedAction {
      const { id, taskType: pathType } = pathIds(req, f);
      if (!req.hasContent) throw new EsError(400, 'parse_exception', 'request body is required');
      const body = req.json();
      const bodyType = body.task_type === undefined ? undefined : taskTypeOf(f, String(body.task_type));
      if (pathType !== undefined && bodyType !== undefined && pathType !== bodyType) {
        // [unverified wording] PutInferenceModelAction resolves the task type of URL and body
        throw badRequest(`Cannot resolve conflicting task_type parameter in the request URL [${pathType}] and the request body [${bodyType}]`);
      }
      const taskType = pathType ?? bodyType;
      if (taskType === undefined) throw badRequest('Task type must not be null'); // TaskType.fromStringOrStatusException(null)
      const service = body.service === undefined ? undefined : String(body.service);
      const serviceSettings = objectField(body, 'service_settings') ?? {};
      const taskSettings = objectField(body, 'task_settings') ?? {};
      return {
        action: 'cluster:admin/xpack/inference/put',
        validate() {
          if (service === undefined) throw validationError(['[service] must not be null.']);
        },
        run() {
          const store = endpointsOf(ctx.state);
          if (store.has(id)) {
            throw new EsError(400, 'resource_already_exists_exception', f.inferenceApi >= 3 ? `Inference endpoint [${id}] already exists` : `Model [${id}] already exists`);
          }
          if (f.inferenceApi >= 3 && ctx.state.models.has(id)) {
            // [unverified wording and version] the endpoint id must not be a trained model id
            throw badRequest(`Inference endpoint IDs must be unique. Requested inference endpoint ID [${id}] matches existing trained model ID(s) but must not.`);
          }
          const e: InferenceEndpoint = { inference_id: id, task_type: taskType, service: service!, service_settings: { ...serviceSettings }, task_settings: { ...taskSettings } };
          if (HOSTED_SERVICES.includes(service!)) startHostedEndpoint(ctx, f, e);
          else if (!EXTERNAL_SERVICES.includes(service!)) throw badRequest(`Unknown service [${service!}] for model [${id}]. `);
          store.put(e);
          return { body: renderEndpoint(e, f) };
        },
      };
    },
  };
}

/**
 * `elser` / `elasticsearch` services: start a deployment whose id is the inference id, with
 * `num_allocations` / `num_threads` from the service settings (docs §9.3). The `elser` service
 * deploys `.elser_model_2` (`.elser_model_1` on 8.11); the sandbox stands in for the download.
 */
function startHostedEndpoint(ctx: HandlerContext, f: Features, e: InferenceEndpoint): void {
  const s = e.service_settings;
  const errors: string[] = [];
  if (e.service === 'elser' && e.task_type !== 'sparse_embedding') throw badRequest(`The [elser] service does not support task type [${e.task_type}]`);
  const defaultModel = e.service === 'elser' ? (ctx.version.major === 8 && ctx.version.minor === 11 ? '.elser_model_1' : '.elser_model_2') : undefined;
  const modelId = s.model_id === undefined ? defaultModel : String(s.model_id);
  if (modelId === undefined) errors.push('[service_settings] does not contain the required setting [model_id]');
  const allocations = positiveSetting(s, 'num_allocations', errors);
  const threads = positiveSetting(s, 'num_threads', errors);
  if (errors.length > 0) throw validationError(errors);
  if (e.service === 'elser') s.model_id = modelId;
  const model = ensureBuiltInModel(ctx, modelId!) ?? ctx.state.models.get(modelId!);
  if (!model) throw missingTrainedModel(modelId!);
  createDeployment(ctx, f, model, { deploymentId: e.inference_id, numberOfAllocations: allocations, threadsPerAllocation: threads, queueCapacity: 1024, priority: 'normal' });
  e.deployment_id = e.inference_id;
}

function getHandler(f: Features): RouteHandler {
  return {
    name: 'get_inference_model_action',
    prepare(req, ctx): PreparedAction {
      let id = '_all';
      let taskType: string | undefined;
      if (req.params.has('task_type_or_id')) ({ id, taskType } = pathIds(req, f));
      return {
        action: 'cluster:admin/xpack/inference/get',
        run() {
          const store = endpointsOf(ctx.state);
          let list: InferenceEndpoint[];
          if (id === '_all' || id === '*') {
            list = store.all().filter((e) => taskType === undefined || e.task_type === taskType);
          } else {
            const e = store.get(id);
            if (!e) throw notFound(f, id);
            if (taskType !== undefined && e.task_type !== taskType) throw mismatch(taskType, e.task_type);
            list = [e];
          }
          return { body: { [f.inferenceApi >= 3 ? 'endpoints' : 'models']: list.map((e) => renderEndpoint(e, f)) } };
        },
      };
    },
  };
}

function deleteAnswer(f: Features, acknowledged: boolean, pipelines: string[]): Record<string, unknown> {
  if (f.inferenceApi < 3) return { acknowledged };
  // `indexes` (semantic_text users, PR #110399) came with 8.16, the adaptive-allocations release
  return { acknowledged, pipelines, ...(f.adaptiveAllocations ? { indexes: [] } : {}) };
}

function deleteHandler(f: Features): RouteHandler {
  return {
    name: 'delete_inference_model_action',
    prepare(req, ctx): PreparedAction {
      const { id, taskType } = pathIds(req, f);
      const force = f.inferenceApi >= 3 ? req.params.bool('force', false) : false;
      const dryRun = f.inferenceApi >= 3 ? req.params.bool('dry_run', false) : false;
      return {
        action: 'cluster:admin/xpack/inference/delete',
        run() {
          const store = endpointsOf(ctx.state);
          const e = store.get(id);
          if (!e) throw notFound(f, id);
          if (taskType !== undefined && e.task_type !== taskType) throw mismatch(taskType, e.task_type);
          if (dryRun) return { body: deleteAnswer(f, false, pipelinesNaming(ctx, id)) };
          if (f.inferenceApi >= 3 && !force && pipelinesNaming(ctx, id).length > 0) {
            throw new EsError(
              409,
              'status_exception',
              `Inference endpoint ${id} is referenced by pipelines and cannot be deleted. Use \`force\` to delete it anyway, or use \`dry_run\` to list the pipelines that reference it.`,
            );
          }
          // the service's stop: the hosted services force-stop their deployment (docs §9.2)
          if (e.deployment_id !== undefined) ctx.state.assignments?.delete(e.deployment_id);
          store.delete(id);
          return { body: deleteAnswer(f, true, []) };
        },
      };
    },
  };
}

export function inferenceEndpointRoutes(f: Features): RouteSpec[] {
  if (f.inferenceApi === 0) return [];
  const put = putHandler(f);
  const get = getHandler(f);
  const del = deleteHandler(f);
  const routes: RouteSpec[] = [
    { method: 'GET', path: '/_inference/_all', handler: get },
    { method: ['PUT'], path: '/_inference/{task_type_or_id}/{inference_id}', handler: put },
    { method: ['GET'], path: '/_inference/{task_type_or_id}/{inference_id}', handler: get },
    { method: ['DELETE'], path: '/_inference/{task_type_or_id}/{inference_id}', handler: del },
  ];
  if (f.inferenceApi >= 2) {
    routes.push(
      { method: 'PUT', path: '/_inference/{task_type_or_id}', handler: put },
      { method: 'GET', path: '/_inference/{task_type_or_id}', handler: get },
      { method: 'DELETE', path: '/_inference/{task_type_or_id}', handler: del },
    );
  }
  // [decision] GET _inference (issue #106495) from the 8.15 generation on; its 8.14 arrival is not pinned
  if (f.inferenceApi >= 3) routes.push({ method: 'GET', path: '/_inference', handler: get });
  return routes;
}
