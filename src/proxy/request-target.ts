/**
 * The request target forms the proxy relays. Only origin-form (`/path?query`,
 * RFC 9112 §3.2.1) reaches the cluster: absolute-form is for forward proxies
 * (docs §3.2.2) and asterisk-form `*` (docs §3.2.4) addresses the server itself; neither
 * names an Elasticsearch endpoint. They are refused the way Elasticsearch
 * refuses a path it has no handler for, and never forwarded, so a target the
 * guard's matcher does not understand cannot slip past it.
 */
import type * as http from 'node:http';
import { EsNoHandlerRejection } from '../errors';
import { sendGuardError } from '../http/send-guard-error';

export function isOriginForm(rawTarget: string | undefined): rawTarget is string {
  return rawTarget !== undefined && rawTarget.charCodeAt(0) === 0x2f; // '/'
}

/** 400 `{"error":"no handler found for uri [..] and method [..]"}` (docs §5.1). */
export function refuseNonOriginTarget(req: http.IncomingMessage, res: http.ServerResponse): void {
  sendGuardError(req, res, new EsNoHandlerRejection(req.method ?? '', req.url ?? ''));
}
