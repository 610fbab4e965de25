/**
 * Allocation state of a deployment, as the PUT-alias PyTorch checks read it
 * (docs §2 step 11c; `TrainedModelAssignment.calculateAllocationStatus`,
 * `RoutingInfo.isRoutable`, `AllocationStatus.calculateState`):
 *
 * - an assignment that is `stopping` has NO allocation status;
 * - otherwise allocation_count = Σ current_allocations over routes that are
 *   `started` with current_allocations > 0, target = number_of_allocations;
 * - state = `starting` if count == 0, `started` if count < target, else
 *   `fully_allocated` (a deployment scaled to zero is therefore `starting`).
 */
import { AllocationState, DeploymentFacts } from '../facts/facts';

export function allocationStateFor(allocationCount: number, targetAllocationCount: number): AllocationState {
  if (allocationCount === 0) return 'starting';
  if (allocationCount < targetAllocationCount) return 'started';
  return 'fully_allocated';
}

/** One `trained_model_assignment` entry of the cluster state (docs §4.2), the fields the computation needs. */
export interface AssignmentSnapshot {
  assignmentState: string;
  numberOfAllocations: number;
  routes: Array<{ routingState: string; currentAllocations?: number }>;
}

/**
 * The status computed from a cluster-state assignment; undefined when it is
 * stopping. Routes written before 8.4 have no `current_allocations`: 0.
 */
export function allocationFromAssignment(
  assignment: AssignmentSnapshot,
): { allocationCount: number; targetAllocationCount: number; state: AllocationState } | undefined {
  if (assignment.assignmentState === 'stopping') return undefined;
  let allocationCount = 0;
  for (const route of assignment.routes) {
    const current = route.currentAllocations ?? 0;
    if (route.routingState === 'started' && current > 0) allocationCount += current;
  }
  const targetAllocationCount = assignment.numberOfAllocations;
  return { allocationCount, targetAllocationCount, state: allocationStateFor(allocationCount, targetAllocationCount) };
}

/** The allocation status of a deployment from `_stats`; undefined exactly when it is stopping (docs §1.4). */
export function allocationStatusOf(deployment: DeploymentFacts): AllocationState | undefined {
  return deployment.allocation?.state;
}

/** An old deployment constrains the new model only when it serves traffic: `started` or `fully_allocated`. */
export function isServing(deployment: DeploymentFacts): boolean {
  const state = allocationStatusOf(deployment);
  return state === 'started' || state === 'fully_allocated';
}

/** A new deployment is "not yet allocated to any nodes" when it has no status (stopping) or is `starting`. */
export function isNotYetAllocated(deployment: DeploymentFacts): boolean {
  const state = allocationStatusOf(deployment);
  return state === undefined || state === 'starting';
}
