/**
 * GET/HEAD /, _cluster/health, _cluster/state (docs §4.1, docs §4.2), _nodes (sniffing), _license.
 */
import { EsError } from '../rest/errors';
import { renderAssignment, nodeJson } from './ml-render';
import { HandlerContext, PreparedAction, RouteSpec } from './types';
import { Features } from '../version';

function mainBody(ctx: HandlerContext): Record<string, unknown> {
  const v = ctx.version;
  const is8 = v.major >= 8;
  return {
    name: ctx.node.name,
    cluster_name: 'sandbox',
    cluster_uuid: ctx.state.clusterUuid,
    version: {
      number: v.number,
      build_flavor: 'default',
      build_type: 'docker',
      build_hash: v.buildHash,
      build_date: v.buildDate,
      build_snapshot: false,
      lucene_version: v.luceneVersion,
      minimum_wire_compatibility_version: is8 ? '7.17.0' : '6.8.0',
      minimum_index_compatibility_version: is8 ? '7.0.0' : '6.0.0-beta1',
    },
    tagline: 'You Know, for Search',
  };
}

const main: RouteSpec = {
  method: ['GET', 'HEAD'],
  path: '/',
  handler: {
    name: 'main_action',
    prepare(_req, ctx): PreparedAction {
      // cluster:monitor/main is granted by monitor, manage, all (checked in ES tests)
      return { action: 'cluster:monitor/main', run: () => ({ body: mainBody(ctx) }) };
    },
  },
};

const HEALTH_PARAMS = ['wait_for_status', 'timeout', 'level', 'local', 'master_timeout', 'wait_for_nodes', 'wait_for_active_shards', 'wait_for_no_relocating_shards', 'wait_for_no_initializing_shards', 'wait_for_events', 'expand_wildcards', 'return_200_for_cluster_health_timeout'];

const health: RouteSpec = {
  method: 'GET',
  path: ['/_cluster/health', '/_cluster/health/{index}'],
  handler: {
    name: 'cluster_health_action',
    prepare(req, ctx): PreparedAction {
      req.params.get('index');
      for (const p of HEALTH_PARAMS) req.params.get(p);
      return {
        action: 'cluster:monitor/health',
        run() {
          const shards = ctx.state.indices.size;
          return {
            body: {
              cluster_name: 'sandbox',
              status: 'green',
              timed_out: false,
              number_of_nodes: 1,
              number_of_data_nodes: 1,
              active_primary_shards: shards,
              active_shards: shards,
              relocating_shards: 0,
              initializing_shards: 0,
              unassigned_shards: 0,
              ...(ctx.version.major >= 8 ? { unassigned_primary_shards: 0 } : {}),
              delayed_unassigned_shards: 0,
              number_of_pending_tasks: 0,
              number_of_in_flight_fetch: 0,
              task_max_waiting_in_queue_millis: 0,
              active_shards_percent_as_number: 100.0,
            },
          };
        },
      };
    },
  },
};

/** `metadata` of the cluster state, with the ML customs (docs §4.1, docs §4.2). */
function metadata(ctx: HandlerContext): Record<string, unknown> {
  const st = ctx.state;
  const md: Record<string, unknown> = {
    cluster_uuid: st.clusterUuid,
    cluster_uuid_committed: true,
    cluster_coordination: { term: 1, last_committed_config: [ctx.node.id], last_accepted_config: [ctx.node.id], voting_config_exclusions: [] },
    templates: {},
    indices: Object.fromEntries(
      [...st.indices.values()].map((i) => [i.name, { version: 1, state: 'open', settings: { index: { uuid: i.uuid, number_of_shards: '1', number_of_replicas: '1', provided_name: i.name, creation_date: String(i.created) } }, mappings: i.mappings, aliases: [] }]),
    ),
    'index-graveyard': { tombstones: [] },
  };
  if (st.pipelines.size > 0) md.ingest = { pipeline: [...st.pipelines.entries()].map(([id, config]) => ({ id, config })) };
  // absent until the first alias; stays {"model_aliases":{}} once every alias is gone (docs §4.1)
  if (st.aliases) md.trained_model_alias = { model_aliases: Object.fromEntries([...st.aliases.entries()].map(([a, m]) => [a, { model_id: m }])) };
  // the custom's name changed in 8.3 (docs §4.2)
  if (st.assignments) md[ctx.features.assignmentCustom] = Object.fromEntries([...st.assignments.entries()].map(([id, a]) => [id, renderAssignment(a, ctx)]));
  md.reserved_state = {};
  return md;
}

const STATE_METRICS = ['_all', 'version', 'master_node', 'blocks', 'nodes', 'metadata', 'routing_table', 'routing_nodes', 'customs'];

