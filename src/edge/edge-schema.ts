/**
 * The edge's own settings (`npm run -s edge-config`), beside the proxy's:
 * where the guard listens and where nginx listens. ES_URL and the rest come
 * from the proxy's schema (`src/config/schema.ts`), so the edge and the guard
 * read one configuration.
 */
import type { JSONSchemaType } from 'ajv';

export interface EdgeSettings {
  /** The guard's proxied port as nginx reaches it, e.g. `http://127.0.0.1:9201`. */
  GUARD_URL: string;
  EDGE_HOST: string;
  EDGE_PORT: number;
  /** `worker_processes` of the generated file: `auto` (one per core) or a count. */
  EDGE_WORKER_PROCESSES: string;
}

export const edgeSettingsSchema: JSONSchemaType<EdgeSettings> = {
  type: 'object',
  additionalProperties: true,
  required: ['GUARD_URL', 'EDGE_HOST', 'EDGE_PORT', 'EDGE_WORKER_PROCESSES'],
  properties: {
    // Plain http, host and port only: nginx sends the client's target as is, a base path would be ignored.
    GUARD_URL: { type: 'string', pattern: '^http://(\\[[0-9A-Fa-f:.]+\\]|[^\\s/?#@:\\[\\]]+)(:[0-9]{1,5})?/?$' },
    // An address nginx can `listen` on: a host name, IPv4, or a bracketed IPv6 address; `*` for every interface.
    EDGE_HOST: { type: 'string', default: '127.0.0.1', pattern: '^(\\*|\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)$' },
    EDGE_PORT: { type: 'integer', default: 9210, minimum: 1, maximum: 65535 },
    EDGE_WORKER_PROCESSES: { type: 'string', default: 'auto', pattern: '^(auto|[1-9][0-9]{0,3})$' },
  },
};
