/**
 * Elasticsearch's error shapes (docs §5.4), rendered by the sandbox.
 * Independent of src/es/error-body.ts on purpose: the sandbox checks the proxy.
 */

export interface ErrorCause {
  type: string;
  reason: string;
  /** Metadata printed without the `es.` prefix, e.g. `license.expired.feature`. */
  metadata?: Record<string, unknown>;
  /** Exception headers: rendered under "header" and copied to the HTTP answer. */
  headers?: Record<string, string[]>;
  causedBy?: ErrorCause;
  /** A plain Java exception (not an ElasticsearchException): root-cause guessing stops at it. */
  java?: boolean;
}

/** A structured Elasticsearch exception answer. */
export class EsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly reason: string,
    readonly extra: Omit<ErrorCause, 'type' | 'reason'> = {},
  ) {
    super(reason);
  }

  cause_(): ErrorCause {
    return { type: this.type, reason: this.reason, ...this.extra };
  }
}

/** The dispatcher's flat `{"error":"msg","status":N}` form (405, 406, ...). */
export class FlatError extends Error {
  constructor(
    readonly status: number,
    readonly message_: string,
    readonly headers: Record<string, string> = {},
    /** "no handler" answers carry no status field (docs §5.1). */
    readonly withStatus = true,
  ) {
    super(message_);
  }

  body(): Record<string, unknown> {
    return this.withStatus ? { error: this.message_, status: this.status } : { error: this.message_ };
  }
}

function causeObject(c: ErrorCause, withHeader: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = { type: c.type, reason: c.reason, ...(c.metadata ?? {}) };
  if (c.causedBy) o.caused_by = causeObject(c.causedBy, false);
  if (withHeader && c.headers) o.header = Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
  return o;
}

/**
 * `ElasticsearchException.generateFailureXContent`: root_cause holds the innermost
 * Elasticsearch exception (a plain Java exception wrapping one still roots at itself,
 * see media_type_header_exception), then the top level with caused_by and header.
 */
export function errorBody(e: EsError, errorTrace = false): Record<string, unknown> {
  const top = e.cause_();
  // `guessRootCauses`: an ElasticsearchException descends into an ElasticsearchException cause;
  // a plain Java exception (illegal_argument, media_type_header, bad_parameter) is its own root.
  let root: ErrorCause = top;
  while (!isJava(root) && root.causedBy && !isJava(root.causedBy)) root = root.causedBy;
  const rootObj = causeObject({ ...root, causedBy: undefined }, true);
  const topObj = causeObject(top, true);
  if (errorTrace) topObj.stack_trace = `${sampleJavaClass(top.type)}: ${top.reason}\n\tat org.elasticsearch.sandbox(Sandbox.java)`;
  return { error: { root_cause: [rootObj], ...topObj }, status: e.status };
}

const JAVA_TYPES = new Set(['illegal_argument_exception', 'media_type_header_exception', 'bad_parameter_exception', 'illegal_state_exception']);
function isJava(c: ErrorCause): boolean {
  return c.java ?? JAVA_TYPES.has(c.type);
}

function sampleJavaClass(type: string): string {
  const camel = type.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return type === 'status_exception' ? 'org.elasticsearch.ElasticsearchStatusException' : `org.elasticsearch.${camel}`;
}

// ---- factories for the types of docs §5.4 ----

export const badRequest = (reason: string, extra: EsError['extra'] = {}): EsError => new EsError(400, 'status_exception', reason, extra);
export const statusException = (status: number, reason: string): EsError => new EsError(status, 'status_exception', reason);
export const illegalArgument = (reason: string): EsError => new EsError(400, 'illegal_argument_exception', reason);
export const resourceNotFound = (reason: string): EsError => new EsError(404, 'resource_not_found_exception', reason);
export const conflict = (reason: string): EsError => new EsError(409, 'status_exception', reason);

/** `ValidationException.getMessage`: "Validation Failed: 1: a;2: b;" (docs §2 step 6). */
export function validationError(errors: string[]): EsError {
  const reason = 'Validation Failed: ' + errors.map((e, i) => `${i + 1}: ${e};`).join('');
  return new EsError(400, 'action_request_validation_exception', reason);
}

export function missingTrainedModel(id: string): EsError {
  return resourceNotFound(`No known trained model with model_id [${id}]`);
}
