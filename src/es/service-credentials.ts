/**
 * The proxy's own credentials (ES_API_KEY, or ES_USERNAME/ES_PASSWORD) as a
 * header for its own reads. Never attached to a caller's request.
 */
import type { Config } from '../config/schema';
import type { CallerHeaders } from './metadata-client';

export function serviceCredentialHeaders(config: Pick<Config, 'ES_API_KEY' | 'ES_USERNAME' | 'ES_PASSWORD'>): CallerHeaders | null {
  if (config.ES_API_KEY) return { authorization: `ApiKey ${config.ES_API_KEY}` };
  if (config.ES_USERNAME && config.ES_PASSWORD) {
    return { authorization: `Basic ${Buffer.from(`${config.ES_USERNAME}:${config.ES_PASSWORD}`).toString('base64')}` };
  }
  return null;
}
