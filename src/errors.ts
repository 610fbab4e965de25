/**
 * The proxy's error hierarchy. Decisions are taken on `name` (and the stable
 * `code`), never on message text: a rule rejection is answered as
 * Elasticsearch answers it, a failed metadata read fails closed with 503,
 * an unreachable cluster is a 502, and a refused read is relayed verbatim.
 */
import { structuredErrorBody, flatErrorBody, noHandlerBody, EsErrorBody } from './es/error-body';

export abstract class GuardError extends Error {
  abstract readonly code: string;
  abstract readonly statusCode: number;
  /** Extra response headers (for example `Allow`, `Retry-After`). */
  readonly headers: Record<string, string> = {};
  abstract body(): unknown;
}

/**
 * The answer Elasticsearch itself gives for a request it refuses; the proxy
 * sends it in the cluster's place. Always a 4xx (docs §5.4 table).
 */
export class EsRejection extends GuardError {
  override readonly name = 'EsRejection';
  readonly code = 'ES_REJECTION';
  constructor(
    readonly statusCode: number,
    readonly type: string,
    readonly reason: string,
    readonly metadata: Record<string, unknown> = {},
  ) {
    super(reason);
  }
  body(): EsErrorBody {
    return structuredErrorBody(this.statusCode, this.type, this.reason, this.metadata);
  }
}

/** A dispatcher-level refusal written in the flat `{"error":"..","status":N}` form (docs §5.1, docs §5.4). */
export class EsFlatRejection extends GuardError {
  override readonly name: string = 'EsFlatRejection';
  readonly code = 'ES_FLAT_REJECTION';
  constructor(readonly statusCode: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    Object.assign(this.headers, headers);
  }
  body(): { error: string; status: number } {
    return flatErrorBody(this.statusCode, this.message);
  }
}

/** No handler for the method and target: 400 `{"error":"no handler found for uri [..] and method [..]"}`, without `status` (docs §5.1). */
export class EsNoHandlerRejection extends EsFlatRejection {
  override readonly name = 'EsNoHandlerRejection';
  constructor(
    readonly method: string,
    readonly uri: string,
  ) {
    super(400, `no handler found for uri [${uri}] and method [${method}]`);
  }
  override body(): { error: string; status: number } {
    return noHandlerBody(this.method, this.uri) as { error: string; status: number };
  }
}

/**
 * A metadata read the guard needs did not give a trustworthy answer. The
 * change is not forwarded (fail closed): 503 with `Retry-After`.
 */
export class MetadataReadError extends GuardError {
  override readonly name = 'MetadataReadError';
  readonly code = 'METADATA_READ_FAILED';
  readonly statusCode = 503;
  constructor(
    /** Which read failed, for example `GET _ml/trained_models/<alias>`. */
    readonly read: string,
    /** What went wrong, without secrets: `connection refused`, `timeout`, `status 500`, `unexpected answer shape: ...`. */
    readonly problem: string,
    readonly retryAfterSeconds = 1,
  ) {
    super(`model-alias-guard could not verify the request: read [${read}] failed: ${problem}`);
    this.headers['Retry-After'] = String(retryAfterSeconds);
  }
  body(): EsErrorBody {
    return structuredErrorBody(503, 'model_alias_guard_metadata_unavailable_exception', this.message, {
      read: this.read,
    });
  }
}

/** The cluster could not be reached for a forwarded request. */
export class UpstreamUnavailableError extends GuardError {
  override readonly name = 'UpstreamUnavailableError';
  readonly code = 'UPSTREAM_UNAVAILABLE';
  readonly statusCode = 502;
  constructor(readonly problem: string) {
    super(`model-alias-guard could not reach the Elasticsearch cluster: ${problem}`);
  }
  body(): EsErrorBody {
    return structuredErrorBody(502, 'model_alias_guard_upstream_exception', this.message);
  }
}

/**
 * The cluster refused one of the guard's reads made with the caller's own
 * credentials (401/403). The cluster's answer is relayed as it is, so the
 * caller learns nothing it could not learn by asking the cluster directly.
 */
export class CallerNotAuthorizedError extends GuardError {
  override readonly name = 'CallerNotAuthorizedError';
  readonly code = 'CALLER_NOT_AUTHORIZED';
  constructor(
    readonly statusCode: number,
    readonly upstreamHeaders: Record<string, string | string[]>,
    readonly upstreamBody: Buffer,
  ) {
    super(`the cluster answered ${statusCode} to a read made with the caller's credentials`);
  }
  body(): Buffer {
    return this.upstreamBody;
  }
}

/**
 * The guard itself failed (a bug). Nothing was forwarded. A 500, so that it
 * is never mistaken for a rule verdict, and clients do not retry it blindly
 * as they would a 502/503/504.
 */
export class InternalGuardError extends GuardError {
  override readonly name = 'InternalGuardError';
  readonly code = 'GUARD_INTERNAL_ERROR';
  readonly statusCode = 500;
  constructor(problem: string) {
    super(`model-alias-guard failed while checking the request; nothing was forwarded: ${problem}`);
  }
  body(): EsErrorBody {
    return structuredErrorBody(500, 'model_alias_guard_internal_exception', this.message);
  }
}
