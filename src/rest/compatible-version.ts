/**
 * The REST API compatibility checks Elasticsearch makes while it builds the
 * request, before any handler (RestRequest constructor): an `Accept` it
 * cannot parse, and `compatible-with=N` versions it does not serve
 * (RestCompatibleVersionHelper.getCompatibleVersion). Both are answered 400
 * `media_type_header_exception` with the reason as `caused_by`.
 */
import { parseContentType, ParsedContentType } from './content-type';
import { EsRejectionWithCause } from './rejections';

/** Cheap pre-check: only requests that name a compatible version need the cluster's major. */
export function mentionsCompatibleWith(accept: string | undefined, contentType: string | undefined): boolean {
  return (accept?.includes('compatible-with') ?? false) || (contentType?.includes('compatible-with') ?? false);
}

function mediaTypeHeaderException(headers: string, cause: { type: string; reason: string }): EsRejectionWithCause {
  return new EsRejectionWithCause(400, 'media_type_header_exception', `Invalid media-type value on headers [${headers}]`, cause);
}

/** `parseHeaderWithMediaType(headers, "Accept")` failing: 400 naming [Accept]. */
export function acceptHeaderRejection(raw: string | undefined): EsRejectionWithCause | null {
  const parsed = parseContentType(raw);
  if (parsed.kind !== 'malformed') return null;
  return mediaTypeHeaderException('Accept', { type: 'illegal_argument_exception', reason: parsed.problem.replace('[Content-Type]', '[Accept]') });
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
  const fail = (reason: string) => mediaTypeHeaderException('Accept, Content-Type', { type: 'status_exception', reason });

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
