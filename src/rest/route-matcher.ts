/**
 * Recognises, on the RAW request target, the requests Elasticsearch would
 * route to the four handlers the guard checks (docs §5.1), and
 * nothing else. Called for every proxied request: a method check and a prefix
 * check reject almost everything before any splitting or decoding.
 *
 * Elasticsearch semantics reproduced (`RestController`, `PathTrie` @08b91421,
 * `HttpRequest.rawPath`, `RestRequest.path`):
 * - The raw path is the target up to the first `?`, or, without a `?`, up to
 *   the first `#` (so with a `?` present, a `#` before it stays in the path).
 * - The raw path is split with Java's `split("/")`: trailing empty tokens are
 *   dropped (trailing slashes are ignored), ONE leading empty token is skipped
 *   (`//_ml/…` does not reach `_ml`), an empty middle token is a value `""`
 *   for a wildcard and never equals a literal.
 * - Literal segments compare raw and case-sensitively: `model%5Faliases`,
 *   `Model_Aliases` do not match.
 * - Wildcard segments are percent-decoded one by one, in path order, after the
 *   match (`decodeComponent`: `%2F` is a `/` inside the value, `+` stays).
 * - Absolute-form (`http://host/_ml/…`) is not routed by ES: Netty keeps the
 *   target as sent, and `http:` is not `_ml`. The proxy refuses non-origin
 *   targets before this is called (`src/proxy/request-target.ts`); the
 *   guard's guarantees hold only if the target forwarded is exactly `rawUrl`.
 *
 * Routes (handlers read in elastic/elasticsearch):
 * - PUT    /_ml/trained_models/{model_id}/model_aliases/{model_alias}   RestPutTrainedModelAliasAction (@26661978, 9.x fork @589240bd: one route)
 * - DELETE /_ml/trained_models/{model_id}/model_aliases/{model_alias}   RestDeleteTrainedModelAliasAction (@01195333: one route)
 * - POST   /_ml/trained_models/{model_id}/deployment/_stop              RestStopTrainedModelDeploymentAction (@d80709db, @1dc80d4a: one route)
 * - DELETE /_ml/trained_models/{model_id}                               RestDeleteTrainedModelAction
 * - DELETE /_ml/inference/{model_id}  — the SAME delete handler: its pre-7.10 path, kept
 *   as a `Route.replaces` deprecated route (7.10–7.17: always served; 8.x: served
 *   to `compatible-with=7` requests, @09b0d0fa; 9.x: `compatible-with=8`, fork
 *   @84a63946). The proxy cannot see which major the cluster is, so it is
 *   always matched: a request ES would have refused with "no handler" is then
 *   checked anyway (fail safe).
 * - POST   /_ml/trained_models/{model_id}/deployment/_start             RestStartTrainedModelDeploymentAction (@00203b9a, 8.8+ variants: one route)
 * - POST   /_ml/trained_models/{model_id}/deployment/_update            RestUpdateTrainedModelDeploymentAction (@259baf01: one route, 8.6+)
 * - DELETE /_inference/{task_type_or_id}[/{inference_id}]                RestDeleteInferenceEndpointAction (@01195333); 8.11:
 *   RestDeleteInferenceModelAction (@806b93c0), two-segment route only (docs §9.1)
 * `DELETE /_ml/{trained_models,inference}/_stats` is NOT the delete handler:
 * the literal `_stats` node (GET stats) wins and ES answers 405.
 *
 * A wildcard segment with a malformed escape: the decoder's
 * IllegalArgumentException escapes `PathTrie.retrieve` and `tryAllHandlers`
 * answers it with `handleUnsupportedHttpMethod`: 405, flat body
 * `{"error":"<exception message>, allowed: [PUT, DELETE]","status":405}`,
 * header `Allow: PUT,DELETE` (the methods registered at that path). ES
 * collects them in a `HashSet`, whose order can differ between JVM runs; the
 * proxy uses enum order (GET, POST, PUT, DELETE). Checks ES makes before
 * routing win over the 405: a malformed query (400 `bad_parameter_exception`)
 * and bad `pretty`/`human`/`error_trace` values (`pre-dispatch.ts`). A
 * malformed Content-Type also wins, but it is a header: the caller checks it.
 */
import { EsFlatRejection, EsRejection } from '../errors';
import { decodeComponent, MalformedEscapeError } from './decode-component';
import { preDispatchRejection } from './pre-dispatch';
import { decodeQueryString, QueryParams } from './query-string';
import { EsGuardRejection } from './rejections';

export type GuardedRouteKind =
  | 'put_model_alias'
  | 'delete_model_alias'
  | 'stop_deployment'
  | 'delete_model'
  | 'start_deployment'
  | 'update_deployment'
  | 'delete_inference_endpoint';

