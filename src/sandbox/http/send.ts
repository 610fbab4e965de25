/**
 * Renders a handler's reply as Elasticsearch does (docs §5.5, docs §5.6): product header, opaque
 * id, Warning headers, pretty / filter_path, compatible-with content type, gzip.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatWarning, serializeJson, writeResponse } from '../rest/response';
import type { Reply } from '../handlers/types';
import type { SandboxCore } from '../server';
import { headerOne } from './body-reader';

export interface SendOptions {
  pretty: boolean;
  filterPath: string | undefined;
  compatMajor: number | null;
}

export function sendReply(core: SandboxCore, req: IncomingMessage, res: ServerResponse, reply: Reply, o: SendOptions): void {
  const status = reply.status ?? 200;
  const headers: Record<string, string | string[]> = {};
  // X-elastic-product on every dispatched answer since 7.14, but not on 401s (docs §5.6)
  if (core.features.productHeader && status !== 401) headers['X-elastic-product'] = 'Elasticsearch';
  const opaque = req.headers['x-opaque-id'];
  if (opaque !== undefined) headers['X-Opaque-Id'] = opaque; // echoed [decision, docs §5.6 unverified]
  if (reply.warnings && reply.warnings.length > 0) {
    const uniq = [...new Set(reply.warnings)];
    headers['Warning'] = uniq.map((w) => formatWarning(core.config.version.number, core.config.version.buildHash, w));
  }
  for (const [k, v] of Object.entries(reply.headers ?? {})) headers[k] = v;
  let payload: Buffer;
  let contentType: string | undefined = reply.contentType;
  if (reply.raw !== undefined) {
    payload = typeof reply.raw === 'string' ? Buffer.from(reply.raw) : reply.raw;
  } else if (reply.body !== undefined) {
    payload = serializeJson(reply.body, o.pretty, o.filterPath);
    contentType ??= o.compatMajor !== null ? `application/vnd.elasticsearch+json;compatible-with=${o.compatMajor}` : core.features.jsonContentType;
  } else {
    payload = Buffer.alloc(0);
  }
  const ae = headerOne(req.headers['accept-encoding']) ?? '';
  const gzip = /\bgzip\b/i.test(ae);
  writeResponse(res, { status, headers, body: payload, contentType, gzip, head: req.method === 'HEAD' });
}
