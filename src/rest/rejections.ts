/**
 * The answers Elasticsearch's REST layer gives before (or instead of) running
 * a handler, built with the error classes of `src/errors.ts`.
 */
import { EsFlatRejection, EsRejection } from '../errors';
import { EsErrorBody } from '../es/error-body';

/** Either form of an answer given in Elasticsearch's name. */
export type EsGuardRejection = EsRejection | EsFlatRejection;


/** The `{type, reason}` of a Java cause, rendered as `caused_by` (docs §5.4). */
export interface EsCause {
  type: string;
  reason: string;
}

/**
 * A structured rejection whose top-level error carries a `caused_by`. The
 * root cause does not repeat it: `generateFailureXContent` renders root causes
 * with `rest.exception.skip_cause` (`ElasticsearchException.java` @002f6ba4).
 */
export class EsRejectionWithCause extends EsRejection {
  constructor(statusCode: number, type: string, reason: string, readonly causedBy: EsCause) {
    super(statusCode, type, reason);
  }
  override body(): EsErrorBody {
    const body = super.body();
    body.error['caused_by'] = { type: this.causedBy.type, reason: this.causedBy.reason };
    return body;
  }
}

/** 400 `illegal_argument_exception` with `reason` (parameter and body errors, docs §5.3). */
export function illegalArgument(reason: string): EsRejection {
  return new EsRejection(400, 'illegal_argument_exception', reason);
}

/**
 * How `AbstractHttpServerTransport.handleIncomingRequest` answers a request
 * whose query string could not be decoded: `RestRequest.params` wraps the
 * `IllegalArgumentException` in `RestRequest.BadParameterException`, the
 * request is rebuilt without parameters and `RestController.dispatchBadRequest`
 * sends it with status 400, no handler is looked up.
 *
 * `BadParameterException(cause)` is a plain `RuntimeException`, so its message
 * is Java's `cause.toString()` (`java.lang.IllegalArgumentException: <msg>`);
 * `guessRootCauses` wraps it under its own type name, and `caused_by` is the
 * IllegalArgumentException. The rebuilt request has no parameters, so
 * `error_trace`, `pretty` and `filter_path` have no effect on this answer.
 */
export function badParameter(illegalArgumentMessage: string): EsRejectionWithCause {
  return new EsRejectionWithCause(
    400,
    'bad_parameter_exception',
    `java.lang.IllegalArgumentException: ${illegalArgumentMessage}`,
    { type: 'illegal_argument_exception', reason: illegalArgumentMessage },
  );
}