export interface GuardedRoute {
  kind: GuardedRouteKind;
  method: string;
  rawUrl: string;
  /** The target up to `?` (or `#`), undecoded. */
  rawPath: string;
  /**
   * `request.path()`: the whole raw path decoded once with `decodeComponent`
   * (`%2F` → `/`, `+` kept, trailing slashes kept). This is the `<path>` of
   * "request [<path>] contains unrecognized parameter" and "request [<METHOD>
   * <path>] does not support having a body" (docs §5.3).
   */
  decodedPath: string;
  /** Decoded wildcard values: `model_id`, and `model_alias` for the alias routes. */
  pathParams: Record<string, string>;
  /** The decoded query (last duplicate wins), or the 400 ES answers when it cannot be decoded. */
  query: QueryParams | EsRejection;
  /** The route pattern that matched, e.g. `/_ml/inference/{model_id}` for the legacy delete path. */
  pattern?: string;
}

/**
 * A request ES would route to a guarded handler but refuses before the
 * handler runs because a path segment cannot be decoded. Usually the 405
 * (`EsFlatRejection`); a query or framework-parameter error that ES detects
 * earlier takes its place.
 */
export interface MalformedRoute {
  kind: 'malformed';
  rejection: EsGuardRejection;
}

export type RouteMatch = GuardedRoute | MalformedRoute;

type Segment = string | { param: string };

interface RouteSpec {
  kind: GuardedRouteKind;
  method: string;
  pattern: string;
  segments: Segment[];
  /** Methods registered at this path in ES, for the 405 (enum order). */
  allowedMethods: string[];
  /** Raw values of the first wildcard that a literal sibling route takes instead. */
  shadowedBy?: string[];
}

const MODEL_ID = { param: 'model_id' };
const MODEL_ALIAS = { param: 'model_alias' };
const TASK_TYPE_OR_ID = { param: 'task_type_or_id' };
const INFERENCE_ID = { param: 'inference_id' };

const ROUTES: readonly RouteSpec[] = [
  {
    kind: 'put_model_alias',
    method: 'PUT',
    pattern: '/_ml/trained_models/{model_id}/model_aliases/{model_alias}',
    segments: ['_ml', 'trained_models', MODEL_ID, 'model_aliases', MODEL_ALIAS],
    allowedMethods: ['PUT', 'DELETE'],
  },
  {
    kind: 'delete_model_alias',
    method: 'DELETE',
    pattern: '/_ml/trained_models/{model_id}/model_aliases/{model_alias}',
    segments: ['_ml', 'trained_models', MODEL_ID, 'model_aliases', MODEL_ALIAS],
    allowedMethods: ['PUT', 'DELETE'],
  },
  {
    kind: 'stop_deployment',
    method: 'POST',
    pattern: '/_ml/trained_models/{model_id}/deployment/_stop',
    segments: ['_ml', 'trained_models', MODEL_ID, 'deployment', '_stop'],
    allowedMethods: ['POST'],
  },
  {
    kind: 'delete_model',
    method: 'DELETE',
    pattern: '/_ml/trained_models/{model_id}',
    segments: ['_ml', 'trained_models', MODEL_ID],
    allowedMethods: ['GET', 'PUT', 'DELETE'],
    shadowedBy: ['_stats'],
  },
  {
    kind: 'delete_model',
    method: 'DELETE',
    pattern: '/_ml/inference/{model_id}',
    segments: ['_ml', 'inference', MODEL_ID],
    allowedMethods: ['GET', 'DELETE'],
    shadowedBy: ['_stats'],
  },
  // The routes of the guard's own rules (docs §13). `_start` and `_update`: one
  // route each, POST only, in every version that has them (8.0+ and 8.6+). A
  // literal sibling of `{model_id}` (`_stats`) does not take these longer paths:
  // PathTrie falls back to the wildcard when the literal branch finds nothing.
  {
    kind: 'start_deployment',
    method: 'POST',
    pattern: '/_ml/trained_models/{model_id}/deployment/_start',
    segments: ['_ml', 'trained_models', MODEL_ID, 'deployment', '_start'],
    allowedMethods: ['POST'],
  },
  {
    kind: 'update_deployment',
    method: 'POST',
    pattern: '/_ml/trained_models/{model_id}/deployment/_update',
    segments: ['_ml', 'trained_models', MODEL_ID, 'deployment', '_update'],
    allowedMethods: ['POST'],
  },
  // DELETE inference endpoint (docs §9.1): `_inference/{task_type}/{model_id}`
  // (8.11), then `_inference/{task_type_or_id}` and
  // `_inference/{task_type_or_id}/{inference_id}` (`Paths.java`). The GET, PUT
  // and POST endpoint handlers share both patterns. Literal neighbours that
  // exist in some versions only (`_all`, `_services`, `.diagnostics`; `…/_update`,
  // `…/_stream`, `…/_unified`) take no DELETE; they are matched anyway, and
  // the guard forwards them after its read shows the path reaches no endpoint
  // (`inference-endpoint-facts.ts`): fail safe across versions.
  {
    kind: 'delete_inference_endpoint',
    method: 'DELETE',
    pattern: '/_inference/{task_type_or_id}',
    segments: ['_inference', TASK_TYPE_OR_ID],
    allowedMethods: ['GET', 'POST', 'PUT', 'DELETE'],
  },
  {
    kind: 'delete_inference_endpoint',
    method: 'DELETE',
    pattern: '/_inference/{task_type_or_id}/{inference_id}',
    segments: ['_inference', TASK_TYPE_OR_ID, INFERENCE_ID],
    allowedMethods: ['GET', 'POST', 'PUT', 'DELETE'],
  },
];

