/**
 * Writing answers the way Elasticsearch does (docs §5.4–docs §5.6): JSON (optionally pretty and
 * filtered), Warning headers, X-elastic-product, X-Opaque-Id echo, gzip when asked,
 * chunked transfer for large bodies.
 */
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { applyFilterPath } from './filter-path';

/** Bodies above this are written in chunks without Content-Length. */
export const CHUNK_THRESHOLD = 256 * 1024;
const CHUNK_SIZE = 64 * 1024;

/**
 * Jackson's DefaultPrettyPrinter as Elasticsearch configures it
 * (JsonXContentGenerator.usePrettyPrint: `withObjectIndenter(INDENTER).withArrayIndenter(INDENTER)`,
 * INDENTER = two spaces and a line feed): objects and arrays both break lines,
 * `" : "` between name and value.
 */
export function prettyJson(v: unknown, indent = ''): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[ ]';
    return '[\n' + v.map((x) => inner + prettyJson(x, inner)).join(',\n') + `\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{ }';
  return '{\n' + entries.map(([k, x]) => `${inner}${JSON.stringify(k)} : ${prettyJson(x, inner)}`).join(',\n') + `\n${indent}}`;
}

/**
 * `HeaderWarning.formatWarning`: `299 Elasticsearch-<version>-<hash> "<text>"`, with `\` and
 * `"` backslash-escaped and characters outside qdtext (and `%`) percent-encoded as UTF-8.
 */
export function formatWarning(version: string, hash: string, text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  let out = '';
  for (const ch of escaped) {
    const c = ch.codePointAt(0)!;
    const ok = c === 0x09 || c === 0x20 || c === 0x21 || c === 0x22 || c === 0x5c || (c >= 0x23 && c <= 0x5b && c !== 0x25) || (c >= 0x5d && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
    if (ok) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return `299 Elasticsearch-${version}-${hash} "${out}"`;
}

export interface WriteOptions {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  contentType?: string;
  gzip: boolean;
  head: boolean;
}

export function serializeJson(body: unknown, pretty: boolean, filterPath: string | undefined): Buffer {
  let b = body;
  if (filterPath !== undefined && filterPath.length > 0 && b !== null && typeof b === 'object') b = applyFilterPath(b, filterPath);
  return Buffer.from(pretty ? prettyJson(b) + '\n' : JSON.stringify(b), 'utf8');
}

export function writeResponse(res: ServerResponse, o: WriteOptions): void {
  if (res.headersSent || res.destroyed) return;
  for (const [k, v] of Object.entries(o.headers)) res.setHeader(k, v);
  let body = o.body;
  if (o.contentType && body.length > 0) res.setHeader('Content-Type', o.contentType);
  else if (o.contentType && o.head) res.setHeader('Content-Type', o.contentType);
  if (o.gzip && body.length > 0) {
    body = gzipSync(body);
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Vary', 'Accept-Encoding');
  }
  res.statusCode = o.status;
  if (body.length <= CHUNK_THRESHOLD || o.head) {
    res.setHeader('Content-Length', String(body.length));
    res.end(o.head ? undefined : body);
    return;
  }
  // large answers go out chunked (no Content-Length), as ES streams big responses
  let off = 0;
  const pump = (): void => {
    while (off < body.length) {
      const chunk = body.subarray(off, off + CHUNK_SIZE);
      off += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  pump();
}
