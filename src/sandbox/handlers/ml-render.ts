/**
 * JSON renderings of trained model configs, assignments and deployment stats
 * (docs §1.3, docs §1.4, docs §1.5, docs §4.2), shaped by the emulated version.
 */
import { Assignment, allocationStatus } from '../state/assignments';
import { StoredModel } from '../state/models';
import { definitionFields } from '../state/definition-codec';
import { inferenceCounters } from '../state/inference-counters';
import { ClusterState } from '../state/store';
import { HandlerContext, NodeInfo } from './types';
import { Features } from '../version';

export interface ConfigRenderOptions {
  includeDefinition: boolean;
  /** `decompress_definition` (default true): `definition`, else `compressed_definition` (docs §11.3). */
  decompressDefinition?: boolean;
  includeDefinitionStatus: boolean;
  excludeGenerated: boolean;
  withAliases: boolean;
}

/** `TrainedModelConfig.toXContent` field order (docs §1.3). */
export function renderConfig(m: StoredModel, state: ClusterState, f: Features, o: ConfigRenderOptions): Record<string, unknown> {
  const out: Record<string, unknown> = { model_id: m.model_id };
  // 8.x fills a missing type with tree_ensemble when reading (docs §1.3); 7.x has no field
  if (f.modelType) out.model_type = m.model_type ?? 'tree_ensemble';
  if (m.model_package !== undefined) out.model_package = m.model_package;
  if (m.platform_architecture !== undefined) out.platform_architecture = m.platform_architecture;
  if (!o.excludeGenerated) {
    out.created_by = m.created_by;
    out.version = m.version;
    out.create_time = m.create_time;
    if (f.modelType) out.model_size_bytes = m.model_size_bytes;
    else out.estimated_heap_memory_usage_bytes = m.model_size_bytes;
    out.estimated_operations = m.estimated_operations;
    out.license_level = m.license_level;
  }
  if (m.description !== undefined) out.description = m.description;
  if (o.includeDefinition) Object.assign(out, definitionFields(m, o.decompressDefinition ?? true));
  out.tags = [...m.tags];
  const aliases = o.withAliases ? state.aliasesOf(m.model_id) : [];
  if (m.metadata !== undefined || aliases.length > 0) {
    const md: Record<string, unknown> = { ...(m.metadata ?? {}) };
    if (aliases.length > 0) md.model_aliases = aliases;
    out.metadata = md;
  }
  out.input = { field_names: [...m.input.field_names] };
  if (m.default_field_map && Object.keys(m.default_field_map).length > 0) out.default_field_map = m.default_field_map;
  out.inference_config = m.inference_config;
  if (m.location !== undefined) out.location = m.location;
  if (m.prefix_strings !== undefined) out.prefix_strings = m.prefix_strings;
  if (o.includeDefinitionStatus) out.fully_defined = isFullyDefined(m);
  return out;
}

export function isFullyDefined(m: StoredModel): boolean {
  if (m.model_type !== 'pytorch') return true;
  const parts = [...m.definitionParts.values()];
  if (parts.length === 0) return false;
  const total = parts[0]!.total_parts;
  return m.definitionParts.size >= total;
}

export function nodeJson(node: NodeInfo, version: string): Record<string, unknown> {
  return {
    [node.id]: {
      name: node.name,
      ephemeral_id: node.ephemeralId,
      transport_address: node.transportAddress,
      external_id: node.name,
      attributes: { 'ml.machine_memory': '17179869184', 'ml.allocated_processors': '8', 'ml.max_jvm_size': '4294967296' },
      roles: ['data', 'ingest', 'master', 'ml', 'remote_cluster_client', 'transform'],
      version,
    },
  };
}

