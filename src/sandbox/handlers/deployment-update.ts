/**
 * POST _ml/trained_models/{id}/deployment/_update (8.6+) and
 * POST _ml/trained_models/{id}/deployment/cache/_clear (8.5+) (docs §10.3).
 *
 * `_update` (UpdateTrainedModelDeploymentAction, elastic/elasticsearch
 * x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/ml/action/UpdateTrainedModelDeploymentAction.java
 * @018794d6; RestUpdateTrainedModelDeploymentAction.java @259baf01):
 * - the path id is a DEPLOYMENT id (exact lookup, no alias, no wildcard); unknown → 404
 *   `No known model deployment with id [X]` (ExceptionsHelper.missingModelDeployment);
 * - before 8.16 the body is required (no body → 400 parse_exception `request body is required`)
 *   and holds `model_id` (must equal the path id), `number_of_allocations`, `timeout`; an absent
 *   number_of_allocations reads as 0 and fails validation (`must be a positive integer`);
 * - 8.16+ adds `adaptive_allocations` (enabled, min/max) and the `number_of_allocations` query
 *   parameter, which replaces the body [decision: tied to the 8.16 adaptive-allocations release];
 *   number_of_allocations together with enabled adaptive allocations is refused.
 * Answer: `{"assignment": ...}` (CreateTrainedModelAssignmentAction.Response).
 * Cache clear (TransportClearDeploymentCacheAction @03c681d0): unknown deployment → the same 404;
 * else `{"cleared": true}`; the sandbox forgets the cached inputs (docs §11).
 */
import { EsError, badRequest, resourceNotFound, validationError } from '../rest/errors';
import type { Assignment } from '../state/assignments';
import { clearInferenceCache } from '../state/inference-counters';
import { adaptiveAllocationsErrors, parseAdaptiveAllocations } from './deployment-params';
import { parseTimeValue } from './deployment-start';
import { renderAssignment } from './ml-render';
import { PreparedAction, RouteHandler } from './types';
import { Features } from '../version';

const UPDATE_PARSER = 'cluster:admin/xpack/ml/trained_models/deployment/update';

export function missingDeployment(id: string): EsError {
  return resourceNotFound(`No known model deployment with id [${id}]`);
}

/** Applies a validated update to the assignment (the sandbox's one ML node follows at once). */
export function applyUpdate(a: Assignment, nodeId: string, numberOfAllocations: number | undefined, adaptive: Assignment['adaptive_allocations']): void {
  if (adaptive) {
    a.adaptive_allocations = { ...(a.adaptive_allocations ?? { enabled: false }), ...adaptive };
    const min = a.adaptive_allocations.min_number_of_allocations;
    if (numberOfAllocations === undefined && a.adaptive_allocations.enabled && min !== undefined && min > a.number_of_allocations) numberOfAllocations = min;
  }
  if (numberOfAllocations === undefined) return;
  a.number_of_allocations = numberOfAllocations;
  const route = a.routing_table[nodeId];
  if (route) {
    route.target_allocations = numberOfAllocations;
    if (route.routing_state === 'started') route.current_allocations = numberOfAllocations;
  }
  a.max_assigned_allocations = Math.max(a.max_assigned_allocations, numberOfAllocations);
}

export function updateHandler(f: Features): RouteHandler {
  return {
    name: 'xpack_ml_update_trained_model_deployment_action',
    prepare(req, ctx): PreparedAction {
      const id = req.params.get('model_id')!;
      req.params.get('timeout');
      req.params.get('master_timeout');
      let numberOfAllocations: number | undefined;
      let adaptive: Assignment['adaptive_allocations'];
      const queryForm = f.adaptiveAllocations && req.params.has('number_of_allocations');
      if (queryForm) {
        numberOfAllocations = req.params.int('number_of_allocations', 0);
      } else {
        if (!req.hasContent) throw new EsError(400, 'parse_exception', 'request body is required');
        const body = req.json();
        const known = ['model_id', 'number_of_allocations', 'timeout', ...(f.adaptiveAllocations ? ['adaptive_allocations'] : [])];
        for (const k of Object.keys(body)) {
          if (!known.includes(k)) throw new EsError(400, 'x_content_parse_exception', `[1:2] [${UPDATE_PARSER}] unknown field [${k}]`);
        }
        if (body.model_id !== undefined && id !== '' && String(body.model_id) !== id) {
          throw badRequest(`Inconsistent model_id; '${String(body.model_id)}' specified in the body differs from '${id}' specified as a URL argument`);
        }
        if (body.timeout !== undefined) parseTimeValue(String(body.timeout), 30_000, 'timeout');
        const n = body.number_of_allocations;
        if (n !== undefined && n !== null && !(typeof n === 'number' && Number.isInteger(n))) {
          throw new EsError(400, 'x_content_parse_exception', `[1:2] [${UPDATE_PARSER}] failed to parse field [number_of_allocations]`);
        }
        numberOfAllocations = typeof n === 'number' ? n : f.adaptiveAllocations ? undefined : 0;
        if (f.adaptiveAllocations) adaptive = parseAdaptiveAllocations(body.adaptive_allocations);
      }
      return {
        action: 'cluster:admin/xpack/ml/trained_models/deployment/update',
        validate() {
          const errors: string[] = [];
          if (numberOfAllocations !== undefined) {
            if (numberOfAllocations < 1) errors.push('[number_of_allocations] must be a positive integer');
            if (adaptive?.enabled === true) errors.push('[number_of_allocations] cannot be set if adaptive allocations is enabled');
          }
          errors.push(...adaptiveAllocationsErrors(adaptive));
          if (errors.length > 0) throw validationError(errors);
        },
        run() {
          const a = ctx.state.assignments?.get(id);
          if (!a) throw missingDeployment(id);
          applyUpdate(a, ctx.node.id, numberOfAllocations, adaptive);
          return { body: { assignment: renderAssignment(a, ctx) } };
        },
      };
    },
  };
}

export const clearCacheHandler: RouteHandler = {
  name: 'xpack_ml_clear_deployment_cache_action',
  prepare(req, ctx): PreparedAction {
    const id = req.params.get('model_id')!;
    return {
      action: 'cluster:admin/xpack/ml/trained_models/cache/clear',
      run() {
        const a = ctx.state.assignments?.get(id);
        if (!a) throw missingDeployment(id);
        clearInferenceCache(a);
        return { body: { cleared: true } };
      },
    };
  },
};
