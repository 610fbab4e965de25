/**
 * Media types: ES's `ParsedMediaType.parseMediaType`, `RestCompatibleVersionHelper` and the
 * Content-Type gate of `RestController.dispatchRequest` (docs §2 step 2, docs §5.6).
 * Read from elastic/elasticsearch source (libs/x-content ParsedMediaType.java,
 * server/.../rest/RestCompatibleVersionHelper.java) with the search tools.
 */
import { EsError, FlatError } from './errors';

export interface ParsedMediaType {
  original: string;
  type: string;
  subType: string;
  params: Record<string, string>;
}

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9a-zA-Z]+$/;

export class MediaTypeParseError extends Error {}

/**
 * Returns null when absent, a media range (any ","), or "*\/*" — ES ignores those
 * (so the JS client's `Accept: ...compatible-with=8,text/plain` counts as no Accept).
 */
export function parseMediaType(header: string | undefined): ParsedMediaType | null {
  if (header === undefined) return null;
  if (header.includes(',') || header === '*/*') return null;
  const elements = header.toLowerCase().split(';');
  const split = elements[0]!.split('/');
  if (!(split.length === 2 && TCHAR.test(split[0]!.trim()) && TCHAR.test(split[1]!.trim()))) {
    throw new MediaTypeParseError(`invalid media-type [${header}]`);
  }
  const params: Record<string, string> = {};
  for (let i = 1; i < elements.length; i++) {
    const p = elements[i]!.trim();
    if (p.length === 0) continue;
    const kv = p.split('=');
    if (kv.length !== 2 || /\s$/.test(kv[0]!) || kv[0]!.length === 0 || /^\s/.test(kv[1]!) || kv[1]!.length === 0) {
      throw new MediaTypeParseError(`invalid parameters for header [${header}]`);
    }
    params[kv[0]!.trim()] = kv[1]!.trim();
  }
  return { original: header, type: split[0]!.trim(), subType: split[1]!.trim(), params };
}

export type XContent = 'json' | 'ndjson' | 'smile' | 'yaml' | 'cbor';

/** XContentType registry: which request content types are x-content. */
export function xContentOf(m: ParsedMediaType | null): XContent | null {
  if (!m) return null;
  const t = `${m.type}/${m.subType}`;
  switch (t) {
    case 'application/json':
    case 'application/vnd.elasticsearch+json':
    case 'application/*':
      return 'json';
    case 'application/x-ndjson':
    case 'application/vnd.elasticsearch+x-ndjson':
      return 'ndjson';
    case 'application/smile':
    case 'application/vnd.elasticsearch+smile':
      return 'smile';
    case 'application/yaml':
    case 'application/vnd.elasticsearch+yaml':
      return 'yaml';
    case 'application/cbor':
    case 'application/vnd.elasticsearch+cbor':
      return 'cbor';
    default:
      return null;
  }
}

const SAFELISTED = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * The 406 gate (docs §2 step 2): a body with a missing, non-x-content or browser-safelisted
 * Content-Type. Only x-content JSON/NDJSON are actually parsed by the sandbox.
 */
export function contentTypeGate(rawHeader: string | string[] | undefined, parsed: ParsedMediaType | null): void {
  const values = rawHeader === undefined ? [] : Array.isArray(rawHeader) ? rawHeader : [rawHeader];
  const bad = (): never => {
    if (values.length === 0 || values.every((v) => v.length === 0)) throw new FlatError(406, 'Content-Type header is missing');
    throw new FlatError(406, `Content-Type header [${values.join(',')}] is not supported`);
  };
  if (!parsed) bad();
  if (SAFELISTED.has(`${parsed!.type}/${parsed!.subType}`)) bad();
  if (xContentOf(parsed) === null) bad();
}

/**
 * `RestCompatibleVersionHelper.getCompatibleVersion` (read from ES source). Returns the
 * compatible-with major requested (for the answer's media type) or throws a
 * media_type_header_exception (400) whose cause is the status_exception below.
 */
export function checkCompatibleVersion(
  accept: ParsedMediaType | null,
  contentType: ParsedMediaType | null,
  hasContent: boolean,
  currentMajor: number,
  minimumMajor: number,
): number {
  const parseVer = (m: ParsedMediaType | null): number | null => {
    if (!m) return null;
    const v = m.params['compatible-with'];
    if (v === undefined) return null;
    if (!/^[+-]?\d+$/.test(v) || Math.abs(Number(v)) > 127) throw new MediaTypeParseError(`For input string: "${v}"`);
    return Number(v);
  };
  const aVersion = parseVer(accept);
  const cVersion = parseVer(contentType);
  const acceptVersion = aVersion ?? currentMajor;
  const contentVersion = cVersion ?? currentMajor;
  const fail = (msg: string): never => {
    throw compatError(msg);
  };
  if (acceptVersion > currentMajor || acceptVersion < minimumMajor) {
    fail(`Accept version must be either version ${currentMajor} or ${minimumMajor}, but found ${acceptVersion}. Accept=${accept?.original ?? 'null'}`);
  }
  if (hasContent) {
    if (contentVersion > currentMajor || contentVersion < minimumMajor) {
      fail(`Content-Type version must be either version ${currentMajor} or ${minimumMajor}, but found ${contentVersion}. Content-Type=${contentType?.original ?? 'null'}`);
    }
    if (contentVersion !== acceptVersion) {
      fail(
        'A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version ' +
          `and the compatible versions must match. Accept=${accept?.original ?? 'null'}, Content-Type=${contentType?.original ?? 'null'}`,
      );
    }
    if ((cVersion === null && aVersion !== null) || (aVersion === null && cVersion !== null)) {
      fail(
        'A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version. ' +
          `Accept=${accept?.original ?? 'null'}, Content-Type=${contentType?.original ?? 'null'}`,
      );
    }
  }
  return acceptVersion;
}

/**
 * `RestRequest.MediaTypeHeaderException`: a plain RuntimeException wrapping the cause, so it is
 * its own root cause. The failed header set is a Java `Set.of(...)` with unstable order;
 * we print "[Accept, Content-Type]" [decision].
 */
export function mediaTypeHeaderError(headers: string[], cause: EsError | { type: string; reason: string }): EsError {
  const c = cause instanceof EsError ? cause.cause_() : cause;
  return new EsError(400, 'media_type_header_exception', `Invalid media-type value on headers [${headers.join(', ')}]`, { causedBy: c });
}

function compatError(msg: string): EsError {
  return new EsError(400, 'status_exception', msg);
}