const clusterState: RouteSpec = {
  method: 'GET',
  path: ['/_cluster/state', '/_cluster/state/{metric}', '/_cluster/state/{metric}/{index}'],
  handler: {
    name: 'cluster_state_action',
    prepare(req, ctx): PreparedAction {
      const metricRaw = req.params.get('metric');
      req.params.get('index');
      for (const p of ['local', 'master_timeout', 'flat_settings', 'wait_for_metadata_version', 'wait_for_timeout', 'ignore_unavailable', 'allow_no_indices', 'expand_wildcards']) req.params.get(p);
      const metrics = metricRaw === undefined ? ['_all'] : metricRaw.split(',');
      for (const m of metrics) {
        if (!STATE_METRICS.includes(m)) {
          throw new EsError(400, 'illegal_argument_exception', `request [${req.path}] contains unrecognized metric: [${m}]`);
        }
      }
      return {
        action: 'cluster:monitor/state',
        run() {
          const all = metrics.includes('_all');
          const out: Record<string, unknown> = { cluster_name: 'sandbox', cluster_uuid: ctx.state.clusterUuid };
          if (all || metrics.includes('version')) out.version = 1;
          if (all || metrics.includes('master_node')) out.master_node = ctx.node.id;
          if (all || metrics.includes('blocks')) out.blocks = {};
          if (all || metrics.includes('nodes')) out.nodes = nodeJson(ctx.node, ctx.version.number);
          if (all || metrics.includes('metadata')) out.metadata = metadata(ctx);
          return { body: out };
        },
      };
    },
  },
};

const NODE_METRICS = ['settings', 'os', 'process', 'jvm', 'thread_pool', 'transport', 'http', 'remote_cluster_server', 'plugins', 'ingest', 'aggregations', 'indices'];

function nodesInfo(ctx: HandlerContext, metrics: string[]): Record<string, unknown> {
  const n = ctx.node;
  const v = ctx.version;
  const all = metrics.length === 0 || metrics.includes('_all');
  const info: Record<string, unknown> = {
    name: n.name,
    transport_address: n.transportAddress,
    host: n.host,
    ip: n.host,
    version: v.number,
    build_flavor: 'default',
    build_type: 'docker',
    build_hash: v.buildHash,
    roles: ['data', 'ingest', 'master', 'ml', 'remote_cluster_client', 'transform'],
    attributes: {},
  };
  if (all || metrics.includes('http')) {
    // publish_address = the sandbox's own host:port, so sniffing clients come back here
    info.http = { bound_address: [`${n.host}:${n.port}`], publish_address: `${n.host}:${n.port}`, max_content_length_in_bytes: 104857600 };
  }
  if (all || metrics.includes('settings')) info.settings = { cluster: { name: 'sandbox' }, node: { name: n.name }, http: { port: String(n.port) } };
  return { _nodes: { total: 1, successful: 1, failed: 0 }, cluster_name: 'sandbox', nodes: { [n.id]: info } };
}

const nodes: RouteSpec = {
  method: 'GET',
  path: ['/_nodes', '/_nodes/{nodeId}', '/_nodes/{nodeId}/{metrics}', '/_nodes/{nodeId}/info/{metrics}'],
  handler: {
    name: 'nodes_info_action',
    prepare(req, ctx): PreparedAction {
      const nodeId = req.params.get('nodeId');
      const metricsRaw = req.params.get('metrics');
      req.params.get('timeout');
      req.params.bool('flat_settings', false);
      let metrics: string[] = [];
      let nodeSel = nodeId ?? '_all';
      if (metricsRaw !== undefined) metrics = metricsRaw.split(',');
      else if (nodeId !== undefined) {
        // `/_nodes/http`: a single segment of metric names is read as metrics (RestNodesInfoAction)
        const parts = nodeId.split(',');
        if (parts.every((p) => NODE_METRICS.includes(p) || p === '_all')) {
          metrics = parts;
          nodeSel = '_all';
        }
      }
      return {
        action: 'cluster:monitor/nodes/info',
        run() {
          const body = nodesInfo(ctx, metrics);
          const sel = nodeSel.split(',');
          const match = sel.some((s) => ['_all', '_local', '_master', '*', ctx.node.id, ctx.node.name].includes(s));
          if (!match) return { body: { _nodes: { total: 0, successful: 0, failed: 0 }, cluster_name: 'sandbox', nodes: {} } };
          return { body };
        },
      };
    },
  },
};

const license: RouteSpec = {
  method: 'GET',
  path: '/_license',
  handler: {
    name: 'get_license',
    prepare(req, ctx): PreparedAction {
      req.params.bool('local', false);
      req.params.bool('accept_enterprise', false);
      return {
        action: 'cluster:monitor/xpack/license/get',
        run() {
          const type = ctx.state.license;
          return {
            body: {
              license: {
                status: 'active',
                uid: '00000000-0000-0000-0000-000000000000',
                type,
                issue_date: '2024-01-01T00:00:00.000Z',
                issue_date_in_millis: 1704067200000,
                ...(type === 'trial' ? { expiry_date: '2099-01-01T00:00:00.000Z', expiry_date_in_millis: 4070908800000, max_nodes: 1000 } : { max_nodes: 1000 }),
                max_resource_units: null,
                issued_to: 'sandbox',
                issuer: 'elasticsearch',
                start_date_in_millis: -1,
              },
            },
          };
        },
      };
    },
  },
};

export function clusterRoutes(_f: Features): RouteSpec[] {
  return [main, health, clusterState, nodes, license];
}
