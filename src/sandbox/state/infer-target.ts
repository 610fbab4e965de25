/**
 * Which deployment answers a name given to `_infer` or to an inference processor (docs §10.1).
 *
 * `TransportInternalInferModelAction.doInfer` (elastic/elasticsearch
 * x-pack/plugin/ml/src/main/java/org/elasticsearch/xpack/ml/action/TransportInternalInferModelAction.java
 * @0234e884) resolves the name as a MODEL ALIAS FIRST: `concreteModelId = aliasTarget(name) ?? name`;
 * then takes the deployment whose id is `concreteModelId`, else every deployment of the model
 * `concreteModelId` (`getDeploymentsUsingModel`), picking a started one before a starting,
 * stopping or failed one (`pickAssignment`). With no deployment the model is loaded locally:
 * a PyTorch model cannot be, so 409 "Model [name] must be deployed to use. ...".
 * So an alias named like an existing deployment id hides that deployment (docs §10.1).
 */
import { EsError, missingTrainedModel } from '../rest/errors';
import type { Assignment } from './assignments';
import type { StoredModel } from './models';
import type { ClusterState } from './store';

export interface InferTarget {
  model: StoredModel;
  /** The deployment that serves the request, for PyTorch models. */
  assignment?: Assignment;
}

/** The id `doInfer` looks deployments up with: the alias target, else the name itself. */
export function concreteInferId(state: ClusterState, name: string): string {
  return state.aliases?.get(name) ?? name;
}

/** The deployments `doInfer` considers for `name`, in its order (docs §10.1). */
export function deploymentsForInfer(state: ClusterState, name: string): Assignment[] {
  const concrete = concreteInferId(state, name);
  const byId = state.assignments?.get(concrete);
  if (byId) return [byId];
  return state.assignmentsForModel(concrete);
}

const PICK_ORDER: Array<Assignment['assignment_state']> = ['started', 'starting', 'stopping', 'failed'];

/** `pickAssignment`: a started deployment first (ES shuffles within a state; we take the first). */
function pickAssignment(list: Assignment[]): Assignment {
  for (const state of PICK_ORDER) {
    const hit = list.find((a) => a.assignment_state === state);
    if (hit) return hit;
  }
  return list[0]!;
}

/**
 * Resolves `name` as `_infer` does (docs §10.1); throws the answer Elasticsearch gives when
 * nothing can serve it.
 */
export function resolveInferTarget(state: ClusterState, name: string): InferTarget {
  const deployments = deploymentsForInfer(state, name);
  if (deployments.length > 0) {
    const a = pickAssignment(deployments);
    const model = state.models.get(a.model_id);
    if (!model) throw missingTrainedModel(name);
    if (a.assignment_state === 'stopping' || a.assignment_state === 'failed') {
      throw new EsError(409, 'status_exception', `Trained model [${a.deployment_id}] is [${a.assignment_state}]`);
    }
    const started = Object.values(a.routing_table).some((r) => (r.routing_state === 'started' || r.routing_state === 'stopping') && r.current_allocations > 0);
    if (!started) throw new EsError(409, 'status_exception', `Trained model deployment [${name}] is not allocated to any nodes`);
    return { model, assignment: a };
  }
  const model = state.models.get(concreteInferId(state, name));
  if (!model) throw missingTrainedModel(name);
  if (model.model_type === 'pytorch') {
    throw new EsError(409, 'status_exception', `Model [${name}] must be deployed to use. Please deploy with the start trained model deployment API.`);
  }
  return { model };
}
