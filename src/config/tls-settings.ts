/**
 * Reads the TLS material the configuration names (PEM files), once at start,
 * with one clear error per file that cannot be read.
 */
import { readFileSync } from 'node:fs';
import type { Config } from './schema';
import { ConfigError } from './load-config';

export interface TlsSettings {
  /** How the proxy checks the cluster's certificate. */
  upstream: { ca?: string; caFingerprint?: string };
  /** The proxied port's own certificate, when it serves TLS. */
  listener?: { cert: string; key: string };
}

export function loadTlsSettings(
  config: Pick<Config, 'ES_CA_CERT' | 'ES_CA_FINGERPRINT' | 'PROXY_TLS_CERT' | 'PROXY_TLS_KEY'>,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): TlsSettings {
  const problems: string[] = [];
  const pem = (name: string, path: string | undefined): string | undefined => {
    if (!path) return undefined;
    try {
      const text = read(path);
      if (!text.includes('-----BEGIN ')) problems.push(`${name} [${path}] is not a PEM file`);
      return text;
    } catch (error) {
      problems.push(`${name} [${path}] cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return undefined;
    }
  };
  const ca = pem('ES_CA_CERT', config.ES_CA_CERT);
  const cert = pem('PROXY_TLS_CERT', config.PROXY_TLS_CERT);
  const key = pem('PROXY_TLS_KEY', config.PROXY_TLS_KEY);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    upstream: { ca, caFingerprint: config.ES_CA_FINGERPRINT },
    listener: cert && key ? { cert, key } : undefined,
  };
}
