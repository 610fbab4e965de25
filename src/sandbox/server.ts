/**
 * The sandbox's HTTP front: control API, request log, faults, then an Elasticsearch-like
 * dispatcher (docs §5): media types, authentication, routing, Content-Type gate,
 * `prepare`, leftover parameters and body, validation, authorization, execution.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import { EsError, FlatError, errorBody } from './rest/errors';
import { DecodeError, decodeComponent } from './rest/decode';
import { MediaTypeParseError, ParsedMediaType, checkCompatibleVersion, contentTypeGate, mediaTypeHeaderError, parseMediaType, xContentOf } from './rest/media';
import { RestParams, parseBool } from './rest/params';
import { decodeQueryString, splitUri } from './rest/query';
import { formatWarning, serializeJson, writeResponse } from './rest/response';
import { METHOD_ORDER, Method, RouteMatch, Router } from './rest/router';
import { HandlerContext, NodeInfo, Reply, RestRequest, RouteHandler, RouteSpec } from './handlers/types';
import { ClusterState } from './state/store';
import { RequestLog, LoggedRequest } from './state/request-log';
import { Faults, ActiveFault } from './state/faults';
import { Security, SecurityConfig, Principal } from './security/auth';
import { EsVersion, Features, features as featuresOf } from './version';
import { allRoutes } from './handlers/routes';
import { handleControl, ControlTarget } from './handlers/control';

/** ES's default `http.max_content_length` (100mb): buffered bodies above it get 413. */
export const MAX_BUFFERED_BODY = 100 * 1024 * 1024;

export interface ServerConfig {
  version: EsVersion;
  allocationDelayMs: number;
  security: SecurityConfig | null;
  license: 'basic' | 'trial';
  seed: ((s: SandboxCore) => void) | null;
}

export class SandboxCore implements ControlTarget {
  readonly features: Features;
  readonly state: ClusterState;
  readonly log = new RequestLog();
  readonly faults = new Faults();
  security: Security | null;
  readonly router = new Router<RouteHandler>();
  readonly node: NodeInfo;
  private readonly sockets = new Set<import('node:net').Socket>();

  constructor(readonly config: ServerConfig, host: string) {
    this.features = featuresOf(config.version);
    this.state = new ClusterState(this.features.modelType);
    this.state.license = config.license;
    this.security = config.security ? new Security(config.security) : null;
    this.node = {
      id: 'sAnDbOxNoDe0000000000A',
      name: 'sandbox-node-0',
      host,
      port: 0,
      ephemeralId: randomBytes(11).toString('hex'),
      transportAddress: `${host}:9300`,
    };
    for (const r of allRoutes(this.features, () => this.security)) this.addRoute(r);
    if (config.seed) config.seed(this);
  }

  private addRoute(r: RouteSpec): void {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    const paths = Array.isArray(r.path) ? r.path : [r.path];
    for (const m of methods) for (const p of paths) this.router.add(m, p, r.handler);
  }

  trackSocket(s: import('node:net').Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
  }

  destroySockets(): void {
    for (const s of this.sockets) s.destroy();
  }

  reset(): void {
    this.state.clear(this.features.modelType);
    this.state.license = this.config.license;
    this.faults.clear();
    this.log.clear();
    // security goes back to the start options (the control API may have changed it)
    this.security = this.config.security ? new Security(this.config.security) : null;
    if (this.config.seed) this.config.seed(this);
  }

  setSecurity(cfg: SecurityConfig | null): void {
    this.security = cfg ? new Security(cfg) : null;
  }

  handlerContext(principal: Principal | null): HandlerContext {
    return { state: this.state, version: this.config.version, features: this.features, node: this.node, allocationDelayMs: this.config.allocationDelayMs, principal };
  }

