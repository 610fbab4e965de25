/**
 * Every command in README.md's ```sh blocks is accounted for: each `curl`
 * line runs here, translated to the same HTTP request (-X, -u, -H, -d;
 * `$VAR` from .env.example, as the README's `cp .env.example .env` sets it),
 * against the sandbox through the proxy (127.0.0.1:9201 in the README is the
 * proxy, :9202 its admin port, :9200 the cluster), after the set-up the
 * example assumes, and must answer as listed below and as the cluster
 * answers the same request directly. Every other line (it starts processes,
 * Docker, or needs a real cluster) must be one of the listed skipped lines,
 * so a new example cannot slip through untested.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { Stack, describeSandboxOnly } from '../../support/stack';
import { useStack } from '../../support/use-stack';
import { clusterRequests, rawHeaderValues } from './support';
import { putTreeModel, putAliasOrThrow } from '../../support/fixtures';

const ROOT = join(__dirname, '..', '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Shell variables the examples use, as `cp .env.example .env` sets them. */
const EXAMPLE_ENV: Record<string, string> = (() => {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!;
  }
  return env;
})();

/** Lines of ```sh blocks that do not run here, each with why. */
const SKIPPED: Record<string, string> = {
  'npm ci && npm start     # run the proxy (in front of a built-in sandbox cluster when ES_URL is unset)':
    'starts the long-running proxy; npm start is exercised by spec/e2e/npm-start.spec.ts',
  'npm ci && npm test      # run the tests': 'this is the test run itself',
  'ES_URL=https://my-cluster.example.com:9243 npm start': 'needs a real cluster at a placeholder address',
  'ES_LIVE_URL=http://localhost:9200 ES_LIVE_USERNAME=elastic ES_LIVE_PASSWORD=changeme npx jest spec/e2e':
    'runs the e2e suite against a real cluster',
  'cp .env.example .env          # set ELASTIC_PASSWORD there; ES_VERSION picks the 8.x image': 'Docker set-up (its values are read here from .env.example)',
  'docker compose up --build': 'needs Docker',
  'docker compose down           # stops everything and discards the cluster': 'needs Docker',
  'docker build -t model-alias-guard .': 'needs Docker',
  'docker run --rm -p 9201:9201 -p 9202:9202 -e ES_URL=https://my-cluster.example.com:9243 -e ES_API_KEY=<encoded key with monitor and read_pipeline> model-alias-guard':
    'needs Docker and a real cluster at a placeholder address',
  'docker compose --profile scale-out up --build': 'needs Docker',
  'curl -u "elastic:$ELASTIC_PASSWORD" http://127.0.0.1:9211/': 'the nginx load balancer of the compose scale-out profile (needs Docker)',
  'docker compose --profile scale-out up -d --scale proxy-replicas=5 && docker compose --profile scale-out restart lb': 'needs Docker',
  "ES_URL=https://es.internal:9200 ES_CA_CERT=/etc/es/ca.pem GUARD_URL=http://127.0.0.1:9201 EDGE_HOST='*' EDGE_PORT=9210 npm run -s edge-config > /srv/edge/nginx.conf":
    'placeholder cluster and paths; the generator is run by spec/edge/edge-config-cli.spec.ts',
  'ES_URL=https://es.internal:9200 PROXY_PORT=9201 PROXY_PUBLIC_URL=https://search.example.com npm start': 'needs a real cluster at a placeholder address',
  "nginx -p /srv/edge -c /srv/edge/nginx.conf -g 'daemon off;'": 'the same command on a temp prefix starts nginx in every spec/edge suite (spec/edge/support/nginx.ts)',
  'curl -u "elastic:$ELASTIC_PASSWORD" http://127.0.0.1:9210/': 'nginx of the compose edge profile (needs Docker)',
  'docker compose --profile edge up --build': 'needs Docker',
};

interface CurlExpectation {
  status: number;
  /** What the example assumes exists (built on the cluster directly). */
  setup?: (stack: Stack) => Promise<void>;
  /** What the answer must say, beyond its status. */
  check?: (json: any) => void;
}

/** The objects docker/seed.sh creates that the examples read. */
async function demoObjects(stack: Stack): Promise<void> {
  await putTreeModel(stack.direct, 'mag-demo-regression', { shape: 'one-leaf' });
  await putTreeModel(stack.direct, 'mag-demo-classification', { shape: 'one-leaf', config: 'classification' });
  await putAliasOrThrow(stack.direct, 'mag-demo-regression', 'mag-demo-model');
}

/** Every curl line of the README that runs here, and the status it must give through the proxy. */
const CURL_EXPECTATIONS: Record<string, CurlExpectation> = {
  'curl -u elastic:secret http://127.0.0.1:9201/          # your credentials pass through': { status: 200 },
  'curl -u "elastic:$ELASTIC_PASSWORD" http://127.0.0.1:9201/_ml/trained_models/mag-demo-model': {
    status: 200,
    setup: demoObjects,
    check: (json) => expect(json.trained_model_configs.map((c: any) => [c.model_id, c.metadata?.model_aliases])).toEqual([['mag-demo-regression', ['mag-demo-model']]]),
  },
  'curl -u elastic:secret http://127.0.0.1:9201/      # your credentials pass through, as without Docker': { status: 200 },
};

