/**
 * POST _ml/trained_models/{model_id}/deployment/_start (docs §1.5, docs §10.2).
 *
 * Where the parameters come from (RestStartTrainedModelDeploymentAction, elastic/elasticsearch
 * x-pack/plugin/ml/src/main/java/org/elasticsearch/xpack/ml/rest/inference/RestStartTrainedModelDeploymentAction.java;
 * 8.0 form @00203b9a, merged form after PR #109487, 8.15):
 * - `deployment_id` (8.8+) is ONLY a query parameter: the handler reads
 *   `param("deployment_id", model_id)`, never null, and `Request.parseRequest` then overwrites
 *   whatever the body said. A body `deployment_id` is accepted and ignored.
 * - 8.0–8.14: with a body, only the body is read (ObjectParser, unknown fields refused); the other
 *   query parameters stay unconsumed and are "unrecognized" (docs §5.3). Without a body, the
 *   query parameters are read.
 * - 8.15+: body and query are merged by `sameParamInQueryAndBody`: equal → that value; one
 *   missing → the other; both and different → 400 "The parameter X in the body is different from
 *   the parameter Y in the query". The body side of timeout, wait_for, threads_per_allocation and
 *   queue_capacity is never missing (the request's defaults), so a different query value next
 *   to any body is refused; `wait_for`'s query side defaults to `started` (so a body
 *   `wait_for: fully_allocated` alone is refused too).
 * Validation: StartTrainedModelDeploymentAction.Request.validate (x-pack/plugin/core/.../action/
 * StartTrainedModelDeploymentAction.java): positive integers, power-of-2 threads ≤ 32, and with
 * `priority: low` both number_of_allocations and threads_per_allocation must be 1 (docs §11).
 */
import { EsError, badRequest, illegalArgument, resourceNotFound, validationError } from '../rest/errors';
import { Assignment, AllocationState, AdaptiveAllocations, allocationStatus, setAllocation } from '../state/assignments';
import { expandIds } from '../state/resolve';
import type { StoredModel } from '../state/models';
import { renderAssignment } from './ml-render';
import { HandlerContext, PreparedAction, RestRequest, RouteHandler } from './types';
import { Features } from '../version';
import { adaptiveAllocationsErrors, parseAdaptiveAllocations } from './deployment-params';

const WAIT_FOR: AllocationState[] = ['starting', 'started', 'fully_allocated'];
const RANK: Record<AllocationState, number> = { starting: 0, started: 1, fully_allocated: 2 };
const START_PARSER = 'cluster:admin/xpack/ml/trained_models/deployment/start';

export function parseTimeValue(v: string | undefined, dflt: number, name: string): number {
  if (v === undefined) return dflt;
  const m = /^(\d+)(ms|s|m|h|d|nanos|micros)?$/.exec(v.trim());
  if (!m) throw illegalArgument(`failed to parse setting [${name}] with value [${v}] as a time value: unit is missing or unrecognized`);
  const n = Number(m[1]);
  switch (m[2]) {
    case 's':
      return n * 1000;
    case 'm':
      return n * 60_000;
    case 'h':
      return n * 3_600_000;
    case 'd':
      return n * 86_400_000;
    case 'nanos':
      return n / 1e6;
    case 'micros':
      return n / 1e3;
    default:
      return m[2] === 'ms' ? n : n === 0 ? 0 : NaN;
  }
}

/** The allocation changes on its own after the configured delay. */
export function scheduleAllocation(ctx: HandlerContext, a: Assignment): void {
  if (ctx.allocationDelayMs <= 0) {
    setAllocation(a, ctx.node.id, 'fully_allocated');
    return;
  }
  const t = setTimeout(() => {
    ctx.state.timers.delete(t);
    const live = ctx.state.assignments?.get(a.deployment_id);
    if (live === a && a.assignment_state === 'starting') setAllocation(a, ctx.node.id, 'fully_allocated');
  }, ctx.allocationDelayMs);
  t.unref();
  ctx.state.timers.add(t);
}

