/**
 * Writes the answer for a request the guard did not forward. Rule rejections
 * look exactly like Elasticsearch's own answers (docs §5.4, docs §5.6); a refused read
 * is relayed as the cluster sent it; the proxy's own failures (503, 502) say
 * they come from the proxy and do not claim to be Elasticsearch.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CallerNotAuthorizedError, EsFlatRejection, EsRejection, GuardError } from '../errors';
import { answerContentType } from './media-type';
import { staysAtProxyOnResponse } from './headers';
import { prettyJson } from './pretty-json';
import { decodeQueryString } from '../rest/query-string';
import { parseParamBoolean } from '../rest/param-boolean';


export function sendGuardError(req: IncomingMessage, res: ServerResponse, error: GuardError): void {
  if (res.headersSent) {
    res.destroy(error);
    return;
  }
  if (error instanceof CallerNotAuthorizedError) {
    relayVerbatim(req, res, error);
    return;
  }
  const body = Buffer.from(wantsPretty(req.url) ? prettyJson(error.body()) : JSON.stringify(error.body()));
  const headers: Record<string, string> = {
    'content-type': answerContentType(req.headers.accept),
    'content-length': String(body.length),
    ...lowerCaseKeys(error.headers),
  };
  if (error instanceof EsRejection || error instanceof EsFlatRejection) {
    // Elasticsearch adds the product header to every dispatched answer (docs §5.6).
    headers['x-elastic-product'] = 'Elasticsearch';
  }
  const opaqueId = req.headers['x-opaque-id'];
  if (typeof opaqueId === 'string') headers['x-opaque-id'] = opaqueId;
  res.writeHead(error.statusCode, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function relayVerbatim(req: IncomingMessage, res: ServerResponse, error: CallerNotAuthorizedError): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(error.upstreamHeaders)) {
    // Hop-by-hop fields stay at this hop, as on passthrough (RFC 9110 §7.6.1);
    // the length is set anew below for the bytes actually sent.
    const lower = name.toLowerCase();
    if (lower !== 'content-length' && !staysAtProxyOnResponse(lower)) headers[name] = value;
  }
  headers['content-length'] = String(error.upstreamBody.length);
  res.writeHead(error.statusCode, headers);
  res.end(req.method === 'HEAD' ? undefined : error.upstreamBody);
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** `?pretty` as Elasticsearch reads it for every answer, errors included (AbstractRestChannel). */
function wantsPretty(url: string | undefined): boolean {
  if (!url || !url.includes('pretty')) return false;
  const params = decodeQueryString(url);
  if (!(params instanceof Map)) return false;
  const parsed = parseParamBoolean(params.get('pretty'), false);
  return 'value' in parsed && parsed.value;
}
