/**
 * The proxy's configuration, as one JSON schema over environment variables
 * (after fastify/env-schema): validated once at start with ajv, defaults
 * applied, numbers coerced, then frozen and passed to whoever needs it.
 */
import type { JSONSchemaType } from 'ajv';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** The cluster to guard. Absent: the built-in sandbox is started and guarded instead. */
  ES_URL?: string;
  PROXY_HOST: string;
  PROXY_PORT: number;
  ADMIN_PORT: number;
  LOG_LEVEL: LogLevel;
  /** Upper bound for one forwarded call; 0 = none, so a long `_start?wait_for=...` is never cut. */
  UPSTREAM_TIMEOUT_MS: number;
  /** Upper bound for each metadata read the guard makes before deciding. */
  METADATA_TIMEOUT_MS: number;
  /** Keep-alive connections the forwarder may hold to the cluster. */
  UPSTREAM_CONNECTIONS: number;
  /**
   * The proxy's own cluster credentials, for its own reads only (readiness,
   * and pipelines for a caller proven to hold `manage_ml`); never sent on a
   * caller's behalf. An API key as Elasticsearch returns it (`encoded`), or a
   * user name and password.
   */
  ES_API_KEY?: string;
  /** PEM file of the CA that signed the cluster's certificate (https clusters). */
  ES_CA_CERT?: string;
  /** SHA-256 fingerprint of that CA, as Elasticsearch prints it at first start (`caFingerprint` of the official clients). */
  ES_CA_FINGERPRINT?: string;
  /** Serve the proxied port over TLS with this PEM certificate and key. */
  PROXY_TLS_CERT?: string;
  PROXY_TLS_KEY?: string;
  ES_USERNAME?: string;
  ES_PASSWORD?: string;
  /** `enforce`: refuse what the rules refuse. `report`: forward it, log and count it as `would_refuse`, and say so in a `Warning`. */
  GUARD_MODE: 'enforce' | 'report';
  /** Turn the input-fields warning (docs §2 step 12) into a refusal. */
  STRICT_INPUT_FIELDS: boolean;
  /** Refuse to move a PyTorch alias to a model whose deployments hold fewer allocations than the old model's. */
  STRICT_CAPACITY: boolean;
  /**
   * Let a model alias take the name of a deployment of another model, and a
   * deployment the name of an alias of another model (docs §13.1); default false.
   */
  ALLOW_DEPLOYMENT_SHADOWING?: boolean;
  /** On SIGTERM/SIGINT, how long in-flight requests may take to finish. */
  SHUTDOWN_GRACE_MS: number;
  /** How often `/readyz` asks the cluster `GET /`; readiness follows the last probe's outcome. */
  READY_PROBE_INTERVAL_MS: number;
  /**
   * Node-info answers (`GET _nodes/.../http`, what sniffing clients read):
   * `rewrite` each node's `http.publish_address` to the proxy's public address,
   * `block` them (403 from the proxy), or `pass` them untouched.
   */
  SNIFF_POLICY: 'rewrite' | 'block' | 'pass';
  /** The address sniffing clients are sent to; unset: PROXY_HOST (a wildcard read as 127.0.0.1) and the bound port. */
  PROXY_PUBLIC_URL?: string;
  /** Sandbox settings, used only when ES_URL is absent. */
  SANDBOX_PORT: number;
  SANDBOX_ES_VERSION: string;
}

/** Shared by both schemas, so the proxy's sandbox and `npm run sandbox` read these alike. */
const SANDBOX_PORT_SETTING = { type: 'integer', default: 9200, minimum: 0, maximum: 65535 } as const;
const SANDBOX_ES_VERSION_SETTING = { type: 'string', default: '8.15.0', pattern: '^\\d+\\.\\d+\\.\\d+$' } as const;