function shLines(markdown: string): string[] {
  const lines: string[] = [];
  for (const block of markdown.matchAll(/^```(?:sh|bash|shell|console)\n([\s\S]*?)^```/gm)) {
    // A backslash at the end of a line continues the command on the next one.
    const text = block[1]!.replace(/\\\n\s*/g, '');
    for (const line of text.split('\n')) if (line.trim() !== '' && !line.trim().startsWith('#')) lines.push(line.trim());
  }
  return lines;
}

/** `$NAME` or `${NAME}` at `at`, from EXAMPLE_ENV: [value, characters consumed]. */
function expandVariable(line: string, at: number): [string, number] {
  const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(line.slice(at));
  if (!m) throw new Error(`shell expansion not supported in: ${line}`);
  const name = (m[1] ?? m[2])!;
  const value = EXAMPLE_ENV[name];
  if (value === undefined) throw new Error(`$${name} is not set in .env.example (used in: ${line})`);
  return [value, m[0].length];
}

/** POSIX-shell words of one line: quotes, backslash escapes, a trailing comment; no operators allowed. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      let text = '';
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        else if (line[j] === '$') {
          const [value, length] = expandVariable(line, j);
          text += value;
          j += length - 1;
          continue;
        } else if (line[j] === '`') throw new Error(`command substitution not supported in: ${line}`);
        text += line[j];
      }
      if (j >= line.length) throw new Error(`unterminated " in: ${line}`);
      word = (word ?? '') + text;
      i = j;
    } else if (ch === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === '#' && word === null) {
      break;
    } else if (ch === '$') {
      const [value, length] = expandVariable(line, i);
      word = (word ?? '') + value;
      i += length - 1;
    } else if ('|&;<>()`'.includes(ch)) {
      throw new Error(`shell operator or expansion ${ch} not supported in: ${line}`);
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

interface HttpExample {
  method: string;
  url: URL;
  headers: Array<[string, string]>;
  body?: string;
  basicAuth?: { username: string; password: string };
}

/** curl's own defaults for the flags it understands; anything else fails the test. */
function translateCurl(line: string): HttpExample {
  const [cmd, ...args] = shellWords(line);
  if (cmd !== 'curl') throw new Error(`not a curl command: ${line}`);
  let method: string | undefined;
  let url: string | undefined;
  const headers: Array<[string, string]> = [];
  const data: string[] = [];
  let basicAuth: HttpExample['basicAuth'];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = (): string => {
      if (i + 1 >= args.length) throw new Error(`${arg} needs a value in: ${line}`);
      return args[++i]!;
    };
    if (arg === '-X' || arg === '--request') method = value();
    else if (arg === '-u' || arg === '--user') {
      const v = value();
      const colon = v.indexOf(':');
      if (colon < 0) throw new Error(`-u without a password would prompt: ${line}`);
      basicAuth = { username: v.slice(0, colon), password: v.slice(colon + 1) };
    } else if (arg === '-H' || arg === '--header') {
      const v = value();
      const colon = v.indexOf(':');
      if (colon <= 0) throw new Error(`bad header ${v} in: ${line}`);
      headers.push([v.slice(0, colon).trim(), v.slice(colon + 1).trim()]);
    } else if (arg === '-d' || arg === '--data' || arg === '--data-raw' || arg === '--data-binary') {
      const v = value();
      if (v.startsWith('@') && arg !== '--data-raw') throw new Error(`file data not supported: ${line}`);
      // -d strips CR/LF (only --data-binary keeps them); all join with '&'.
      data.push(arg === '-d' || arg === '--data' ? v.replace(/[\r\n]/g, '') : v);
    } else if (arg === '-s' || arg === '--silent' || arg === '-S' || arg === '--show-error' || arg === '-i' || arg === '--include' || arg === '-f' || arg === '--fail') {
      // output-only flags: no effect on the request
    } else if (arg.startsWith('-')) {
      throw new Error(`curl flag ${arg} has no translation here; teach readme-examples.spec.ts: ${line}`);
    } else if (url === undefined) url = arg;
    else throw new Error(`more than one URL in: ${line}`);
  }
  if (url === undefined) throw new Error(`no URL in: ${line}`);
  const body = data.length > 0 ? data.join('&') : undefined;
  if (body !== undefined && !headers.some(([n]) => n.toLowerCase() === 'content-type')) {
    headers.push(['Content-Type', 'application/x-www-form-urlencoded']); // what curl sends with -d
  }
  return { method: method ?? (body !== undefined ? 'POST' : 'GET'), url: new URL(url), headers, body, basicAuth };
}

const stack = useStack();

function baseFor(stackUrl: URL): string {
  if (stackUrl.hostname !== '127.0.0.1' && stackUrl.hostname !== 'localhost') throw new Error(`README example leaves the machine: ${stackUrl.href}`);
  const byPort: Record<string, string> = { '9201': stack.proxyUrl, '9202': stack.adminUrl, '9200': stack.esUrl };
  const base = byPort[stackUrl.port];
  if (!base) throw new Error(`README example on an unknown port ${stackUrl.port}`);
  return base;
}

