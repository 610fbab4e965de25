/**
 * Reads the configuration once: the process environment over an optional
 * `.env` file, validated against `configSchema`. Every problem is reported
 * in one message so a bad start is fixed in one go.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import Ajv, { ErrorObject } from 'ajv';
import { Config, configSchema } from './schema';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'INVALID_CONFIG';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: true });
const validate = ajv.compile(configSchema);

/** Only the variables the schema names are taken, so unrelated environment never leaks in. */
function pickKnown(source: Record<string, string | undefined>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(configSchema.properties ?? {})) {
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
  return `${name} ${error.message ?? 'is invalid'}`;
}

export function readDotEnv(path: string): Record<string, string | undefined> {
  return existsSync(path) ? parseEnv(readFileSync(path, 'utf8')) : {};
}

/** `env` wins over `dotEnv`; the result is frozen. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  dotEnv: Record<string, string | undefined> = readDotEnv('.env'),
): Readonly<Config> {
  const candidate: Record<string, unknown> = { ...pickKnown(dotEnv), ...pickKnown(env) };
  if (!validate(candidate)) {
    throw new ConfigError((validate.errors ?? []).map(describe));
  }
  return Object.freeze(candidate as unknown as Config);
}