export const configSchema: JSONSchemaType<Config> = {
  type: 'object',
  additionalProperties: true,
  dependencies: {
    ES_USERNAME: ['ES_PASSWORD'],
    ES_PASSWORD: ['ES_USERNAME'],
    PROXY_TLS_CERT: ['PROXY_TLS_KEY'],
    PROXY_TLS_KEY: ['PROXY_TLS_CERT'],
  },
  // One kind of own credentials at a time.
  not: { required: ['ES_API_KEY', 'ES_USERNAME'] },
  required: [
    'PROXY_HOST', 'PROXY_PORT', 'ADMIN_PORT', 'LOG_LEVEL', 'UPSTREAM_TIMEOUT_MS',
    'METADATA_TIMEOUT_MS', 'UPSTREAM_CONNECTIONS', 'GUARD_MODE', 'STRICT_INPUT_FIELDS', 'STRICT_CAPACITY',
    'SHUTDOWN_GRACE_MS', 'READY_PROBE_INTERVAL_MS', 'SANDBOX_PORT', 'SANDBOX_ES_VERSION', 'SNIFF_POLICY',
  ],
  properties: {
    ES_URL: { type: 'string', nullable: true, pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$' },
    PROXY_HOST: { type: 'string', default: '127.0.0.1', minLength: 1 },
    PROXY_PORT: { type: 'integer', default: 9201, minimum: 0, maximum: 65535 },
    ADMIN_PORT: { type: 'integer', default: 9202, minimum: 0, maximum: 65535 },
    LOG_LEVEL: {
      type: 'string',
      default: 'info',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    },
    UPSTREAM_TIMEOUT_MS: { type: 'integer', default: 0, minimum: 0 },
    METADATA_TIMEOUT_MS: { type: 'integer', default: 10000, minimum: 1 },
    UPSTREAM_CONNECTIONS: { type: 'integer', default: 128, minimum: 1 },
    ES_API_KEY: { type: 'string', nullable: true, minLength: 1 },
    ES_CA_CERT: { type: 'string', nullable: true, minLength: 1 },
    ES_CA_FINGERPRINT: { type: 'string', nullable: true, pattern: '^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$' },
    PROXY_TLS_CERT: { type: 'string', nullable: true, minLength: 1 },
    PROXY_TLS_KEY: { type: 'string', nullable: true, minLength: 1 },
    ES_USERNAME: { type: 'string', nullable: true, minLength: 1 },
    ES_PASSWORD: { type: 'string', nullable: true, minLength: 1 },
    GUARD_MODE: { type: 'string', enum: ['enforce', 'report'], default: 'enforce' },
    STRICT_INPUT_FIELDS: { type: 'boolean', default: false },
    STRICT_CAPACITY: { type: 'boolean', default: false },
    ALLOW_DEPLOYMENT_SHADOWING: { type: 'boolean', nullable: true, default: false },
    SHUTDOWN_GRACE_MS: { type: 'integer', default: 10000, minimum: 0 },
    READY_PROBE_INTERVAL_MS: { type: 'integer', default: 2000, minimum: 100 },
    SNIFF_POLICY: { type: 'string', enum: ['rewrite', 'block', 'pass'], default: 'rewrite' },
    // Scheme and host[:port] only: a publish address carries no path, query or credentials.
    PROXY_PUBLIC_URL: { type: 'string', nullable: true, pattern: '^https?://(\\[[0-9A-Fa-f:.]+\\]|[^\\s/?#@:\\[\\]]+)(:[0-9]{1,5})?/?$' },
    SANDBOX_PORT: SANDBOX_PORT_SETTING,
    SANDBOX_ES_VERSION: SANDBOX_ES_VERSION_SETTING,
  },
};

/** `npm run sandbox`: the emulator on its own (src/sandbox/cli.ts). */
export interface SandboxConfig {
  SANDBOX_PORT: number;
  SANDBOX_ES_VERSION: string;
  SANDBOX_HOST: string;
  /** Delay before a started deployment becomes fully allocated; 0 = at once. */
  SANDBOX_ALLOCATION_DELAY_MS: number;
  /** Seed the demo models and aliases (default true). */
  SANDBOX_SEED: boolean;
  SANDBOX_LICENSE: 'trial' | 'basic';
}

export const sandboxConfigSchema: JSONSchemaType<SandboxConfig> = {
  type: 'object',
  additionalProperties: true,
  required: ['SANDBOX_PORT', 'SANDBOX_ES_VERSION', 'SANDBOX_HOST', 'SANDBOX_ALLOCATION_DELAY_MS', 'SANDBOX_SEED', 'SANDBOX_LICENSE'],
  properties: {
    SANDBOX_PORT: SANDBOX_PORT_SETTING,
    SANDBOX_ES_VERSION: SANDBOX_ES_VERSION_SETTING,
    SANDBOX_HOST: { type: 'string', default: '127.0.0.1', minLength: 1 },
    SANDBOX_ALLOCATION_DELAY_MS: { type: 'integer', default: 0, minimum: 0 },
    // ajv coerces "1"/"0" and "true"/"false"; the documented form is 1 or 0.
    SANDBOX_SEED: { type: 'boolean', default: true },
    SANDBOX_LICENSE: { type: 'string', enum: ['trial', 'basic'], default: 'trial' },
  },
};