async function send(base: string, example: HttpExample) {
  const headers: string[] = [];
  if (example.basicAuth) {
    headers.push('authorization', `Basic ${Buffer.from(`${example.basicAuth.username}:${example.basicAuth.password}`).toString('base64')}`);
  }
  for (const [name, value] of example.headers) headers.push(name, value);
  const answer = await request(`${base}${example.url.pathname}${example.url.search}`, { method: example.method as 'GET', headers, body: example.body });
  const text = await answer.body.text();
  return { status: answer.statusCode, body: text };
}

describe('README.md sh blocks', () => {
  it('are only the curl examples tested below and the skipped lines listed above', () => {
    const lines = shLines(README);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => !(l in CURL_EXPECTATIONS)).sort()).toEqual(Object.keys(SKIPPED).sort());
    expect(lines.filter((l) => !(l in SKIPPED)).sort()).toEqual(Object.keys(CURL_EXPECTATIONS).sort());
    for (const line of Object.keys(CURL_EXPECTATIONS)) expect(line.startsWith('curl ')).toBe(true);
  });

  it('translate curl flags as curl does', () => {
    expect(translateCurl(`curl -s -X PUT -H 'Content-Type: application/json' -d '{"a": 1}' "http://127.0.0.1:9201/x?y=1" # c`)).toEqual({
      method: 'PUT',
      url: new URL('http://127.0.0.1:9201/x?y=1'),
      headers: [['Content-Type', 'application/json']],
      body: '{"a": 1}',
      basicAuth: undefined,
    });
    expect(translateCurl('curl -d a=1 http://127.0.0.1:9201/').headers).toEqual([['Content-Type', 'application/x-www-form-urlencoded']]);
    expect(translateCurl('curl -d a=1 http://127.0.0.1:9201/').method).toBe('POST');
    expect(translateCurl(`curl -u "elastic:$ELASTIC_PASSWORD" 'http://127.0.0.1:9201/$x'`).basicAuth).toEqual({ username: 'elastic', password: EXAMPLE_ENV.ELASTIC_PASSWORD });
    expect(translateCurl(`curl -u "elastic:$ELASTIC_PASSWORD" 'http://127.0.0.1:9201/$x'`).url.pathname).toBe('/$x');
    expect(() => translateCurl('curl -u elastic:$NOT_IN_ENV_EXAMPLE http://127.0.0.1:9201/')).toThrow(/not set/);
    expect(() => translateCurl('curl --compressed http://127.0.0.1:9201/')).toThrow(/no translation/);
    expect(() => translateCurl('curl http://127.0.0.1:9201/ | jq .')).toThrow(/operator/);
  });
});

describeSandboxOnly('README.md curl examples against the sandbox through the proxy', () => {
  beforeEach(async () => stack.reset());
  afterEach(async () => stack.control('DELETE', '/_sandbox/security'));

  /** Security on, with the example's user (superuser): wrong or missing credentials are then refused by the cluster. */
  async function securityFor(example: HttpExample): Promise<void> {
    const users = example.basicAuth ? [{ ...example.basicAuth, roles: ['superuser'] }] : [];
    await stack.control('PUT', '/_sandbox/security', { users });
  }

  for (const [line, expected] of Object.entries(CURL_EXPECTATIONS)) {
    it(`runs: ${line}`, async () => {
      const example = translateCurl(line);
      const base = baseFor(example.url);
      await expected.setup?.(stack);
      if (example.basicAuth) await securityFor(example);
      await stack.control('DELETE', '/_sandbox/requests');
      const viaProxy = await send(base, example);
      expect(viaProxy.status).toBe(expected.status);
      expected.check?.(JSON.parse(viaProxy.body));

      if (base === stack.proxyUrl) {
        // The same request sent to the cluster directly answers the same.
        const direct = await send(stack.esUrl, example);
        expect(viaProxy).toEqual(direct);
        // Credentials pass through: the cluster saw the caller's own Authorization.
        const received = (await clusterRequests(stack)).filter((r) => r.method === example.method && r.url === `${example.url.pathname}${example.url.search}`);
        expect(received.length).toBeGreaterThanOrEqual(2);
        if (example.basicAuth) {
          const token = Buffer.from(`${example.basicAuth.username}:${example.basicAuth.password}`).toString('base64');
          expect(rawHeaderValues(received[0]!, 'authorization')).toEqual([`Basic ${token}`]);
        }
      }
    });

    if (translateCurl(line).basicAuth) {
      it(`control: with a wrong password the cluster refuses: ${line}`, async () => {
        const example = translateCurl(line);
        await expected.setup?.(stack);
        await securityFor(example);
        const answer = await send(baseFor(example.url), { ...example, basicAuth: { username: example.basicAuth!.username, password: 'wrong-password' } });
        expect(answer.status).toBe(401);
      });
    }
  }
});
