/**
 * Elasticsearch's error bodies (docs §5.4), built by the proxy when it
 * answers in Elasticsearch's name.
 */

/** `{"error":{"root_cause":[{type,reason,...}],type,reason,...},"status":N}` */
export interface EsErrorBody {
  error: {
    root_cause: Array<Record<string, unknown> & { type: string; reason: string }>;
    type: string;
    reason: string;
    [metadata: string]: unknown;
  };
  status: number;
}

/**
 * The structured form `ElasticsearchException.generateFailureXContent` writes.
 * `metadata` keys are written without their `es.` prefix, in the root cause too.
 */
export function structuredErrorBody(
  status: number,
  type: string,
  reason: string,
  metadata: Record<string, unknown> = {},
): EsErrorBody {
  const cause = { type, reason, ...metadata };
  return { error: { root_cause: [cause], ...cause }, status };
}

/**
 * The flat form the REST dispatcher writes for its own errors (405, 406,
 * disabled error traces): `{"error":"<msg>","status":N}` (docs §5.4).
 */
export function flatErrorBody(status: number, message: string): { error: string; status: number } {
  return { error: message, status };
}

/** "No handler" answers carry no `status` field at all (docs §5.1). */
export function noHandlerBody(method: string, uri: string): { error: string } {
  return { error: `no handler found for uri [${uri}] and method [${method}]` };
}
