/**
 * Readers for the deployment files (Dockerfile, .dockerignore, docker-compose.yml,
 * .env.example), shared by the spec/deploy tests. No Docker engine runs where the tests
 * run, so these files are checked by parsing them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { parse } from 'yaml';

export const ROOT = join(__dirname, '..', '..');
export const read = (relative: string): string => readFileSync(join(ROOT, relative), 'utf8');

// ---- .env.example ----------------------------------------------------------------------

/** The variables .env.example defines, parsed as the proxy parses a `.env`. */
export function envExample(): Record<string, string> {
  return parseEnv(read('.env.example')) as Record<string, string>;
}

// ---- docker-compose.yml ----------------------------------------------------------------

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface ComposeService {
  image?: string;
  build?: string | { context: string };
  environment?: Record<string, string> | string[];
  ports?: Array<string | { target: number; published?: string | number; host_ip?: string }>;
  expose?: Array<string | number>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test: string | string[]; interval?: string; timeout?: string; start_period?: string; retries?: number };
  volumes?: Array<string | { type: string; source: string; target: string; read_only?: boolean }>;
  entrypoint?: string | string[];
  command?: string | string[];
  restart?: string;
  profiles?: string[];
  deploy?: { replicas?: number | string };
  mem_limit?: string | number;
  [key: string]: unknown;
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
  [key: string]: unknown;
}

export function composeFile(text = read('docker-compose.yml')): ComposeFile {
  // Compose resolves YAML merge keys (`<<: *anchor`), so the test does too.
  return parse(text, { merge: true }) as ComposeFile;
}

/** `environment` in either of its two forms, as a map. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
  return Object.fromEntries(
    env.map((entry) => {
      const at = entry.indexOf('=');
      return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    }),
  );
}

export function dependsOn(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, spec?.condition ?? 'service_started']));
}

/** Every string value anywhere in the document (keys are not interpolated by Compose). */
export function stringValues(node: unknown, into: string[] = []): string[] {
  if (typeof node === 'string') into.push(node);
  else if (Array.isArray(node)) node.forEach((item) => stringValues(item, into));
  else if (node && typeof node === 'object') Object.values(node).forEach((value) => stringValues(value, into));
  return into;
}

const BRACED = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}/g;
const UNBRACED = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The variables a Compose string interpolates; `$$` is Compose's escape for a literal `$`. */
export function variablesIn(value: string): string[] {
  const unescaped = value.replace(/\$\$/g, '');
  const names: string[] = [];
  for (const match of unescaped.matchAll(BRACED)) {
    names.push(match[1]!);
    if (match[3]) names.push(...variablesIn(match[3]));
  }
  for (const match of unescaped.replace(BRACED, '').matchAll(UNBRACED)) names.push(match[1]!);
  return names;
}

/**
 * Compose's interpolation, for the forms the compose file uses: `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `$VAR`, and `$$`.
 */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  const ESCAPED = '\u0000';
  const replaced = value
    .replace(/\$\$/g, ESCAPED)
    .replace(BRACED, (_all, name: string, op: string | undefined, arg: string | undefined) => {
      const current = env[name];
      const unset = current === undefined;
      const empty = unset || current === '';
      switch (op) {
        case ':-':
          return empty ? interpolate(arg ?? '', env) : current!;
        case '-':
          return unset ? interpolate(arg ?? '', env) : current!;
        case ':?':
        case '?':
          if (op === ':?' ? empty : unset) throw new Error(`required variable ${name} is missing: ${arg ?? ''}`);
          return current!;
        case ':+':
          return empty ? '' : interpolate(arg ?? '', env);
        case '+':
          return unset ? '' : interpolate(arg ?? '', env);
        default:
          return current ?? '';
      }
    })
    .replace(UNBRACED, (_all, name: string) => env[name] ?? '');
  return replaced.split(ESCAPED).join('$');
}

export function interpolateAll<T>(node: T, env: Record<string, string | undefined>): T {
  if (typeof node === 'string') return interpolate(node, env) as T;
  if (Array.isArray(node)) return node.map((item) => interpolateAll(item, env)) as T;
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateAll(v, env)])) as T;
  }
  return node;
}

/** Docker's byte sizes (`2560m`, `2.5g`, `1g`) in bytes. */
export function bytes(size: string | number): number {
  if (typeof size === 'number') return size;
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(size.trim());
  if (!match) throw new Error(`not a size: ${size}`);
  const power = ['', 'k', 'm', 'g', 't'].indexOf(match[2]!.toLowerCase());
  return Math.round(Number(match[1]) * 1024 ** power);
}

// ---- Dockerfile --------------------------------------------------------------------------

export interface Instruction {
  keyword: string;
  /** The arguments as written, continuation lines joined. */
  args: string;
  /** Index of the build stage (counting FROMs from 0). */
  stage: number;
}

export function dockerfile(text = read('Dockerfile')): Instruction[] {
  const logical: string[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    // Comment lines (including inside a continuation) are dropped, as Docker does.
    if (trimmed.startsWith('#')) continue;
    if (trimmed.endsWith('\\')) {
      pending += `${trimmed.slice(0, -1)} `;
      continue;
    }
    const full = (pending + trimmed).trim();
    pending = '';
    if (full) logical.push(full);
  }
  if (pending.trim()) logical.push(pending.trim());
  let stage = -1;
  return logical.map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    const upper = keyword!.toUpperCase();
    if (upper === 'FROM') stage += 1;
    return { keyword: upper, args: rest.join(' '), stage };
  });
}

/** The exec-form (JSON array) arguments of CMD, ENTRYPOINT, or a HEALTHCHECK's CMD. */
export function execForm(args: string): string[] | null {
  const json = args.replace(/^CMD\s+/i, '').trim();
  if (!json.startsWith('[')) return null;
  return JSON.parse(json) as string[];
}

/** `KEY=value` pairs of ENV instructions (the `KEY=value ...` form). */
export function envPairs(args: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    pairs[match[1]!] = match[2]!.replace(/^"(.*)"$/, '$1');
  }
  return pairs;
}

/** Options (`--name=value`) at the start of an instruction's arguments, and the rest. */
export function options(args: string): { options: Record<string, string>; rest: string } {
  const opts: Record<string, string> = {};
  let rest = args;
  for (;;) {
    const match = /^--([a-z-]+)(?:=(\S+))?\s*/.exec(rest);
    if (!match) break;
    opts[match[1]!] = match[2] ?? 'true';
    rest = rest.slice(match[0].length);
  }
  return { options: opts, rest };
}
