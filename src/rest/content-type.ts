/**
 * What Elasticsearch makes of a request's `Content-Type` (docs §2
 * step 2, docs §5.1).
 *
 * 1. `RestRequest`'s constructor parses the header whether or not there is a
 *    body (`ParsedMediaType.parseMediaType`, libs/x-content @1180f45e). A
 *    malformed value fails request creation with `MediaTypeHeaderException`,
 *    answered before routing by `dispatchBadRequest`: 400
 *    `media_type_header_exception` "Invalid media-type value on headers
 *    [Content-Type]", caused by the parser's `IllegalArgumentException`.
 * 2. When there is a body (content length > 0), `RestController.dispatchRequest`
 *    answers 406 in the flat form unless the type is an x-content type that is
 *    not browser-safelisted: "Content-Type header is missing" or
 *    "Content-Type header [<value>] is not supported".
 *
 * The x-content table is the 8.x `XContentType` media-type registry: JSON
 * (`application/json`, `application/x-ndjson`, `application/*`), SMILE, YAML,
 * CBOR, and the `application/vnd.elasticsearch+…` forms whose
 * `compatible-with` must be digits. Parameters ES does not register are
 * accepted (the registry's documented TODO). NOT modelled: the
 * `compatible-with` version checks of `RestCompatibleVersionHelper` (they need
 * the Accept header too), and multi-valued headers.
 */
import { EsFlatRejection } from '../errors';
import { EsRejectionWithCause } from './rejections';
import { javaTrim } from './java-string';
import { isJavaWhitespace } from './param-boolean';

// RFC 7230 tchar, with ES's `A-z` typo kept (it also admits [ \ ] ^ _ `).
const TCHAR = /^[a-zA-z0-9!#$%&'*+\-.^_`|~]+$/;

export type ParsedContentType =
  | { kind: 'absent' }
  /** A comma list or `*\/*`: ES parses it as "no media type". */
  | { kind: 'unparsed' }
  | { kind: 'media'; essence: string; parameters: Map<string, string> }
  | { kind: 'malformed'; problem: string };


/** Java `String.split(regex)`: trailing empty strings are removed. */
function javaSplit(s: string, separator: RegExp): string[] {
  const parts = s.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}


export function parseContentType(raw: string | undefined): ParsedContentType {
  if (raw === undefined) return { kind: 'absent' };
  // RestRequest.parseHeaderWithMediaType: Strings.hasText, else "cannot be empty".
  if (raw.length === 0 || [...raw].every((ch) => isJavaWhitespace(ch.charCodeAt(0)))) {
    return { kind: 'malformed', problem: 'Header [Content-Type] cannot be empty.' };
  }
  if (raw.includes(',') || raw === '*/*') return { kind: 'unparsed' };
  const elements = javaSplit(raw.toLowerCase(), /[ \t\n\u000b\f\r]*;/); // Java's \s is ASCII-only
  const typeAndSubtype = javaSplit(elements[0] ?? '', /\//);
  if (
    typeAndSubtype.length !== 2 ||
    !TCHAR.test(javaTrim(typeAndSubtype[0]!)) ||
    !TCHAR.test(javaTrim(typeAndSubtype[1]!))
  ) {
    return { kind: 'malformed', problem: `invalid media-type [${raw}]` };
  }
  const parameters = new Map<string, string>();
  for (let i = 1; i < elements.length; i++) {
    const parameter = javaTrim(elements[i]!);
    if (parameter.length === 0) continue;
    const keyValue = javaSplit(parameter, /=/);
    const key = keyValue[0];
    const value = keyValue[1];
    if (
      keyValue.length !== 2 ||
      key === undefined ||
      value === undefined ||
      key.length === 0 ||
      isJavaWhitespace(key.charCodeAt(key.length - 1)) ||
      value.length === 0 ||
      isJavaWhitespace(value.charCodeAt(0))
    ) {
      return { kind: 'malformed', problem: `invalid parameters for header [${raw}]` };
    }
    parameters.set(javaTrim(key), javaTrim(value));
  }
  return { kind: 'media', essence: `${javaTrim(typeAndSubtype[0]!)}/${javaTrim(typeAndSubtype[1]!)}`, parameters };
}

/** 400 `media_type_header_exception` when the header cannot be parsed at all, else null. */
export function contentTypeHeaderRejection(raw: string | undefined): EsRejectionWithCause | null {
  const parsed = parseContentType(raw);
  if (parsed.kind !== 'malformed') return null;
  return new EsRejectionWithCause(400, 'media_type_header_exception', 'Invalid media-type value on headers [Content-Type]', {
    type: 'illegal_argument_exception',
    reason: parsed.problem,
  });
}

const PLAIN_XCONTENT = new Set([
  'application/json',
  'application/x-ndjson',
  'application/*',
  'application/smile',
  'application/yaml',
  'application/cbor',
]);
const VENDOR_XCONTENT = new Set([
  'application/vnd.elasticsearch+json',
  'application/vnd.elasticsearch+x-ndjson',
  'application/vnd.elasticsearch+smile',
  'application/vnd.elasticsearch+yaml',
  'application/vnd.elasticsearch+cbor',
]);
/** `RestController.SAFELISTED_MEDIA_TYPES`: refused even though a handler might read them (CSRF guard). */
const SAFELISTED = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/** True when `getXContentType()` would be non-null: a registered type whose registered parameters validate. */
export function isXContentType(parsed: ParsedContentType): boolean {
  if (parsed.kind !== 'media') return false;
  if (PLAIN_XCONTENT.has(parsed.essence)) return true;
  if (VENDOR_XCONTENT.has(parsed.essence)) {
    const compatibleWith = parsed.parameters.get('compatible-with');
    return compatibleWith === undefined || /^\d+$/.test(compatibleWith);
  }
  return false;
}

/** The x-content format a media type names (`XContentType.fromMediaType`), or undefined when it names none. */
export type XContentFormat = 'json' | 'smile' | 'yaml' | 'cbor';

export function xContentFormat(raw: string | undefined): XContentFormat | undefined {
  const parsed = parseContentType(raw);
  if (parsed.kind !== 'media' || !isXContentType(parsed)) return undefined;
  const subtype = parsed.essence.slice(parsed.essence.indexOf('/') + 1).replace(/^vnd\.elasticsearch\+/, '');
  if (subtype === 'smile' || subtype === 'yaml' || subtype === 'cbor') return subtype;
  // application/json, application/x-ndjson, application/* and their vendor forms.
  return 'json';
}

/**
 * The 406 of `RestController.dispatchRequest` for a request WITH a body, or
 * null when the body's type is acceptable. Call only after
 * `contentTypeHeaderRejection` returned null.
 */
export function contentTypeGateRejection(raw: string | undefined): EsFlatRejection | null {
  const parsed = parseContentType(raw);
  if (parsed.kind === 'absent') return new EsFlatRejection(406, 'Content-Type header is missing');
  const safelisted = parsed.kind === 'media' && SAFELISTED.has(parsed.essence);
  if (safelisted || !isXContentType(parsed)) {
    return new EsFlatRejection(406, `Content-Type header [${raw}] is not supported`);
  }
  return null;
}
