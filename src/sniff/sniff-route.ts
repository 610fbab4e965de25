/**
 * Recognises, on the RAW request target, the requests Elasticsearch routes to
 * its node-info handler (`RestNodesInfoAction`) AND whose answer carries the
 * nodes' HTTP section, i.e. `nodes.<id>.http.publish_address`: what every
 * sniffing client asks for.
 *
 *   JS 8.x `_nodes/_all/http` (its `sniffEndpoint` default), Python 7.x
 *   `_nodes/_all/http`, Java and Go `_nodes/http`, .NET `_nodes/http,settings`,
 *   and also `_nodes`, `_nodes/_all`, `_nodes/<ids or selectors>`,
 *   `_nodes/<ids>/<metrics>` and `_nodes/<ids>/info/<metrics>` with `http` or
 *   `_all` among the metrics.
 *
 * Called for every proxied request: the method check and a prefix check
 * reject everything else before any splitting or decoding. HEAD is not
 * matched (no body, nothing to rewrite); neither is any other method (the
 * handler is GET-only).
 *
 * Elasticsearch semantics (`PathTrie`, `RestController`, `RestNodesInfoAction`;
 * path splitting and decoding as in `../rest/route-matcher.ts`):
 * - Routes of the handler: `/_nodes`, `/_nodes/{nodeId}`,
 *   `/_nodes/{nodeId}/{metrics}`, `/_nodes/{nodeId}/info/{metrics}`.
 * - Literal siblings that win for GET: `/_nodes/{stats,hot_threads,hotthreads,usage,shutdown}`;
 *   `/_nodes/{stats,usage}/{metric}`; `/_nodes/{nodeId}/{stats,hot_threads,
 *   hotthreads,usage,shutdown,_repositories_metering,reload_secure_settings}`.
 *   `/_nodes/hot_threads/x` and `/_nodes/shutdown/x` fall back to the node-info
 *   wildcard route (those literal nodes have no children), and so does
 *   `/_nodes/stats/info/x` (`{nodeId}/info/{metrics}` is tried before the
 *   all-wildcard match `stats/{metric}/{index_metric}`).
 * - Path values are written over the query parameters of the same name, and
 *   the handler reads `nodeId` and `metrics` from that one map: `?metrics=http`
 *   counts when the path does not set `metrics`.
 * - `prepareRequest`: with `nodeId` and without `metrics`, a `nodeId` made only
 *   of metric names is read as metrics (`/_nodes/http,jvm`); otherwise the
 *   nodes get all metrics. Lists are split on `,`, empties dropped (whether a
 *   token is trimmed differs between versions: both readings are covered).
 *
 * The rule when in doubt is to MATCH: a match that was not needed costs only
 * buffering that one answer (the rewrite leaves an answer without
 * `nodes.*.http.publish_address` byte-identical); a miss would hand out a node
 * address. So a malformed escape or query (Elasticsearch refuses the request
 * anyway), a metric name one supported version does not know, and the
 * fall-back routes above all match.
 */
import { decodeComponent } from '../rest/decode-component';
import { decodeQueryString } from '../rest/query-string';
import { pathTokens, rawPathOf } from '../rest/route-matcher';
import { javaTrim } from '../rest/java-string';

export interface SniffRoute {
  readonly kind: 'sniff';
}

const SNIFF_ROUTE: SniffRoute = Object.freeze({ kind: 'sniff' });

/** The literal every node-info route starts with; the edge's nginx routing sends paths holding it to the guard (docs §12). */
export const SNIFF_FIRST_SEGMENTS: readonly string[] = ['_nodes'];

