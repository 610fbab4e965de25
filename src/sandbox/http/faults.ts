/**
 * Injected faults of the control API (docs §7 test world): delay, drop, a status, a malformed body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EsError, errorBody } from '../rest/errors';
import { writeResponse } from '../rest/response';
import type { ActiveFault } from '../state/faults';
import type { LoggedRequest } from '../state/request-log';
import type { SandboxCore } from '../server';
import { BodyReader, MAX_BUFFERED_BODY } from './body-reader';

export async function applyFault(core: SandboxCore, f: ActiveFault, req: IncomingMessage, res: ServerResponse, entry: LoggedRequest): Promise<boolean> {
  // A client that gave up during the delay gets nothing: there is no one left to answer.
  if (f.delayMs && f.delayMs > 0 && !(await waitWhileClientStays(req, f.delayMs))) return true;
  if (f.drop) {
    // read what was sent (so the log has it), then cut the connection without answering
    await new BodyReader(req, entry).readAll(MAX_BUFFERED_BODY).catch(() => undefined);
    req.socket.destroy();
    return true;
  }
  if (f.status === undefined && f.malformed === undefined) return false;
  await new BodyReader(req, entry).readAll(MAX_BUFFERED_BODY).catch(() => undefined);
  const headers: Record<string, string> = { ...(f.headers ?? {}) };
  if (core.features.productHeader) headers['X-elastic-product'] ??= 'Elasticsearch';
  let status = f.status ?? 200;
  let payload: Buffer;
  let contentType: string = core.features.jsonContentType;
  if (f.malformed === 'non_json') {
    status = f.status ?? 200;
    payload = Buffer.from('<html><body>502 Bad Gateway, or something that is not JSON</body></html>');
    contentType = 'text/html';
  } else if (f.malformed === 'wrong_shape') {
    payload = Buffer.from(JSON.stringify({ unexpected: 'shape', items: 42 }));
  } else if (f.malformed === 'truncated') {
    payload = Buffer.from('{"count":1,"trained_model_configs":[{"model_id":"');
  } else if (f.body === undefined) {
    const e = new EsError(status, status >= 500 ? 'exception' : 'status_exception', `sandbox injected fault [${status}]`);
    payload = Buffer.from(JSON.stringify(errorBody(e)));
  } else if (typeof f.body === 'string') {
    payload = Buffer.from(f.body);
    if (!f.headers?.['content-type'] && !f.headers?.['Content-Type']) contentType = 'text/plain; charset=UTF-8';
  } else {
    payload = Buffer.from(JSON.stringify(f.body));
  }
  writeResponse(res, { status, headers, body: payload, contentType: f.headers?.['Content-Type'] ?? f.headers?.['content-type'] ?? contentType, gzip: false, head: req.method === 'HEAD' });
  return true;
}

/**
 * Waits `ms` unless the client's connection closes first (the proxy timed
 * out, the sandbox is shutting down); resolves whether the client is still
 * there. The timer never outlives the connection it serves, so a closed
 * sandbox leaves nothing pending.
 */
function waitWhileClientStays(req: IncomingMessage, ms: number): Promise<boolean> {
  const socket = req.socket;
  if (socket.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const gone = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      socket.off('close', gone);
      resolve(true);
    }, ms);
    socket.once('close', gone);
  });
}
