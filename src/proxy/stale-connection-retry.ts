/**
 * When a forwarded request may be sent once more (issue: stale keep-alive
 * connections). The cluster, or a load balancer in front of it, closes idle
 * keep-alive connections on its own clock; a request written just as that
 * happens fails with a reset or "other side closed" before any byte of an
 * answer. nginx (`proxy_next_upstream error`), HAProxy (`retry-on
 * conn-failure`) and Envoy (`reset` retry policy) send such a request again;
 * so does the proxy, once, on a fresh connection, and only when sending it
 * twice cannot do harm and its bytes are still at hand:
 * - nothing of the answer has arrived (the failure cannot be a cut answer);
 * - the method is idempotent (RFC 9110 §9.2.2: GET, HEAD, PUT, DELETE,
 *   OPTIONS, TRACE), because the cluster may have read the request before it
 *   closed; a POST (`_bulk`, `_stop`, ...) is never sent twice;
 * - the body is none or held whole (the guard's forwards): a streamed body has
 *   been read from the client already and cannot be sent again.
 */
import type { Dispatcher } from 'undici';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

/** Errors that say the connection closed under the request, not that the cluster answered or timed out. */
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

export function isReplayable(options: Dispatcher.DispatchOptions): boolean {
  const body = options.body;
  return IDEMPOTENT.has(options.method) && (body === null || body === undefined || Buffer.isBuffer(body));
}

export function isConnectionLost(err: Error): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code !== undefined && CONNECTION_LOST.has(code);
}