interface StartParams {
  deploymentId: string;
  timeoutRaw: string;
  waitFor: string;
  numberOfAllocations: string | undefined;
  threads: string | undefined;
  queue: string | undefined;
  cacheSize: string | undefined;
  priority: string;
  adaptive: AdaptiveAllocations | undefined;
}

const BODY_FIELDS_BY_VERSION = (f: Features): string[] => [
  'model_id',
  ...(f.multiDeployments ? ['deployment_id'] : []),
  'timeout',
  'wait_for',
  'number_of_allocations',
  'threads_per_allocation',
  'queue_capacity',
  'cache_size',
  'priority',
  ...(f.adaptiveAllocations ? ['adaptive_allocations'] : []),
];

function text(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

/** `sameParamInQueryAndBody` (8.15+). */
function same(body: string | undefined, query: string | undefined): string | undefined {
  if (body === query) return body;
  if (body === undefined) return query;
  if (query === undefined) return body;
  throw new EsError(400, 'status_exception', `The parameter ${body} in the body is different from the parameter ${query} in the query`);
}

function readStartParams(req: RestRequest, f: Features, modelId: string, mergeQueryAndBody: boolean): StartParams {
  const deploymentId = f.multiDeployments ? (req.params.get('deployment_id') ?? modelId) : modelId;
  if (!req.hasContent) {
    return {
      deploymentId,
      timeoutRaw: req.params.get('timeout') ?? '30s',
      waitFor: req.params.get('wait_for') ?? 'started',
      numberOfAllocations: req.params.get('number_of_allocations'),
      threads: req.params.get('threads_per_allocation'),
      queue: req.params.get('queue_capacity'),
      cacheSize: req.params.get('cache_size'),
      priority: req.params.get('priority') ?? 'normal',
      adaptive: undefined,
    };
  }
  const body = req.json();
  const known = BODY_FIELDS_BY_VERSION(f);
  for (const k of Object.keys(body)) {
    if (!known.includes(k)) throw new EsError(400, 'x_content_parse_exception', `[1:2] [${START_PARSER}] unknown field [${k}]`);
  }
  if (body.model_id !== undefined && modelId !== '' && String(body.model_id) !== modelId) {
    throw badRequest(`Inconsistent model_id; '${String(body.model_id)}' specified in the body differs from '${modelId}' specified as a URL argument`);
  }
  const adaptive = f.adaptiveAllocations ? parseAdaptiveAllocations(body.adaptive_allocations) : undefined;
  const fromBody = {
    timeoutRaw: text(body.timeout) ?? '30s',
    waitFor: text(body.wait_for) ?? 'started',
    numberOfAllocations: text(body.number_of_allocations) ?? (f.adaptiveAllocations ? undefined : '1'),
    threads: text(body.threads_per_allocation) ?? '1',
    queue: text(body.queue_capacity) ?? '1024',
    cacheSize: text(body.cache_size),
    priority: text(body.priority) ?? 'normal',
  };
  if (!mergeQueryAndBody) return { deploymentId, adaptive, ...fromBody };
  return {
    deploymentId,
    adaptive,
    timeoutRaw: req.params.has('timeout') ? same(fromBody.timeoutRaw, req.params.get('timeout'))! : fromBody.timeoutRaw,
    waitFor: same(fromBody.waitFor, req.params.get('wait_for') ?? 'started')!,
    numberOfAllocations: same(fromBody.numberOfAllocations, req.params.get('number_of_allocations')),
    threads: same(fromBody.threads, req.params.get('threads_per_allocation')),
    queue: same(fromBody.queue, req.params.get('queue_capacity')),
    cacheSize: req.params.has('cache_size') ? same(fromBody.cacheSize, req.params.get('cache_size')) : fromBody.cacheSize,
    priority: same(fromBody.priority, req.params.get('priority'))!,
  };
}

/** The definition check of TransportStartTrainedModelDeploymentAction (Messages.MODEL_DEFINITION_NOT_FOUND). */
function checkDefinitionStored(modelId: string, parts: number): void {
  // [status unverified] the YAML test matches the message only; ES raises it as a not-found
  if (parts === 0) throw resourceNotFound(`Could not find trained model definition [${modelId}]`);
}

export function startHandler(f: Features): RouteHandler {
  return {
    name: 'xpack_ml_start_trained_models_deployment_action',
    prepare(req: RestRequest, ctx): PreparedAction {
      const modelIdParam = req.params.get('model_id')!;
      const p = readStartParams(req, f, modelIdParam, f.startMergesQueryAndBody);
      const timeoutMs = parseTimeValue(p.timeoutRaw, 30_000, 'timeout');
      const waitFor = p.waitFor as AllocationState;
      if (!WAIT_FOR.includes(waitFor)) throw illegalArgument(`No enum constant for [wait_for] with value [${p.waitFor}]; expected one of [starting, started, fully_allocated]`);
      const minAllocations = p.adaptive?.min_number_of_allocations;
      const numberOfAllocations = p.numberOfAllocations === undefined ? (minAllocations !== undefined && minAllocations > 0 ? minAllocations : 1) : Number(p.numberOfAllocations);
      const threadsPerAllocation = p.threads === undefined ? 1 : Number(p.threads);
      const queueCapacity = p.queue === undefined ? 1024 : Number(p.queue);
      const priority = p.priority;
      return {
        action: 'cluster:admin/xpack/ml/trained_models/deployment/start',
        validate() {
          const errors: string[] = [];
          if (!Number.isInteger(numberOfAllocations) || numberOfAllocations < 1) errors.push('[number_of_allocations] must be a positive integer');
          if (p.numberOfAllocations !== undefined && p.adaptive?.enabled === true) errors.push('[number_of_allocations] cannot be set if adaptive allocations is enabled');
          if (!Number.isInteger(threadsPerAllocation) || threadsPerAllocation < 1) errors.push('[threads_per_allocation] must be a positive integer');
          errors.push(...adaptiveAllocationsErrors(p.adaptive));
          if (!Number.isInteger(threadsPerAllocation) || threadsPerAllocation > 32 || threadsPerAllocation < 1 || (threadsPerAllocation & (threadsPerAllocation - 1)) !== 0) {
            errors.push('[threads_per_allocation] must be a power of 2 less than or equal to 32');
          }
          if (!Number.isInteger(queueCapacity) || queueCapacity < 1) errors.push('[queue_capacity] must be a positive integer');
          if (queueCapacity > 1_000_000) errors.push('[queue_capacity] must be less than 1000000');
          if (timeoutMs <= 0) errors.push('[timeout] must be positive');
          if (priority !== 'normal' && priority !== 'low') errors.push(`[priority] must be one of [normal, low]`);
          if (priority === 'low') {
            if (numberOfAllocations > 1) errors.push('[number_of_allocations] must be 1 when [priority] is low');
            if (threadsPerAllocation > 1) errors.push('[threads_per_allocation] must be 1 when [priority] is low');
          }
          if (errors.length > 0) throw validationError(errors);
        },
        async run() {
          const st = ctx.state;
          const deploymentId = p.deploymentId;
          // [decision, docs §7 Q7: unchecked] the id goes through the GET-models lookup, so an alias resolves
          const ids = expandIds(st, modelIdParam, false);
          if (ids.length !== 1) throw badRequest('cannot deploy more than one model at the same time');
          const model = st.models.get(ids[0]!)!;
          if ((model.model_type ?? 'tree_ensemble') !== 'pytorch') {
            // [sandbox wording] only PyTorch models have deployments
            throw badRequest(`model [${model.model_id}] of type [${model.model_type ?? 'tree_ensemble'}] cannot be deployed; only [pytorch] models can be deployed`);
          }
          const a = createDeployment(ctx, f, model, {
            deploymentId,
            numberOfAllocations,
            threadsPerAllocation,
            queueCapacity,
            cacheSize: p.cacheSize,
            priority: priority as 'normal' | 'low',
            adaptive: p.adaptive,
          });
          await waitForAllocation(ctx, a, waitFor, timeoutMs, p.timeoutRaw);
          return { body: { assignment: renderAssignment(a, ctx) } };
        },
      };
    },
  };
}

export interface DeploymentSettings {
  deploymentId: string;
  numberOfAllocations: number;
  threadsPerAllocation: number;
  queueCapacity: number;
  cacheSize?: string;
  priority: 'normal' | 'low';
  adaptive?: AdaptiveAllocations;
}

/**
 * The checks and the assignment of TransportStartTrainedModelDeploymentAction once the model is
 * known (also what an `elasticsearch`/`elser` inference endpoint does, docs §9): the definition
 * must be stored, the deployment id must be free and must not name another model.
 */
export function createDeployment(ctx: HandlerContext, f: Features, model: StoredModel, s: DeploymentSettings): Assignment {
  const st = ctx.state;
  const deploymentId = s.deploymentId;
  checkDefinitionStored(model.model_id, model.definitionParts.size);
  if (st.assignments?.has(deploymentId)) {
    throw badRequest(`Could not start model deployment because an existing deployment with the same id [${deploymentId}] exist`);
  }
  if (f.multiDeployments && deploymentId !== model.model_id && st.models.has(deploymentId)) {
    throw badRequest(
      `Deployment id [${deploymentId}] is the same as an another model which is not the model being deployed. Deployment id can be the same as the model being deployed but cannot match a different model`,
    );
  }
  if (!f.multiDeployments && st.assignmentsForModel(model.model_id).length > 0) {
    throw badRequest(`Could not start model deployment because an existing deployment with the same id [${model.model_id}] exist`);
  }
  const a: Assignment = {
    deployment_id: deploymentId,
    model_id: model.model_id,
    model_bytes: model.model_size_bytes,
    number_of_allocations: s.numberOfAllocations,
    threads_per_allocation: s.threadsPerAllocation,
    queue_capacity: s.queueCapacity,
    ...(s.cacheSize !== undefined ? { cache_size: s.cacheSize } : {}),
    priority: s.priority,
    per_deployment_memory_bytes: model.model_size_bytes * 2 + 240 * 1024 * 1024,
    per_allocation_memory_bytes: 0,
    assignment_state: 'starting',
    routing_table: { [ctx.node.id]: { current_allocations: 0, target_allocations: s.numberOfAllocations, routing_state: 'starting' } },
    start_time: Date.now(),
    max_assigned_allocations: 0,
    ...(s.adaptive ? { adaptive_allocations: s.adaptive } : {}),
  };
  st.assignmentMap().set(deploymentId, a);
  scheduleAllocation(ctx, a);
  return a;
}

/** wait_for (default started): poll the status until reached or the timeout passes. */
export async function waitForAllocation(ctx: HandlerContext, a: Assignment, waitFor: AllocationState, timeoutMs: number, timeoutRaw: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = ctx.state.assignments?.get(a.deployment_id);
    if (live !== a) return; // stopped or reset meanwhile
    const s = allocationStatus(a);
    if (s && RANK[s.state] >= RANK[waitFor]) return;
    if (Date.now() >= deadline) {
      throw new EsError(408, 'status_exception', `Timed out after [${timeoutRaw}] waiting for model deployment to start. Use the trained model stats API to track the state of the deployment.`);
    }
    // Unref'd: a poll must not keep a stopped sandbox's process alive; the
    // open connection of the waiting client is what keeps it running.
    await new Promise((r) => setTimeout(r, 10).unref());
  }
}
