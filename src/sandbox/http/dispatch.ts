/**
 * The Elasticsearch-like dispatcher of the sandbox (docs §5): query string, media types and
 * compatible-with, body reading, authentication, routing (405/OPTIONS/no handler), Content-Type
 * gate, then the handler's `prepare`, leftover parameters and body, validation, authorization, run.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EsError, FlatError, errorBody } from '../rest/errors';
import { DecodeError, decodeComponent } from '../rest/decode';
import { MediaTypeParseError, ParsedMediaType, checkCompatibleVersion, contentTypeGate, mediaTypeHeaderError, parseMediaType, xContentOf } from '../rest/media';
import { RestParams, parseBool } from '../rest/params';
import { decodeQueryString, splitUri } from '../rest/query';
import { writeResponse } from '../rest/response';
import { METHOD_ORDER, Method, RouteMatch } from '../rest/router';
import type { Reply, RestRequest, RouteHandler } from '../handlers/types';
import type { Principal } from '../security/auth';
import type { SandboxCore } from '../server';
import { BodyReader, MAX_BUFFERED_BODY, TooLarge, headerOne } from './body-reader';
import { sendReply } from './send';

export async function dispatch(core: SandboxCore, req: IncomingMessage, res: ServerResponse, uri: string, body: BodyReader): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase() as Method;
  const { rawPath, rawQuery } = splitUri(uri);
  let pretty = false;
  // assigned once the query string is parsed; the reply closures below read it then
  // eslint-disable-next-line prefer-const
  let filterPath: string | undefined;
  let errorTrace = false;
  let compatMajor: number | null = null;
  const send = (reply: Reply): void => sendReply(core, req, res, reply, { pretty, filterPath, compatMajor });
  // Exceptions are rendered without filter_path: AbstractRestChannel.newErrorBuilder
  // ("Disable filtering when building error responses"); pretty still applies.
  const sendUnfiltered = (reply: Reply): void => sendReply(core, req, res, reply, { pretty, filterPath: undefined, compatMajor });
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
  let accept: ParsedMediaType | null;
  let contentType: ParsedMediaType | null;
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
    matches = core.router.match(rawPath);
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
    compatMajor = checkCompatibleVersion(accept, contentType, hasContent, core.config.version.major, core.features.minimumCompatibleMajor);
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
  if (core.security) {
    try {
      principal = core.security.runAs(core.security.authenticate(req.headers, uri), req.headers);
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
    const valid = core.router.validMethods(rawPath);
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
  const ctx = core.handlerContext(principal);
  try {
    const prepared = chosen.handler.prepare(restReq, ctx);
    params.checkUnrecognized(decodedPath, chosen.handler.responseParams ?? []);
    if (!consumed && hasContent) throw new EsError(400, 'illegal_argument_exception', `request [${method} ${decodedPath}] does not support having a body`);
    prepared.validate?.();
    if (core.security && principal && prepared.action) core.security.authorize(principal, prepared.action, core.features.effectiveRolesText);
    const reply = await prepared.run();
    send(reply);
  } catch (e) {
    sendError(e);
  }
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
