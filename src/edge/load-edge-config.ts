/**
 * The edge configuration: the proxy's validated configuration (ES_URL and
 * the rest, `loadConfig`) plus the edge's own settings. Problems of both are
 * gathered into ONE ConfigError, so a bad start names every variable at fault.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { ConfigError, loadConfig, readDotEnv } from '../config/load-config';
import type { Config } from '../config/schema';
import { edgeSettingsSchema, type EdgeSettings } from './edge-schema';

export type EdgeConfig = Readonly<Config & EdgeSettings & { ES_URL: string }>;

const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: true });
const validateEdge = ajv.compile(edgeSettingsSchema);

function describe(error: ErrorObject): string {
  const name = error.instancePath.replace(/^\//, '') || String(error.params.missingProperty ?? 'configuration');
  if (error.keyword === 'required' && name === 'GUARD_URL') {
    return 'GUARD_URL is required: the guard\'s proxied port as nginx reaches it, e.g. http://127.0.0.1:9201';
  }
  if (error.keyword === 'pattern') {
    if (name === 'GUARD_URL') return 'GUARD_URL must be an http:// URL with a host and an optional port, nothing else';
    if (name === 'EDGE_HOST') return 'EDGE_HOST must be a host name, an IPv4 address, a bracketed IPv6 address or *';
    if (name === 'EDGE_WORKER_PROCESSES') return 'EDGE_WORKER_PROCESSES must be auto or a positive number';
  }
  return `${name} ${error.message ?? 'is invalid'}`;
}

function edgeProblems(candidate: Record<string, unknown>, config: Partial<Config> | undefined): string[] {
  const problems = validateEdge(candidate) ? [] : (validateEdge.errors ?? []).map(describe);
  if (config !== undefined && config.ES_URL === undefined) {
    problems.push('ES_URL is required: the cluster nginx forwards to (the edge has no built-in sandbox)');
  }
  if (config?.ES_CA_FINGERPRINT !== undefined) {
    problems.push('ES_CA_FINGERPRINT cannot be used by nginx: set ES_CA_CERT (the CA file) for an https cluster');
  }
  if (typeof candidate.GUARD_URL === 'string' && typeof candidate.EDGE_PORT === 'number') {
    const guard = guardAddress(candidate.GUARD_URL);
    const edgeHost = String(candidate.EDGE_HOST);
    if (guard !== undefined && guard.port === candidate.EDGE_PORT && (guard.host === edgeHost || edgeHost === '*')) {
      problems.push(`EDGE_PORT and GUARD_URL are both ${guard.host}:${guard.port}: nginx would send guarded requests to itself`);
    }
  }
  return problems;
}

function guardAddress(guardUrl: string): { host: string; port: number } | undefined {
  try {
    const url = new URL(guardUrl);
    return { host: url.hostname, port: url.port === '' ? 80 : Number(url.port) };
  } catch {
    return undefined;
  }
}

/** `env` wins over `dotEnv`, as for the proxy. Throws one ConfigError listing every problem. */
export function loadEdgeConfig(
  env: Record<string, string | undefined> = process.env,
  dotEnv: Record<string, string | undefined> = readDotEnv('.env'),
): EdgeConfig {
  let config: Readonly<Config> | undefined;
  const problems: string[] = [];
  try {
    config = loadConfig(env, dotEnv);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const candidate: Record<string, unknown> = {};
  for (const key of Object.keys(edgeSettingsSchema.properties)) {
    const value = env[key] !== undefined && env[key] !== '' ? env[key] : dotEnv[key];
    if (value !== undefined && value !== '') candidate[key] = value;
  }
  // The proxy's own problems come first; ES_URL's absence is only ours to report when the rest loaded.
  problems.push(...edgeProblems(candidate, config ?? partialConfig(env, dotEnv)));
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({ ...config!, ...(candidate as unknown as EdgeSettings), ES_URL: config!.ES_URL! });
}

/** Enough of a configuration that failed to load to tell whether ES_URL was given at all. */
function partialConfig(env: Record<string, string | undefined>, dotEnv: Record<string, string | undefined>): Partial<Config> {
  const pick = (key: string) => (env[key] !== undefined && env[key] !== '' ? env[key] : dotEnv[key] || undefined);
  return { ES_URL: pick('ES_URL'), ES_CA_FINGERPRINT: pick('ES_CA_FINGERPRINT') };
}