  // ------------------------------------------------------------------ entry

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (url === '/_sandbox' || url.startsWith('/_sandbox/') || url.startsWith('/_sandbox?')) {
      await handleControl(this, req, res);
      return;
    }
    const entry = this.log.start({ method: req.method ?? 'GET', url, httpVersion: req.httpVersion, headers: { ...req.headers }, rawHeaders: [...req.rawHeaders] });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    const fault = this.faults.take(req.method ?? 'GET', url);
    if (fault) {
      const handled = await this.applyFault(fault, req, res, entry);
      if (handled) return;
    }
    const body = new BodyReader(req, entry);
    try {
      await this.dispatch(req, res, url, body);
    } catch (e) {
      // last resort: never leave a request hanging
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('Content-Type', this.features.jsonContentType);
        res.end(JSON.stringify({ error: { root_cause: [{ type: 'exception', reason: String(e) }], type: 'exception', reason: String(e) }, status: 500 }));
      }
    } finally {
      body.drain();
    }
  }

  private async applyFault(f: ActiveFault, req: IncomingMessage, res: ServerResponse, entry: LoggedRequest): Promise<boolean> {
    if (f.delayMs && f.delayMs > 0) await new Promise((r) => setTimeout(r, f.delayMs));
    if (f.drop) {
      // read what was sent (so the log has it), then cut the connection without answering
      await new BodyReader(req, entry).readAll(MAX_BUFFERED_BODY).catch(() => undefined);
      req.socket.destroy();
      return true;
    }
    if (f.status === undefined && f.malformed === undefined) return false;
    await new BodyReader(req, entry).readAll(MAX_BUFFERED_BODY).catch(() => undefined);
    const headers: Record<string, string> = { ...(f.headers ?? {}) };
    if (this.features.productHeader) headers['X-elastic-product'] ??= 'Elasticsearch';
    let status = f.status ?? 200;
    let payload: Buffer;
    let contentType: string = this.features.jsonContentType;
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

  // ------------------------------------------------------------- dispatcher

  private async dispatch(req: IncomingMessage, res: ServerResponse, uri: string, body: BodyReader): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase() as Method;
    const { rawPath, rawQuery } = splitUri(uri);
    let pretty = false;
    let filterPath: string | undefined;
    let errorTrace = false;
    let compatMajor: number | null = null;
    const send = (reply: Reply): void => this.send(req, res, reply, { pretty, filterPath, compatMajor });
    // Exceptions are rendered without filter_path: AbstractRestChannel.newErrorBuilder
    // ("Disable filtering when building error responses"); pretty still applies.
    const sendUnfiltered = (reply: Reply): void => this.send(req, res, reply, { pretty, filterPath: undefined, compatMajor });
    const sendError = (e: unknown): void => {
      if (e instanceof FlatError) {
        sendUnfiltered({ status: e.status, body: e.body(), headers: e.headers });
      } else if (e instanceof EsError) {
        const headers: Record<string, string[]> = { ...(e.extra.headers ?? {}) };
        sendUnfiltered({ status: e.status, body: errorBody(e, errorTrace), headers });
      } else {
        const err = new EsError(500, 'exception', e instanceof Error ? e.message : String(e));
        sendUnfiltered({ status: 500, body: errorBody(err, errorTrace) });
      }
    };

    // 1. query string (a malformed escape is a bad request: BadParameterException wrapping
    //    the IllegalArgumentException, docs §5.2 [derived rendering])
    let query: Map<string, string>;
    try {
      query = decodeQueryString(rawQuery);
    } catch (e) {
      if (e instanceof DecodeError) {
        sendError(new EsError(400, 'bad_parameter_exception', `java.lang.IllegalArgumentException: ${e.message}`, { causedBy: { type: 'illegal_argument_exception', reason: e.message } }));
        return;
      }
      throw e;
    }
    pretty = query.has('pretty') && query.get('pretty') !== 'false';
    filterPath = query.get('filter_path');

    // 2. media types and compatible-with (RestRequest constructor → MediaTypeHeaderException)
    let accept: ParsedMediaType | null = null;
    let contentType: ParsedMediaType | null = null;
    try {
      accept = parseMediaType(headerOne(req.headers['accept']));
    } catch (e) {
      if (e instanceof MediaTypeParseError) return sendError(mediaTypeHeaderError(['Accept'], { type: 'illegal_argument_exception', reason: e.message }));
      throw e;
    }
    try {
      contentType = parseMediaType(headerOne(req.headers['content-type']));
    } catch (e) {
      if (e instanceof MediaTypeParseError) return sendError(mediaTypeHeaderError(['Content-Type'], { type: 'illegal_argument_exception', reason: e.message }));
      throw e;
    }

    // 3. routing first needs nothing from the body; we read it now unless the route streams
    let matches: Array<RouteMatch<RouteHandler>>;
    let decodeFailure: DecodeError | null = null;
    try {
      matches = this.router.match(rawPath);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      decodeFailure = e;
      matches = [];
    }
    const streaming = matches.some((m) => m.handlers.get(method)?.streamBody === true);
    let content: Buffer | null = null;
    let hasContent: boolean;
    if (streaming) {
      hasContent = body.announcesContent();
    } else {
      try {
        content = await body.readAll(MAX_BUFFERED_BODY);
      } catch (e) {
        if (e instanceof TooLarge) {
          writeResponse(res, { status: 413, headers: {}, body: Buffer.alloc(0), gzip: false, head: false });
          req.socket.destroy();
          return;
        }
        return sendError(new FlatError(400, `failed to read request body: ${(e as Error).message}`));
      }
      hasContent = content.length > 0;
    }

    try {
      compatMajor = checkCompatibleVersion(accept, contentType, hasContent, this.config.version.major, this.features.minimumCompatibleMajor);
    } catch (e) {
      if (e instanceof EsError) return sendError(mediaTypeHeaderError(['Accept', 'Content-Type'], e));
      if (e instanceof MediaTypeParseError) return sendError(mediaTypeHeaderError(['Accept', 'Content-Type'], { type: 'number_format_exception', reason: e.message }));
      throw e;
    }
    // only answer in the vendor type when the Accept asked for it (docs §5.6 [decision])
    if (!(accept && accept.subType.startsWith('vnd.elasticsearch') && accept.params['compatible-with'] !== undefined)) compatMajor = null;

    // error_trace: consumed by the dispatcher; detailed errors are enabled (docs §5.2)
    try {
      errorTrace = parseBool(query.get('error_trace'), false);
    } catch (e) {
      return sendError(e);
    }

    // 4. authentication (8.8+ authenticates at the HTTP layer, before routing)
    let principal: (Principal & { runAsDenied?: string }) | null = null;
    if (this.security) {
      try {
        principal = this.security.runAs(this.security.authenticate(req.headers, uri), req.headers);
      } catch (e) {
        return sendError(e);
      }
    }

    // 5. routing (docs §5.1)
    if (decodeFailure) {
      // RestController.tryAllHandlers catches the IllegalArgumentException of the path
      // decoder and calls handleUnsupportedHttpMethod(uri, null, channel,
      // getValidHandlerMethodSet(rawPath), e): the message is the exception's, followed by
      // ", allowed: [..]" and an Allow header when the raw path has valid methods
      // (elastic/elasticsearch server/src/main/java/org/elasticsearch/rest/RestController.java
      // @00203b9a). ES holds the set in a HashSet; we list it in enum order as for docs §5.1's 405.
      const valid = this.router.validMethods(rawPath);
      const msg = valid.length > 0 ? `${decodeFailure.message}, allowed: [${valid.join(', ')}]` : decodeFailure.message;
      return sendError(new FlatError(405, msg, valid.length > 0 ? { Allow: valid.join(',') } : {}));
    }
    const validMethods = new Set<Method>();
    for (const m of matches) for (const k of m.handlers.keys()) validMethods.add(k);
    const allowed = METHOD_ORDER.filter((m) => validMethods.has(m));
    let chosen: { handler: RouteHandler; params: Record<string, string> } | null = null;
    for (const m of matches) {
      const h = m.handlers.get(method);
      if (h) {
        chosen = { handler: h, params: m.params };
        break;
      }
      if (!validMethods.has(method)) {
        if (method === 'OPTIONS') return send({ status: 200, raw: Buffer.alloc(0), headers: { Allow: allowed.join(',') } });
        if (allowed.length > 0) {
          return sendError(new FlatError(405, `Incorrect HTTP method for uri [${uri}] and method [${method}], allowed: [${allowed.join(', ')}]`, { Allow: allowed.join(',') }));
        }
      }
    }
    if (!chosen) {
      return sendError(new FlatError(400, `no handler found for uri [${uri}] and method [${method}]`, {}, false));
    }

    // 6. Content-Type gate (docs §2 step 2)
    const xContent = xContentOf(contentType);
    if (hasContent) {
      try {
        contentTypeGate(req.headers['content-type'], contentType);
      } catch (e) {
        return sendError(e);
      }
    }

    // 7. prepare, leftovers, validate, authorize, run (docs §5.3)
    let decodedPath: string;
    try {
      decodedPath = decodeComponent(rawPath, false);
    } catch {
      decodedPath = rawPath;
    }
    const params = new RestParams(query, chosen.params);
    let consumed = false;
    const restReq: RestRequest = {
      method,
      uri,
      rawPath,
      path: decodedPath,
      params,
      headers: req.headers,
      hasContent,
      xContent,
      content: () => {
        consumed = true;
        return content ?? Buffer.alloc(0);
      },
      json: () => {
        consumed = true;
        return parseJsonObject(content ?? Buffer.alloc(0));
      },
      contentStream: () => {
        consumed = true;
        return body.stream();
      },
    };
    const ctx = this.handlerContext(principal);
    try {
      const prepared = chosen.handler.prepare(restReq, ctx);
      params.checkUnrecognized(decodedPath, chosen.handler.responseParams ?? []);
      if (!consumed && hasContent) throw new EsError(400, 'illegal_argument_exception', `request [${method} ${decodedPath}] does not support having a body`);
      prepared.validate?.();
      if (this.security && principal && prepared.action) this.security.authorize(principal, prepared.action, this.features.effectiveRolesText);
      const reply = await prepared.run();
      send(reply);
    } catch (e) {
      sendError(e);
    }
  }

  private send(req: IncomingMessage, res: ServerResponse, reply: Reply, o: { pretty: boolean; filterPath: string | undefined; compatMajor: number | null }): void {
    const status = reply.status ?? 200;
    const headers: Record<string, string | string[]> = {};
    // X-elastic-product on every dispatched answer since 7.14, but not on 401s (docs §5.6)
    if (this.features.productHeader && status !== 401) headers['X-elastic-product'] = 'Elasticsearch';
    const opaque = req.headers['x-opaque-id'];
    if (opaque !== undefined) headers['X-Opaque-Id'] = opaque; // echoed [decision, docs §5.6 unverified]
    if (reply.warnings && reply.warnings.length > 0) {
      const uniq = [...new Set(reply.warnings)];
      headers['Warning'] = uniq.map((w) => formatWarning(this.config.version.number, this.config.version.buildHash, w));
    }
    for (const [k, v] of Object.entries(reply.headers ?? {})) headers[k] = v;
    let payload: Buffer;
    let contentType: string | undefined = reply.contentType;
    if (reply.raw !== undefined) {
      payload = typeof reply.raw === 'string' ? Buffer.from(reply.raw) : reply.raw;
    } else if (reply.body !== undefined) {
      payload = serializeJson(reply.body, o.pretty, o.filterPath);
      contentType ??= o.compatMajor !== null ? `application/vnd.elasticsearch+json;compatible-with=${o.compatMajor}` : this.features.jsonContentType;
    } else {
      payload = Buffer.alloc(0);
    }
    const ae = headerOne(req.headers['accept-encoding']) ?? '';
    const gzip = /\bgzip\b/i.test(ae);
    writeResponse(res, { status, headers, body: payload, contentType, gzip, head: req.method === 'HEAD' });
  }
}

