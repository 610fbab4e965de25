/**
 * Structured JSON logs (pino) to stdout. Credentials are redacted at this
 * boundary so that no log line, whatever a caller put in it, carries a secret.
 */
import pino, { Logger, DestinationStream } from 'pino';
import type { LogLevel } from '../config/schema';

export type { Logger };

/** Header names that carry credentials, in the lower case node gives them. */
export const CREDENTIAL_HEADERS = [
  'authorization',
  'proxy-authorization',
  'es-secondary-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
];

const REDACT_PATHS = [
  ...CREDENTIAL_HEADERS.flatMap((h) => [`headers["${h}"]`, `req.headers["${h}"]`, `*.headers["${h}"]`]),
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      name: 'model-alias-guard',
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
