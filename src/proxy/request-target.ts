/**
 * The request target forms the proxy relays. Only origin-form (`/path?query`,
 * RFC 9112 §3.2.1) reaches the cluster: absolute-form is for forward proxies
 * (RFC 9112 §3.2.2) and asterisk-form `*` (RFC 9112 §3.2.4) addresses the
 * server itself; neither names an Elasticsearch endpoint. They are refused the
 * way Elasticsearch refuses a path it has no handler for, and never forwarded,
 * so a target the guard's matcher does not understand cannot slip past it.
 *
 * A raw `#` is refused too, on every route: a request target never carries a
 * fragment (RFC 9112 §3.2), and Elasticsearch versions disagree on where the
 * path ends when one is there (docs §8.3), so no single reading of such a
 * target can be trusted to be the cluster's.
 */
import type * as http from 'node:http';
import { EsNoHandlerRejection, EsRejection } from '../errors';
import { sendGuardError } from '../http/send-guard-error';

const SLASH = 0x2f;
const HASH = '#';

export function isOriginForm(rawTarget: string | undefined): rawTarget is string {
  return rawTarget !== undefined && rawTarget.charCodeAt(0) === SLASH;
}

/** Whether the raw target holds a `#` anywhere (path or query); `%23` is data, not a fragment, and passes. */
export function hasFragment(rawTarget: string): boolean {
  return rawTarget.includes(HASH);
}

/** 400 `{"error":"no handler found for uri [..] and method [..]"}` (docs §5.1). */
export function refuseNonOriginTarget(req: http.IncomingMessage, res: http.ServerResponse): void {
  sendGuardError(req, res, new EsNoHandlerRejection(req.method ?? '', req.url ?? ''));
}

/**
 * 400 `illegal_argument_exception` in Elasticsearch's structured error shape
 * (docs §5.4), which every official client parses into its usual error.
 * Elasticsearch itself has no refusal for this (it routes on one of two
 * readings, docs §8.3); the reason says what to send instead.
 */
export function refuseFragment(req: http.IncomingMessage, res: http.ServerResponse): void {
  sendGuardError(req, res, fragmentRejection(req.url ?? ''));
}

export function fragmentRejection(rawTarget: string): EsRejection {
  return new EsRejection(
    400,
    'illegal_argument_exception',
    `request target [${rawTarget}] contains a raw '#': a request target never carries a fragment (RFC 9112 section 3.2); ` +
      `percent-encode it as %23 if it is part of a name or value`,
  );
}
