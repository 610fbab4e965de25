/**
 * The REST API compatibility checks Elasticsearch makes while it builds the
 * request, before any handler (RestRequest constructor): an `Accept` it
 * cannot parse, and `compatible-with=N` versions it does not serve
 * (RestCompatibleVersionHelper.getCompatibleVersion). Both are answered 400
 * `media_type_header_exception` with the reason as `caused_by`.
 *
 * The answer's own media type: Elasticsearch rebuilds the request without
 * the headers that failed (`AbstractHttpServerTransport.handleIncomingRequest`,
 * `requestWithoutFailedHeader(..., e.getFailedHeaderNames())`) and the
 * channel then picks the response type from `format`, else Accept, else the
 * request's Content-Type, else JSON (`AbstractRestChannel.newBuilder`). So an
 * unserved `compatible-with` version (both headers fail) is answered
 * `application/json`, never labelled with the version it rejects; a failed
 * Accept alone is labelled after the surviving Content-Type. (`format` is not
 * reproduced: the proxy's own answers are JSON, see the README.)
 */
import { parseContentType, ParsedContentType } from './content-type';
import { EsRejectionWithCause } from './rejections';
import { answerContentType } from '../http/media-type';

/** The media type the answer carries once `failed` headers are dropped. */
function withoutFailedHeaders(rejection: EsRejectionWithCause, survivingContentType: string | undefined): EsRejectionWithCause {
  // answerContentType reads a compatible-with vendor type as Elasticsearch's channel does; anything else is JSON.
  rejection.headers['content-type'] = answerContentType(survivingContentType);
  return rejection;
}

/** Cheap pre-check: only requests that name a compatible version need the cluster's major. */
export function mentionsCompatibleWith(accept: string | undefined, contentType: string | undefined): boolean {
  return (accept?.includes('compatible-with') ?? false) || (contentType?.includes('compatible-with') ?? false);
}

function mediaTypeHeaderException(headers: string, cause: { type: string; reason: string }): EsRejectionWithCause {
  return new EsRejectionWithCause(400, 'media_type_header_exception', `Invalid media-type value on headers [${headers}]`, cause);
}

/**
 * `parseHeaderWithMediaType(headers, "Accept")` failing: 400 naming [Accept],
 * labelled after the request's Content-Type (`contentTypeRaw`), the header that survives.
 */
export function acceptHeaderRejection(raw: string | undefined, contentTypeRaw?: string): EsRejectionWithCause | null {
  const parsed = parseContentType(raw);
  if (parsed.kind !== 'malformed') return null;
  const rejection = mediaTypeHeaderException('Accept', { type: 'illegal_argument_exception', reason: parsed.problem.replace('[Content-Type]', '[Accept]') });
  return withoutFailedHeaders(rejection, contentTypeRaw);
}

/** `Byte.parseByte` of the `compatible-with` parameter; undefined when absent or not a number the cluster could read. */
function versionOf(parsed: ParsedContentType): number | undefined {
  if (parsed.kind !== 'media') return undefined;
  const value = parsed.parameters.get('compatible-with');
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return undefined;
  const version = Number(value);
  return version >= -128 && version <= 127 ? version : undefined;
}

/**
 * RestCompatibleVersionHelper.getCompatibleVersion for a cluster of major
 * `current` (which serves `current` and, from 8.0 on, `current - 1`). Messages use the
 * header values as sent (ParsedMediaType.toString is the original value).
 */
export function compatibleVersionRejection(
  acceptRaw: string | undefined,
  contentTypeRaw: string | undefined,
  hasContent: boolean,
  current: number,
): EsRejectionWithCause | null {
  const accept = parseContentType(acceptRaw);
  const contentType = parseContentType(contentTypeRaw);
  const aVersion = versionOf(accept);
  const cVersion = versionOf(contentType);
  const acceptVersion = aVersion ?? current;
  const contentVersion = cVersion ?? current;
  // REST compatibility with the previous major came with 8.0: a 7.x cluster serves 7 only.
  const minimum = current >= 8 ? current - 1 : current;
  const shown = (raw: string | undefined, parsed: ParsedContentType) => (parsed.kind === 'media' ? raw : 'null');
  const acceptShown = shown(acceptRaw, accept);
  const contentShown = shown(contentTypeRaw, contentType);
  // Both headers fail together, so neither labels the answer: plain JSON.
  const fail = (reason: string) => withoutFailedHeaders(mediaTypeHeaderException('Accept, Content-Type', { type: 'status_exception', reason }), undefined);

  if (acceptVersion > current || acceptVersion < minimum) {
    return fail(`Accept version must be either version ${current} or ${minimum}, but found ${acceptVersion}. Accept=${acceptShown}`);
  }
  if (hasContent) {
    if (contentVersion > current || contentVersion < minimum) {
      return fail(`Content-Type version must be either version ${current} or ${minimum}, but found ${contentVersion}. Content-Type=${contentShown}`);
    }
    if (contentVersion !== acceptVersion) {
      return fail(
        'A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version ' +
          `and the compatible versions must match. Accept=${acceptShown}, Content-Type=${contentShown}`,
      );
    }
    if ((cVersion === undefined) !== (aVersion === undefined)) {
      return fail(
        'A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version. ' +
          `Accept=${acceptShown}, Content-Type=${contentShown}`,
      );
    }
  }
  return null;
}
