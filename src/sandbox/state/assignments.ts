/**
 * Deployments (trained model assignments) and their allocation status
 * (docs §1.4, docs §1.5, docs §2 step 11c, docs §4.2).
 */
export type AssignmentState = 'starting' | 'started' | 'stopping' | 'failed';
export type RoutingState = 'starting' | 'started' | 'stopping' | 'failed' | 'stopped';
export type AllocationState = 'starting' | 'started' | 'fully_allocated';

export interface RoutingInfo {
  current_allocations: number;
  target_allocations: number;
  routing_state: RoutingState;
  reason?: string;
}

export interface Assignment {
  deployment_id: string;
  model_id: string;
  model_bytes: number;
  number_of_allocations: number;
  threads_per_allocation: number;
  queue_capacity: number;
  cache_size?: string;
  priority: 'normal' | 'low';
  per_deployment_memory_bytes: number;
  per_allocation_memory_bytes: number;
  assignment_state: AssignmentState;
  reason?: string;
  routing_table: Record<string, RoutingInfo>;
  start_time: number;
  max_assigned_allocations: number;
  /** `adaptive_allocations` settings (8.16+, set by _start or _update; docs §10.3). */
  adaptive_allocations?: AdaptiveAllocations;
}

export interface AdaptiveAllocations {
  enabled: boolean;
  min_number_of_allocations?: number;
  max_number_of_allocations?: number;
}

export interface AllocationStatus {
  allocation_count: number;
  target_allocation_count: number;
  state: AllocationState;
}

/**
 * `TrainedModelAssignment.calculateAllocationStatus`: none while stopping; the count sums
 * current_allocations of routes that are started with > 0 allocations; the target is
 * number_of_allocations; state starting (0), started (< target), fully_allocated (docs §2 step 11c).
 */
export function allocationStatus(a: Assignment): AllocationStatus | undefined {
  if (a.assignment_state === 'stopping') return undefined;
  let count = 0;
  for (const r of Object.values(a.routing_table)) {
    if (r.routing_state === 'started' && r.current_allocations > 0) count += r.current_allocations;
  }
  const target = a.number_of_allocations;
  const state: AllocationState = count === 0 ? 'starting' : count < target ? 'started' : 'fully_allocated';
  return { allocation_count: count, target_allocation_count: target, state };
}

/** Sets the routing of the sandbox's single ML node so the status reads `want` (control API). */
export function setAllocation(a: Assignment, nodeId: string, want: AllocationState): void {
  if (a.assignment_state === 'stopping') a.assignment_state = 'started';
  if (want === 'starting') {
    a.assignment_state = 'starting';
    a.routing_table[nodeId] = { current_allocations: 0, target_allocations: a.number_of_allocations, routing_state: 'starting' };
    return;
  }
  if (want === 'started') {
    // "started" needs 0 < count < target; with a target of 1 that cannot exist, so the
    // sandbox raises the target to 2 (a deployment mid scale-up) [sandbox decision].
    if (a.number_of_allocations < 2) a.number_of_allocations = 2;
    a.assignment_state = 'started';
    a.routing_table[nodeId] = { current_allocations: a.number_of_allocations - 1, target_allocations: a.number_of_allocations, routing_state: 'started' };
    a.max_assigned_allocations = Math.max(a.max_assigned_allocations, a.number_of_allocations - 1);
    return;
  }
  a.assignment_state = 'started';
  a.routing_table[nodeId] = { current_allocations: a.number_of_allocations, target_allocations: a.number_of_allocations, routing_state: 'started' };
  a.max_assigned_allocations = Math.max(a.max_assigned_allocations, a.number_of_allocations);
}
