/**
 * The caller's own authentication headers, which every metadata read made on
 * the caller's behalf carries, so the proxy never learns or reveals more than
 * the caller may (the proxy never grants a caller more than its credentials allow).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { CallerHeaders } from '../../es/metadata-client';

/**
 * `authorization` (basic, bearer, ApiKey), `es-secondary-authorization`
 * (secondary credentials), `es-security-runas-user` (run-as: reads must run
 * as the same user the change would run as), and `x-opaque-id` so the reads
 * show up in the cluster's logs under the caller's request id.
 */
const FORWARDED_ON_READS = ['authorization', 'es-secondary-authorization', 'es-security-runas-user', 'x-opaque-id'];

export function callerHeaders(headers: IncomingHttpHeaders): CallerHeaders {
  const picked: CallerHeaders = {};
  for (const name of FORWARDED_ON_READS) {
    const value = headers[name];
    if (typeof value === 'string') picked[name] = value;
  }
  return picked;
}