/** `TrainedModelAssignment.toXContent` (docs §1.5, docs §4.2). */
export function renderAssignment(a: Assignment, ctx: HandlerContext): Record<string, unknown> {
  const f = ctx.features;
  const tp: Record<string, unknown> = { model_id: a.model_id };
  if (f.multiDeployments) tp.deployment_id = a.deployment_id;
  tp.model_bytes = a.model_bytes;
  tp.threads_per_allocation = a.threads_per_allocation;
  tp.number_of_allocations = a.number_of_allocations;
  tp.queue_capacity = a.queue_capacity;
  if (a.cache_size !== undefined) tp.cache_size = a.cache_size;
  tp.priority = a.priority;
  tp.per_deployment_memory_bytes = a.per_deployment_memory_bytes;
  tp.per_allocation_memory_bytes = a.per_allocation_memory_bytes;
  const routing: Record<string, unknown> = {};
  for (const [node, r] of Object.entries(a.routing_table)) {
    // routes before 8.4 lack current/target allocations (docs §4.2)
    routing[node] = f.routingAllocations
      ? { current_allocations: r.current_allocations, target_allocations: r.target_allocations, routing_state: r.routing_state, ...(r.reason ? { reason: r.reason } : {}) }
      : { routing_state: r.routing_state, ...(r.reason ? { reason: r.reason } : {}) };
  }
  const out: Record<string, unknown> = { task_parameters: tp, routing_table: routing, assignment_state: a.assignment_state };
  if (a.reason) out.reason = a.reason;
  out.start_time = new Date(a.start_time).toISOString();
  out.max_assigned_allocations = a.max_assigned_allocations;
  // 8.16+ TrainedModelAssignment carries the adaptive-allocations settings (docs §10.3)
  if (f.adaptiveAllocations && a.adaptive_allocations) out.adaptive_allocations = { ...a.adaptive_allocations };
  return out;
}

/** `AssignmentStats.toXContent` (docs §1.4): allocation_status only while starting/started. */
export function renderDeploymentStats(a: Assignment, ctx: HandlerContext): Record<string, unknown> {
  const f = ctx.features;
  const out: Record<string, unknown> = {};
  if (f.multiDeployments) out.deployment_id = a.deployment_id;
  out.model_id = a.model_id;
  out.threads_per_allocation = a.threads_per_allocation;
  out.number_of_allocations = a.number_of_allocations;
  out.queue_capacity = a.queue_capacity;
  const routes = Object.values(a.routing_table);
  const failed = routes.length > 0 && routes.every((r) => r.routing_state === 'failed');
  out.state = failed ? 'failed' : a.assignment_state;
  if (a.reason) out.reason = a.reason;
  if (a.assignment_state === 'starting' || a.assignment_state === 'started') {
    const st = allocationStatus(a);
    if (st) out.allocation_status = st;
  }
  if (a.cache_size !== undefined) out.cache_size = a.cache_size;
  if (f.adaptiveAllocations && a.adaptive_allocations) out.adaptive_allocations = { ...a.adaptive_allocations };
  out.priority = a.priority;
  out.start_time = a.start_time;
  out.peak_throughput_per_minute = 0;
  // `_infer` counters of the sandbox's single node (docs §11.5)
  const counted = inferenceCounters(a);
  out.nodes = Object.entries(a.routing_table).map(([nodeId, r]) => ({
    node: nodeJson({ ...ctx.node, id: nodeId }, ctx.version.number),
    routing_state: { routing_state: r.routing_state, ...(r.reason ? { reason: r.reason } : {}) },
    inference_count: nodeId === ctx.node.id ? counted.inferenceCount : 0,
    average_inference_time_ms: 0.0,
    average_inference_time_ms_excluding_cache_hits: 0.0,
    inference_cache_hit_count: nodeId === ctx.node.id ? counted.cacheHits : 0,
    number_of_pending_requests: 0,
    start_time: a.start_time,
    threads_per_allocation: a.threads_per_allocation,
    number_of_allocations: r.current_allocations,
    peak_throughput_per_minute: 0,
    throughput_last_minute: 0,
    inference_cache_hit_count_last_minute: 0,
  }));
  return out;
}