/**
 * The first literal segment of every route above (`_ml` today), derived from
 * the table so a route added later is covered: the edge's nginx routing
 * (`src/edge/`) sends every raw path holding one of these to the guard
 * (docs §12).
 */
export const GUARDED_FIRST_SEGMENTS: readonly string[] = [
  ...new Set(
    ROUTES.map((route) => {
      const literal = route.segments.find((segment): segment is string => typeof segment === 'string');
      if (literal === undefined) throw new Error(`guarded route ${route.pattern} has no literal segment`);
      return literal;
    }),
  ),
];

/** `HttpRequest.rawPath()`. */
export function rawPathOf(rawUrl: string): string {
  const question = rawUrl.indexOf('?');
  if (question >= 0) return rawUrl.substring(0, question);
  const hash = rawUrl.indexOf('#');
  return hash >= 0 ? rawUrl.substring(0, hash) : rawUrl;
}

/** `PathTrie.retrieve`'s tokens: Java split on `/` (trailing empties dropped), one leading empty skipped. */
export function pathTokens(rawPath: string): string[] {
  const tokens = rawPath.split('/');
  while (tokens.length > 0 && tokens[tokens.length - 1] === '') tokens.pop();
  if (tokens.length > 0 && tokens[0] === '') tokens.shift();
  return tokens;
}

function literalsMatch(spec: RouteSpec, tokens: string[]): boolean {
  if (tokens.length !== spec.segments.length) return false;
  for (let i = 0; i < tokens.length; i++) {
    const segment = spec.segments[i]!;
    if (typeof segment === 'string') {
      if (tokens[i] !== segment) return false;
    } else if (i === 2 && spec.shadowedBy?.includes(tokens[i]!)) {
      return false;
    }
  }
  return true;
}

function decodePathParams(spec: RouteSpec, tokens: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  spec.segments.forEach((segment, i) => {
    if (typeof segment !== 'string') params[segment.param] = decodeComponent(tokens[i]!);
  });
  return params;
}

function methodNotAllowed(message: string, allowedMethods: string[]): EsFlatRejection {
  return new EsFlatRejection(405, `${message}, allowed: [${allowedMethods.join(', ')}]`, {
    Allow: allowedMethods.join(','),
  });
}

function startsWithGuardedSegment(rawUrl: string): boolean {
  const from = rawUrl.startsWith('/') ? 1 : 0;
  return rawUrl.startsWith('_ml/', from) || rawUrl.startsWith('_inference/', from);
}

function isGuardedMethod(method: string): boolean {
  return method === 'PUT' || method === 'DELETE' || method === 'POST';
}

export function matchGuardedRoute(method: string, rawUrl: string): RouteMatch | null {
  // Hot path: Netty's methods are case-sensitive, and every guarded path starts with the `_ml` or `_inference` token.
  if (!isGuardedMethod(method)) return null;
  if (!startsWithGuardedSegment(rawUrl)) return null;

  const rawPath = rawPathOf(rawUrl);
  const tokens = pathTokens(rawPath);
  const spec = ROUTES.find((candidate) => candidate.method === method && literalsMatch(candidate, tokens));
  if (spec === undefined) return null;

  const query = decodeQueryString(rawUrl);
  let pathParams: Record<string, string>;
  try {
    pathParams = decodePathParams(spec, tokens);
  } catch (error) {
    if (!(error instanceof MalformedEscapeError)) throw error;
    if (query instanceof EsRejection) return { kind: 'malformed', rejection: query };
    const earlier = preDispatchRejection(query);
    return { kind: 'malformed', rejection: earlier ?? methodNotAllowed(error.message, spec.allowedMethods) };
  }

  return {
    kind: spec.kind,
    method,
    rawUrl,
    rawPath,
    decodedPath: decodeComponent(rawPath),
    pathParams,
    query,
    pattern: spec.pattern,
  };
}

/**
 * The parameter map a handler sees: the query, then the path values written
 * over it (`PathTrie` puts them into the same map after the query was parsed,
 * docs §5.1), so `?model_id=x` is silently replaced. Null when the query could not
 * be decoded.
 */
export function requestParams(route: GuardedRoute): Map<string, string> | null {
  if (route.query instanceof EsRejection) return null;
  const params = new Map(route.query);
  for (const [name, value] of Object.entries(route.pathParams)) params.set(name, value);
  return params;
}
