/**
 * Start and stop deployments (docs §1.5, docs §3.1 for 8.8+, docs §3.2 before).
 */
import { EsError, badRequest, conflict, illegalArgument, resourceNotFound, validationError } from '../rest/errors';
import { Assignment, AllocationState, allocationStatus, setAllocation } from '../state/assignments';
import { expandIds } from '../state/resolve';
import { references } from './ml-models';
import { renderAssignment } from './ml-render';
import { HandlerContext, PreparedAction, RestRequest, RouteSpec } from './types';
import { Features } from '../version';

const WAIT_FOR: AllocationState[] = ['starting', 'started', 'fully_allocated'];
const RANK: Record<AllocationState, number> = { starting: 0, started: 1, fully_allocated: 2 };

function parseTimeValue(v: string | undefined, dflt: number, name: string): number {
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

function startHandler(f: Features): RouteSpec['handler'] {
  return {
    name: 'xpack_ml_start_trained_models_deployment_action',
    prepare(req: RestRequest, ctx): PreparedAction {
      const modelIdParam = req.params.get('model_id')!;
      const body = req.hasContent ? req.json() : {};
      const pick = (name: string): string | undefined => {
        const q = req.params.get(name);
        const b = body[name];
        return b !== undefined ? String(b) : q;
      };
      const deploymentId = f.multiDeployments ? (pick('deployment_id') ?? modelIdParam) : modelIdParam;
      const timeoutRaw = pick('timeout') ?? '30s';
      const timeoutMs = parseTimeValue(timeoutRaw, 30_000, 'timeout');
      const waitFor = (pick('wait_for') ?? 'started') as AllocationState;
      const nAlloc = pick('number_of_allocations');
      const threads = pick('threads_per_allocation');
      const queue = pick('queue_capacity');
      const cacheSize = pick('cache_size');
      const priority = pick('priority') ?? 'normal';
      if (!WAIT_FOR.includes(waitFor)) throw illegalArgument(`No enum constant for [wait_for] with value [${waitFor}]; expected one of [starting, started, fully_allocated]`);
      const numberOfAllocations = nAlloc === undefined ? 1 : Number(nAlloc);
      const threadsPerAllocation = threads === undefined ? 1 : Number(threads);
      const queueCapacity = queue === undefined ? 1024 : Number(queue);
      return {
        action: 'cluster:admin/xpack/ml/trained_models/deployment/start',
        validate() {
          const errors: string[] = [];
          if (!Number.isInteger(numberOfAllocations) || numberOfAllocations < 1) errors.push('[number_of_allocations] must be a positive integer');
          if (!Number.isInteger(threadsPerAllocation) || threadsPerAllocation < 1 || threadsPerAllocation > 32 || (threadsPerAllocation & (threadsPerAllocation - 1)) !== 0) {
            errors.push('[threads_per_allocation] must be a power of 2 less than or equal to 32');
          }
          if (!Number.isInteger(queueCapacity) || queueCapacity < 1) errors.push('[queue_capacity] must be a positive integer');
          if (priority !== 'normal' && priority !== 'low') errors.push(`[priority] must be one of [normal, low]`);
          if (errors.length > 0) throw validationError(errors);
        },
        async run() {
          const st = ctx.state;
          // [decision, docs §7 Q7: unchecked] the id goes through the GET-models lookup, so an alias resolves
          const ids = expandIds(st, modelIdParam, false);
          if (ids.length !== 1) throw badRequest('cannot deploy more than one model at the same time');
          const model = st.models.get(ids[0]!)!;
          if ((model.model_type ?? 'tree_ensemble') !== 'pytorch') {
            // [sandbox wording] only PyTorch models have deployments
            throw badRequest(`model [${model.model_id}] of type [${model.model_type ?? 'tree_ensemble'}] cannot be deployed; only [pytorch] models can be deployed`);
          }
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
          const now = Date.now();
          const a: Assignment = {
            deployment_id: deploymentId,
            model_id: model.model_id,
            model_bytes: model.model_size_bytes,
            number_of_allocations: numberOfAllocations,
            threads_per_allocation: threadsPerAllocation,
            queue_capacity: queueCapacity,
            ...(cacheSize !== undefined ? { cache_size: cacheSize } : {}),
            priority: priority as 'normal' | 'low',
            per_deployment_memory_bytes: model.model_size_bytes * 2 + 240 * 1024 * 1024,
            per_allocation_memory_bytes: 0,
            assignment_state: 'starting',
            routing_table: { [ctx.node.id]: { current_allocations: 0, target_allocations: numberOfAllocations, routing_state: 'starting' } },
            start_time: now,
            max_assigned_allocations: 0,
          };
          st.assignmentMap().set(deploymentId, a);
          scheduleAllocation(ctx, a);
          // wait_for (default started): poll the status until reached or the timeout passes
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const live = st.assignments?.get(deploymentId);
            if (live !== a) break; // stopped or reset meanwhile
            const s = allocationStatus(a);
            if (s && RANK[s.state] >= RANK[waitFor]) break;
            if (Date.now() >= deadline) {
              throw new EsError(
                408,
                'status_exception',
                `Timed out after [${timeoutRaw}] waiting for model deployment to start. Use the trained model stats API to track the state of the deployment.`,
              );
            }
            await new Promise((r) => setTimeout(r, 10));
          }
          return { body: { assignment: renderAssignment(a, ctx) } };
        },
      };
    },
  };
}