/** Literal children of `/_nodes` that win over `{nodeId}` for GET. */
const LITERALS_UNDER_NODES = new Set(['stats', 'hot_threads', 'hotthreads', 'usage', 'shutdown']);
/** Literal children of `/_nodes` that have a `{metric}` wildcard child of their own. */
const LITERALS_WITH_METRIC_CHILD = new Set(['stats', 'usage']);
/** Literal children of `/_nodes/{nodeId}` with a handler (never node info). */
const LITERALS_UNDER_NODE_ID = new Set([
  'stats', 'hot_threads', 'hotthreads', 'usage', 'shutdown', '_repositories_metering', 'reload_secure_settings',
]);
/**
 * Metric names every supported version (7.13 to 9.x) knows. Newer names
 * (`aggregations`, `indices`, `remote_cluster_server`) are left out on
 * purpose: where a version does not know one, the segment is read as node
 * ids and the answer has every metric, `http` included.
 */
const METRICS_KNOWN_EVERYWHERE = new Set(['settings', 'os', 'process', 'jvm', 'thread_pool', 'transport', 'http', 'plugins', 'ingest']);

const SLASH = 0x2f;
const QUESTION = 0x3f;
const HASH = 0x23;

export function matchSniffRoute(method: string, rawUrl: string): SniffRoute | null {
  // Hot path: one comparison for every non-GET, one prefix test for every GET.
  if (method !== 'GET' || !rawUrl.startsWith('/_nodes')) return null;
  const next = rawUrl.charCodeAt(7);
  if (!Number.isNaN(next) && next !== SLASH && next !== QUESTION && next !== HASH) return null;
  return returnsHttpSection(rawUrl) ? SNIFF_ROUTE : null;
}

function returnsHttpSection(rawUrl: string): boolean {
  const tokens = pathTokens(rawPathOf(rawUrl));
  if (tokens[0] !== SNIFF_FIRST_SEGMENTS[0]) return false;
  const rest = tokens.length - 1;
  let nodeId: string | undefined;
  let metrics: string | undefined;
  if (rest === 0) {
    // `/_nodes`: nothing in the path.
  } else if (rest === 1) {
    if (LITERALS_UNDER_NODES.has(tokens[1]!)) return false;
    nodeId = tokens[1];
  } else if (rest === 2) {
    if (LITERALS_WITH_METRIC_CHILD.has(tokens[1]!) || LITERALS_UNDER_NODE_ID.has(tokens[2]!)) return false;
    nodeId = tokens[1];
    metrics = tokens[2];
  } else if (rest === 3) {
    if (tokens[2] !== 'info') return false;
    nodeId = tokens[1];
    metrics = tokens[3];
  } else {
    return false;
  }
  try {
    return includesHttp(requestParams(rawUrl, nodeId, metrics));
  } catch {
    // A malformed escape: Elasticsearch refuses the request; matching costs nothing.
    return true;
  }
}

function requestParams(rawUrl: string, nodeId: string | undefined, metrics: string | undefined): Map<string, string> {
  const query = decodeQueryString(rawUrl);
  if (!(query instanceof Map)) throw new Error('malformed query');
  const params = new Map(query);
  if (nodeId !== undefined) params.set('nodeId', decodeComponent(nodeId));
  if (metrics !== undefined) params.set('metrics', decodeComponent(metrics));
  return params;
}

/** `RestNodesInfoAction.prepareRequest`, reduced to "is the http metric requested". */
function includesHttp(params: Map<string, string>): boolean {
  const nodeId = params.get('nodeId');
  const metrics = params.get('metrics');
  if (nodeId !== undefined && metrics === undefined) {
    // Tokens are compared untrimmed here: where a version trims, ` jvm` is a
    // metric; where it does not, a node id (then every metric is answered).
    const names = splitByComma(nodeId);
    const metricsOnly = names.length > 0 && names.every((name) => METRICS_KNOWN_EVERYWHERE.has(name));
    // Otherwise node ids or selectors: every metric is answered, `http` included.
    return metricsOnly ? names.includes('http') : true;
  }
  const names = splitByComma(metrics ?? '_all').map(javaTrim);
  return names.includes('http') || names.includes('_all');
}

/** `Strings.tokenizeByCommaToSet`'s `StringTokenizer`: split on `,`, empty tokens dropped. */
function splitByComma(value: string): string[] {
  return value.split(',').filter((token) => token !== '');
}

