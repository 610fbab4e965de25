/**
 * Short, secret-free wording for why the cluster could not be reached; it
 * becomes the `reason` of the 502 body (UpstreamUnavailableError).
 */

/** TLS verification failures node reports with OpenSSL's codes. */
const TLS_VERIFY_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function errorCode(err: Error): string | undefined {
  const code = (err as NodeJS.ErrnoException).code;
  if (code) return code;
  // Happy-eyeballs connects (several addresses) fail with an AggregateError.
  if (err instanceof AggregateError && err.errors[0] instanceof Error) return errorCode(err.errors[0]);
  return undefined;
}

export function describeUpstreamFailure(err: Error, upstreamTimeoutMs: number): string {
  const code = errorCode(err);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name could not be resolved';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return 'connection closed before the answer';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect timeout';
    case 'UND_ERR_HEADERS_TIMEOUT':
      return `no answer within ${upstreamTimeoutMs} ms`;
    case 'UND_ERR_DESTROYED':
    case 'UND_ERR_CLOSED':
      return 'the proxy is shutting down';
    case undefined:
      return err.message;
    default:
      if (TLS_VERIFY_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) {
        return `TLS handshake failed (${code})`;
      }
      return code;
  }
}