const STOP_PARSER = 'cluster:admin/xpack/ml/trained_models/deployment/stop';

/** 1-based line:column of the first occurrence of `needle` in `text` (ObjectParser error locations, approximated). */
function locate(text: string, needle: string): string {
  const at = Math.max(0, text.indexOf(needle));
  const before = text.slice(0, at).split('\n');
  return `[${before.length}:${before[before.length - 1]!.length + 1}]`;
}

/**
 * RestStopTrainedModelDeploymentAction.prepareRequest (elastic/elasticsearch
 * x-pack/plugin/ml/src/main/java/org/elasticsearch/xpack/ml/rest/inference/RestStopTrainedModelDeploymentAction.java
 * @1dc80d4a) reads EITHER the body, when `restRequest.hasContentOrSourceParam()` (a body or a
 * `source` query parameter): `Request.parseRequest(modelId, contentOrSourceParamParser())`;
 * OR the query parameters allow_no_match, force, finish_pending_work. Never both: with a
 * body those query parameters stay unconsumed and give "unrecognized parameter" (docs §5.3).
 * `contentOrSourceParam()` consumes `source`/`source_content_type` only when there is no
 * body (RestRequest.java), so `?source=` next to a body is unrecognized too.
 * Body parser (StopTrainedModelDeploymentAction.Request.PARSER @08b91421): model_id (must equal
 * the path id), allow_no_match, force, finish_pending_work; other fields are unknown.
 */
