/**
 * Reads the configuration once: the process environment over an optional
 * `.env` file, validated against `configSchema` (the proxy) or
 * `sandboxConfigSchema` (`npm run sandbox`). Every problem is reported in one
 * message so a bad start is fixed in one go; the checks ajv cannot express
 * (what the URL parser makes of ES_URL, ports that would collide) are added
 * to the same list.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import Ajv, { ErrorObject } from 'ajv';
import { Config, configSchema, SandboxConfig, sandboxConfigSchema } from './schema';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'INVALID_CONFIG';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: true });
const validateProxy = ajv.compile(configSchema);
const validateSandbox = ajv.compile(sandboxConfigSchema);
const PROXY_KEYS = Object.keys(configSchema.properties ?? {});
const SANDBOX_KEYS = Object.keys(sandboxConfigSchema.properties ?? {});

/** Only the variables the schema names are taken, so unrelated environment never leaks in. */
function pickKnown(keys: readonly string[], source: Record<string, string | undefined>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of keys) {
    const value = source[key];
    // An empty variable means "not set", as in a `.env` line `ES_URL=`.
    if (value !== undefined && value !== '') picked[key] = value;
  }
  return picked;
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'dependencies') {
    return `${String(error.params.property)} needs ${String(error.params.missingProperty)} too`;
  }
  if (error.keyword === 'not') return 'set either ES_API_KEY or ES_USERNAME/ES_PASSWORD, not both';
  const name = error.instancePath.replace(/^\//, '') || String(error.params.missingProperty ?? 'configuration');
  if (error.keyword === 'enum') {
    return `${name} must be one of ${(error.params.allowedValues as string[]).join(', ')}`;
  }
  if (error.keyword === 'pattern' && name === 'ES_URL') {
    return 'ES_URL must be an http:// or https:// URL without query or fragment';
  }
  if (error.keyword === 'pattern' && name === 'SANDBOX_ES_VERSION') {
    return 'SANDBOX_ES_VERSION must be a version such as 8.15.0';
  }
  return `${name} ${error.message ?? 'is invalid'}`;
}

/**
 * ES_URL as the forwarder and the metadata client will read it. Never echoes
 * the URL itself: it may carry a password.
 */
function esUrlProblems(esUrl: string | undefined): string[] {
  // Another scheme is the pattern's problem, already reported.
  if (esUrl === undefined || !/^https?:\/\//i.test(esUrl)) return [];
  let url: URL;
  try {
    url = new URL(esUrl);
  } catch {
    return ['ES_URL is not a valid URL (check the host and the port)'];
  }
  const problems: string[] = [];
  if (url.username !== '' || url.password !== '') {
    problems.push(
      "ES_URL must not carry credentials (user:password@): every caller's own credentials are relayed; " +
        "for the proxy's own reads set ES_API_KEY or ES_USERNAME/ES_PASSWORD",
    );
  }
  if (url.pathname !== '/') {
    // The raw client target is forwarded as is; a base path would be silently ignored.
    problems.push(`ES_URL must have no path (found [${url.pathname}]): scheme, host and port only`);
  }
  return problems;
}

/** Two listeners of this process on one fixed port would fail at start with EADDRINUSE. */
function portCollisions(config: Config): string[] {
  const ports: Array<[string, number]> = [['PROXY_PORT', config.PROXY_PORT], ['ADMIN_PORT', config.ADMIN_PORT]];
  // The sandbox listens on 127.0.0.1 only when no ES_URL is given.
  if (config.ES_URL === undefined) ports.push(['SANDBOX_PORT', config.SANDBOX_PORT]);
  const problems: string[] = [];
  for (let i = 0; i < ports.length; i++) {
    for (let j = i + 1; j < ports.length; j++) {
      const [a, portA] = ports[i]!;
      const [b, portB] = ports[j]!;
      if (portA !== 0 && portA === portB) problems.push(`${a} and ${b} are both ${portA}: each listener needs its own port`);
    }
  }
  return problems;
}

export function readDotEnv(path: string): Record<string, string | undefined> {
  return existsSync(path) ? parseEnv(readFileSync(path, 'utf8')) : {};
}

function validated<T>(
  keys: readonly string[],
  validate: (candidate: unknown) => boolean,
  errors: () => ErrorObject[] | null | undefined,
  env: Record<string, string | undefined>,
  dotEnv: Record<string, string | undefined>,
  extraChecks: (candidate: T) => string[],
): Readonly<T> {
  const candidate: Record<string, unknown> = { ...pickKnown(keys, dotEnv), ...pickKnown(keys, env) };
  const problems = validate(candidate) ? [] : (errors() ?? []).map(describe);
  // Checked even when the schema failed, so one start names every problem.
  problems.push(...extraChecks(candidate as unknown as T));
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(candidate as unknown as T);
}

/** `env` wins over `dotEnv`; the result is frozen. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  dotEnv: Record<string, string | undefined> = readDotEnv('.env'),
): Readonly<Config> {
  return validated(PROXY_KEYS, validateProxy, () => validateProxy.errors, env, dotEnv, (config) => [
    ...esUrlProblems(typeof config.ES_URL === 'string' ? config.ES_URL : undefined),
    ...(Number.isInteger(config.PROXY_PORT) && Number.isInteger(config.ADMIN_PORT) && Number.isInteger(config.SANDBOX_PORT)
      ? portCollisions(config)
      : []),
  ]);
}

/** The settings of `npm run sandbox` (the emulator on its own), through the same schema machinery. */
export function loadSandboxConfig(
  env: Record<string, string | undefined> = process.env,
  dotEnv: Record<string, string | undefined> = readDotEnv('.env'),
): Readonly<SandboxConfig> {
  return validated(SANDBOX_KEYS, validateSandbox, () => validateSandbox.errors, env, dotEnv, () => []);
}
