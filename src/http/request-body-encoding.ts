/**
 * A guarded request's body as Elasticsearch's HTTP layer hands it to the
 * REST layer (docs §8.1): Netty's `HttpContentDecompressor` sits between the
 * request decoder and the aggregator, so
 *
 * - `Content-Encoding` `gzip`/`x-gzip` (gzip) and `deflate`/`x-deflate`
 *   (zlib-wrapped or raw deflate) are decoded, the value trimmed and compared
 *   case-insensitively; `identity` and an absent header leave the body alone;
 * - any other value (`br`, `zstd`, a list such as `gzip, deflate`) gets no
 *   decoder: the bytes reach the handler as they came, and are judged as such;
 *   `snappy` is decoded by Netty but not by Node, so the proxy refuses it
 *   (it cannot read what the cluster would act on: fail closed);
 * - `http.max_content_length` is enforced by the aggregator, after the
 *   decompressor, on the DECODED size;
 * - a corrupt stream fails in the pipeline: no answer, the connection closed.
 *
 * The guard decides on the decoded body and forwards the original bytes.
 */
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

export type DecodedBody =
  | { ok: true; bytes: Buffer }
  /** The decoded body would be larger than the limit. */
  | { ok: false; problem: 'too_large' }
  /** The stream cannot be decoded: Elasticsearch closes the connection without an answer. */
  | { ok: false; problem: 'corrupt' }
  /** An encoding Elasticsearch decodes but the proxy cannot (snappy). */
  | { ok: false; problem: 'unsupported'; encoding: string };

/** Netty's `HttpContentDecoder` reads the header's single value, trimmed. */
export function requestBodyEncoding(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim().toLowerCase();
  return value === '' || value === 'identity' ? undefined : value;
}

export function decodeRequestBody(bytes: Buffer, encoding: string | undefined, limitBytes: number): DecodedBody {
  if (encoding === undefined || bytes.length === 0) return { ok: true, bytes };
  const options = { maxOutputLength: Math.max(limitBytes, 1) };
  try {
    switch (encoding) {
      case 'gzip':
      case 'x-gzip':
        return fits(gunzipSync(bytes, options), limitBytes);
      case 'deflate':
      case 'x-deflate':
        // ZlibWrapper.ZLIB_OR_NONE: a zlib header when there is one, else raw deflate.
        return fits(hasZlibHeader(bytes) ? inflateSync(bytes, options) : inflateRawSync(bytes, options), limitBytes);
      case 'snappy':
        return { ok: false, problem: 'unsupported', encoding };
      default:
        return { ok: true, bytes };
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, problem: 'too_large' };
    return { ok: false, problem: 'corrupt' };
  }
}

function fits(decoded: Buffer, limitBytes: number): DecodedBody {
  return decoded.length > limitBytes ? { ok: false, problem: 'too_large' } : { ok: true, bytes: decoded };
}

/** RFC 1950 §2.2: CM = 8 and (CMF·256 + FLG) a multiple of 31. */
function hasZlibHeader(bytes: Buffer): boolean {
  if (bytes.length < 2) return false;
  return (bytes[0]! & 0x0f) === 8 && (bytes[0]! * 256 + bytes[1]!) % 31 === 0;
}