function readStopParams(req: RestRequest, modelId: string): { id: string; allowNoMatch: boolean; force: boolean } {
  if (!req.hasContent && !req.params.has('source')) {
    const allowNoMatch = req.params.bool('allow_no_match', true);
    const force = req.params.bool('force', false);
    req.params.bool('finish_pending_work', false);
    return { id: modelId, allowNoMatch, force };
  }
  let text: string;
  let body: Record<string, unknown>;
  if (req.hasContent) {
    body = req.json();
    text = req.content().toString('utf8');
  } else {
    const source = req.params.get('source');
    const sourceType = req.params.get('source_content_type');
    // [unverified rendering] IllegalStateException → 500 in the versions read; newer
    // RestRequest throws a validation exception instead
    if (source === undefined || sourceType === undefined) throw new EsError(500, 'illegal_state_exception', 'source and source_content_type parameters are required');
    if (!/^application\/(json|x-ndjson|vnd\.elasticsearch\+json)\s*(;.*)?$/i.test(sourceType.trim())) {
      throw new EsError(500, 'illegal_state_exception', `Unknown value for source_content_type [${sourceType}]`);
    }
    text = source;
    try {
      body = JSON.parse(source) as Record<string, unknown>;
    } catch (e) {
      throw new EsError(400, 'x_content_parse_exception', `[1:1] Unexpected character: ${(e as Error).message}`);
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new EsError(400, 'x_content_parse_exception', '[1:1] Unexpected token, expected START_OBJECT');
  }
  const bool = (name: string, dflt: boolean): boolean => {
    const v = body[name];
    if (v === undefined) return dflt;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw new EsError(400, 'x_content_parse_exception', `${locate(text, JSON.stringify(v))} [${STOP_PARSER}] failed to parse field [${name}]`);
  };
  for (const k of Object.keys(body)) {
    if (!['model_id', 'allow_no_match', 'force', 'finish_pending_work'].includes(k)) {
      throw new EsError(400, 'x_content_parse_exception', `${locate(text, JSON.stringify(k))} [${STOP_PARSER}] unknown field [${k}]`);
    }
  }
  const allowNoMatch = bool('allow_no_match', true);
  const force = bool('force', false);
  bool('finish_pending_work', false);
  // parseRequest: the body's model_id wins over an empty path id, and must equal a non-empty one
  if (body.model_id === undefined) return { id: modelId, allowNoMatch, force };
  const bodyId = String(body.model_id);
  if (modelId !== '' && bodyId !== modelId) {
    throw illegalArgument(`Inconsistent model_id; '${bodyId}' specified in the body differs from '${modelId}' specified as a URL argument`);
  }
  return { id: bodyId, allowNoMatch, force };
}

function stopHandler(f: Features): RouteSpec['handler'] {
  return {
    name: 'xpack_ml_stop_trained_models_deployment_action',
    prepare(req, ctx): PreparedAction {
      const { id: X, allowNoMatch, force } = readStopParams(req, req.params.get('model_id')!);
      return {
        action: 'cluster:admin/xpack/ml/trained_models/deployment/stop',
        run() {
          const st = ctx.state;
          if (f.multiDeployments) {
            // docs §3.1: exact deployment-id lookup, no alias resolution, no wildcards
            const a = st.assignments?.get(X);
            if (!a) {
              if (allowNoMatch) return { body: { stopped: true } };
              throw resourceNotFound(`No known model deployment with id [${X}]`);
            }
            if (!force) {
              const refs = references(ctx);
              if (refs.has(X)) throw conflict(`Cannot stop deployment [${X}] as it is referenced by ingest processors; use force to stop the deployment`);
              // aliases whose target model_id equals the *deployment* id (docs §3.1 step 3b)
              const refAlias = st.aliasesOf(X).find((al) => refs.has(al));
              if (refAlias !== undefined) {
                throw conflict(`Cannot stop deployment [${X}] as it has a model_alias [${refAlias}] that is still referenced by ingest processors; use force to stop the deployment`);
              }
            }
            a.assignment_state = 'stopping';
            st.assignments!.delete(X);
            return { body: { stopped: true } };
          }
          // docs §3.2 (8.0–8.7): resolved through GET trained models
          const ids = expandIds(st, X, allowNoMatch);
          if (ids.length === 0) return { body: { stopped: true } };
          if (ids.length > 1) throw badRequest('cannot undeploy multiple models at the same time');
          const M = ids[0]!;
          const deployments = st.assignmentsForModel(M);
          if (deployments.length === 0) return { body: { stopped: true } };
          if (!force) {
            const refs = references(ctx);
            if (refs.has(M)) throw conflict(`Cannot stop deployment for model [${M}] as it is referenced by ingest processors; use force to stop the deployment`);
            if (f.stopAliasRefCheck) {
              const refAlias = st.aliasesOf(M).find((al) => refs.has(al));
              if (refAlias !== undefined) {
                throw conflict(`Cannot stop deployment for model [${M}] as it has a model_alias [${refAlias}] that is still referenced by ingest processors; use force to stop the deployment`);
              }
            }
          }
          for (const d of deployments) st.assignments!.delete(d.deployment_id);
          return { body: { stopped: true } };
        },
      };
    },
  };
}

export function deploymentRoutes(f: Features): RouteSpec[] {
  if (!f.modelType) return []; // no PyTorch deployments before 8.0
  return [
    { method: 'POST', path: '/_ml/trained_models/{model_id}/deployment/_start', handler: startHandler(f) },
    { method: 'POST', path: '/_ml/trained_models/{model_id}/deployment/_stop', handler: stopHandler(f) },
  ];
}