function headerOne(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(',') : v;
}

function parseJsonObject(buf: Buffer): Record<string, unknown> {
  const text = buf.toString('utf8');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new EsError(400, 'x_content_parse_exception', `[1:1] Unexpected character: ${(e as Error).message}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new EsError(400, 'x_content_parse_exception', '[1:1] Unexpected token, expected START_OBJECT');
  }
  return v as Record<string, unknown>;
}

class TooLarge extends Error {}

/**
 * Reads the request body: raw chunks go to the request log, then through gunzip/inflate
 * when Content-Encoding asks, then to the handler (buffered or streamed).
 */
class BodyReader {
  private decoded: Readable | null = null;
  private started = false;

  constructor(private readonly req: IncomingMessage, private readonly entry: LoggedRequest) {}

  announcesContent(): boolean {
    const len = this.req.headers['content-length'];
    if (len !== undefined) return Number(len) > 0;
    return this.req.headers['transfer-encoding'] !== undefined;
  }

  private source(): Readable {
    if (this.decoded) return this.decoded;
    this.started = true;
    const tap = new PassThrough();
    this.req.on('data', (c: Buffer) => RequestLog.addChunk(this.entry, c));
    this.req.pipe(tap);
    const enc = (headerOne(this.req.headers['content-encoding']) ?? '').toLowerCase().trim();
    let out: Readable = tap;
    if (enc === 'gzip' || enc === 'x-gzip') out = tap.pipe(createGunzip());
    else if (enc === 'deflate') out = tap.pipe(createInflate());
    this.decoded = out;
    return out;
  }

  async readAll(cap: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const c of this.source()) {
      total += (c as Buffer).length;
      if (total > cap) throw new TooLarge();
      chunks.push(c as Buffer);
    }
    return Buffer.concat(chunks);
  }

  async *stream(): AsyncIterable<Buffer> {
    for await (const c of this.source()) yield c as Buffer;
  }

  /** Make sure the request is fully read so keep-alive connections stay usable. */
  drain(): void {
    if (!this.started) {
      this.req.on('data', (c: Buffer) => RequestLog.addChunk(this.entry, c));
      this.req.resume();
    } else if (this.decoded && !this.decoded.readableEnded) {
      this.decoded.resume();
    }
  }
}
