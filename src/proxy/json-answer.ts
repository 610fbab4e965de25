/**
 * Answers the proxy writes itself (502, 400), in Elasticsearch's JSON shape.
 *
 * No `X-elastic-product` header: that header asserts "this answer comes from
 * Elasticsearch", and these do not. Elasticsearch clients only check it on
 * 2xx answers, so leaving it off a 4xx/5xx the proxy made breaks nothing and
 * tells an operator reading headers who answered.
 *
 * The connection is kept: if the request body is still arriving, node reads
 * and discards the rest after the answer (closing instead would make the
 * kernel reset a connection with unread bytes, and the client could lose the
 * answer it is owed).
 */
import { STATUS_CODES } from 'node:http';
import type * as http from 'node:http';
import type { GuardError } from '../errors';

export function writeJsonAnswer(
  res: http.ServerResponse,
  statusCode: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(statusCode, STATUS_CODES[statusCode] ?? '', {
    ...extraHeaders,
    'content-type': 'application/json',
    'content-length': payload.length,
  });
  res.end(payload);
}

/** A GuardError as its status, headers and JSON body. */
export function writeGuardError(res: http.ServerResponse, error: GuardError): void {
  writeJsonAnswer(res, error.statusCode, error.body(), error.headers);
}
