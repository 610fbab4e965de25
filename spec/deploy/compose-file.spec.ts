/**
 * docker-compose.yml, checked by parsing it (no Docker engine runs here): the services,
 * their ports, health checks and start order, and that every variable it uses is
 * documented in .env.example, which in turn documents every configuration variable.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { configSchema } from '../../src/config/schema';
import { loadConfig } from '../../src/config/load-config';
import { renderNginxConfig } from '../../src/edge/nginx-config';
import {
  ROOT,
  read,
  bytes,
  composeFile,
  ComposeService,
  dependsOn,
  envExample,
  environmentOf,
  interpolate,
  interpolateAll,
  stringValues,
  variablesIn,
} from './deploy-files';

const text = read('docker-compose.yml');
const compose = composeFile(text);
const services = compose.services;
const example = envExample();
/** The file as Compose sees it after `cp .env.example .env`. */
const resolved = interpolateAll(compose, example);

const healthTest = (service: ComposeService): string => {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
};

describe('docker-compose.yml: the file', () => {
  it('is valid YAML (anchors and all) with a services map and no obsolete `version` key', () => {
    const doc = parseDocument(text);
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
    expect(compose).not.toHaveProperty('version');
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['elasticsearch', 'proxy', 'seed']));
  });

  it('uses only variables that .env.example defines', () => {
    const used = new Set(stringValues(compose).flatMap(variablesIn));
    expect(used.size).toBeGreaterThan(0);
    const undocumented = [...used].filter((name) => !(name in example));
    expect(undocumented).toEqual([]);
  });

  it('interpolates with .env.example, and asks for ELASTIC_PASSWORD when it is missing', () => {
    expect(() => interpolateAll(compose, example)).not.toThrow();
    expect(() => interpolateAll(compose, { ...example, ELASTIC_PASSWORD: '' })).toThrow(/ELASTIC_PASSWORD/);
  });

  it('gives every service that others wait for as healthy a health check', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, condition] of Object.entries(dependsOn(service))) {
        expect({ service: name, dependency, exists: dependency in services }).toEqual({ service: name, dependency, exists: true });
        if (condition === 'service_healthy') expect({ dependency, test: healthTest(services[dependency]!) }).toEqual({ dependency, test: expect.stringMatching(/\S/) });
      }
    }
  });

  it('binds only files that exist', () => {
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0]! : volume.source;
        if (source.startsWith('.') || source.startsWith('/')) expect(existsSync(join(ROOT, source))).toBe(true);
      }
    }
  });
});

describe('docker-compose.yml: elasticsearch', () => {
  const es = services.elasticsearch!;
  const env = environmentOf(es);
  const resolvedEnv = environmentOf(resolved.services.elasticsearch!);

  it('is a single-node 8.x cluster with a trial licence, machine learning and security on', () => {
    expect(es.image).toMatch(/^docker\.elastic\.co\/elasticsearch\/elasticsearch:\$\{ES_VERSION(:-8\.\d+\.\d+)?\}$/);
    expect(example.ES_VERSION).toMatch(/^8\.\d+\.\d+$/);
    expect(resolved.services.elasticsearch!.image).toBe(`docker.elastic.co/elasticsearch/elasticsearch:${example.ES_VERSION}`);
    expect(env).toMatchObject({
      'discovery.type': 'single-node',
      'xpack.license.self_generated.type': 'trial',
      'xpack.ml.enabled': 'true',
      'xpack.security.enabled': 'true',
      'xpack.security.http.ssl.enabled': 'false',
    });
  });

  it('takes the elastic password from .env', () => {
    expect(variablesIn(env.ELASTIC_PASSWORD!)).toEqual(['ELASTIC_PASSWORD']);
    expect(resolvedEnv.ELASTIC_PASSWORD).toBe(example.ELASTIC_PASSWORD);
  });

  it('has memory settings that fit a laptop: a fixed heap well inside the container limit', () => {
    const heap = /-Xms(\S+)\s+-Xmx(\S+)/.exec(resolvedEnv.ES_JAVA_OPTS ?? '');
    expect(heap).not.toBeNull();
    expect(heap![1]).toBe(heap![2]);
    const limit = bytes(resolved.services.elasticsearch!.mem_limit!);
    expect(limit).toBeLessThanOrEqual(bytes('4g'));
    // Off-heap and the ML native share need room next to the heap.
    expect(limit).toBeGreaterThanOrEqual(2 * bytes(heap![1]!));
  });

  it('is healthy only when the cluster answers green or yellow to the elastic user', () => {
    const test = healthTest(es);
    expect(es.healthcheck!.test[0]).toBe('CMD-SHELL');
    expect(test).toMatch(/curl /);
    expect(test).toMatch(/_cluster\/health/);
    // `$$`: the container's own variable, not a Compose interpolation.
    expect(test).toContain('elastic:$${ELASTIC_PASSWORD}');
    expect(test).toMatch(/green\|yellow/);
    expect(es.healthcheck!.start_period).toBeDefined();
  });

  it('is not published: clients reach it only through the proxy', () => {
    expect(es.ports ?? []).toEqual([]);
  });
});

describe('docker-compose.yml: proxy', () => {
  const proxy = services.proxy!;
  const env = environmentOf(proxy);
  const schemaKeys = Object.keys(configSchema.properties);

  it('is built from the Dockerfile here and guards the compose cluster on every interface', () => {
    expect(typeof proxy.build === 'string' ? proxy.build : proxy.build?.context).toBe('.');
    expect(env.ES_URL).toBe('http://elasticsearch:9200');
    expect(env.PROXY_HOST).toBe('0.0.0.0');
  });

  it('has its own credentials for readiness and pipelines: elastic with the password from .env', () => {
    expect(env.ES_USERNAME).toBe('elastic');
    expect(variablesIn(env.ES_PASSWORD!)).toEqual(['ELASTIC_PASSWORD']);
    expect(env).not.toHaveProperty('ES_API_KEY');
  });

  it('sets only configuration variables the proxy knows, and they validate', () => {
    expect(Object.keys(env).filter((key) => !schemaKeys.includes(key))).toEqual([]);
    expect(() => loadConfig(environmentOf(resolved.services.proxy!), {})).not.toThrow();
  });

  it('publishes PROXY_PORT and ADMIN_PORT to the proxy and admin ports inside the container', () => {
    const ports = (proxy.ports ?? []).map((port) => {
      if (typeof port === 'string') {
        const parts = port.split(':');
        return { target: Number(parts.at(-1)), published: parts.at(-2) };
      }
      return { target: port.target, published: String(port.published) };
    });
    expect(ports).toEqual(
      expect.arrayContaining([
        { target: Number(env.PROXY_PORT), published: expect.stringMatching(/^\$\{PROXY_PORT(:-9201)?\}$/) },
        { target: Number(env.ADMIN_PORT), published: expect.stringMatching(/^\$\{ADMIN_PORT(:-9202)?\}$/) },
      ]),
    );
    expect(env.PROXY_PORT).toBe('9201');
    expect(env.ADMIN_PORT).toBe('9202');
    expect(ports).toHaveLength(2);
  });

  it('starts once the cluster is healthy', () => {
    expect(dependsOn(proxy)).toEqual({ elasticsearch: 'service_healthy' });
  });

  it('is healthy when the admin port answers /readyz, asked by node (no curl in the image)', () => {
    const test = proxy.healthcheck!.test as string[];
    expect(test[0]).toBe('CMD');
    expect(test[1]).toBe('node');
    expect(test.join(' ')).toContain(`http://127.0.0.1:${env.ADMIN_PORT}/readyz`);
  });
});

describe('docker-compose.yml: seed', () => {
  const seed = services.seed!;
  const env = environmentOf(seed);
  const mounts = (seed.volumes ?? []).map((v) =>
    typeof v === 'string'
      ? { source: v.split(':')[0], target: v.split(':')[1], read_only: v.split(':')[2] === 'ro' }
      : { source: v.source, target: v.target, read_only: v.read_only === true },
  );

  it('is a one-shot curl container that runs docker/seed.sh, mounted read-only', () => {
    expect(seed.image).toMatch(/^curlimages\/curl(:|$)/);
    expect(seed.restart).toBe('no');
    const mount = mounts.find((m) => m.source === './docker/seed.sh');
    expect(mount).toEqual({ source: './docker/seed.sh', target: expect.any(String), read_only: true });
    const runs = [seed.entrypoint, seed.command].flat().filter(Boolean).join(' ');
    expect(runs).toContain(mount!.target);
  });

  it('talks to the proxy, not the cluster, with the elastic password from .env', () => {
    const proxyPort = environmentOf(services.proxy!).PROXY_PORT;
    expect(env.PROXY_URL).toBe(`http://proxy:${proxyPort}`);
    expect(variablesIn(env.ELASTIC_PASSWORD!)).toEqual(['ELASTIC_PASSWORD']);
    expect(stringValues(seed).join(' ')).not.toMatch(/elasticsearch:9200/);
  });

  it('starts once the proxy is healthy', () => {
    expect(dependsOn(seed)).toEqual({ proxy: 'service_healthy' });
  });

  it('docker/seed.sh exists, is executable and parses (bash -n)', () => {
    const path = join(ROOT, 'docker', 'seed.sh');
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).mode & 0o111).not.toBe(0);
    expect(read('docker/seed.sh').startsWith('#!/bin/sh\n')).toBe(true);
    const check = spawnSync('bash', ['-n', path], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('docker-compose.yml: scale-out example', () => {
  const replicated = Object.entries(services).filter(([, s]) => Number(s.deploy?.replicas ?? 1) > 1);

  it('has a replicated proxy behind a load balancer, both off the default start', () => {
    expect(replicated).toHaveLength(1);
    const [name, replicas] = replicated[0]!;
    expect(replicas.build ?? replicas.image).toBeDefined();
    expect(Number(replicas.deploy!.replicas)).toBe(3);
    // Replicas cannot share a published host port: the load balancer is the entry point.
    expect(replicas.ports ?? []).toEqual([]);
    // The same settings, except the address sniffing clients are sent to: the load balancer.
    const { PROXY_PUBLIC_URL: replicasPublicUrl, ...replicasEnvironment } = environmentOf(replicas);
    const { PROXY_PUBLIC_URL: proxyPublicUrl, ...proxyEnvironment } = environmentOf(services.proxy!);
    expect(replicasEnvironment).toEqual(proxyEnvironment);
    expect(proxyPublicUrl).toBe('http://127.0.0.1:${PROXY_PORT:-9201}');
    expect(replicasPublicUrl).toBe('http://127.0.0.1:${LB_PORT:-9211}');
    expect(replicas.healthcheck).toEqual(services.proxy!.healthcheck);
    expect(dependsOn(replicas)).toEqual({ elasticsearch: 'service_healthy' });

    const lb = services.lb!;
    expect(lb.profiles).toEqual(replicas.profiles);
    expect(replicas.profiles?.length).toBeGreaterThan(0);
    expect(dependsOn(lb)).toEqual({ [name]: 'service_healthy' });
    const published = (resolved.services.lb!.ports ?? []).map((p) => (typeof p === 'string' ? p : String(p.published)));
    expect(published).toEqual([example.LB_PORT]);
    // No clash with the single proxy's ports when both run.
    expect([example.PROXY_PORT, example.ADMIN_PORT]).not.toContain(example.LB_PORT);
  });

  it('load-balances across the replicas by their service name', () => {
    const [name] = replicated[0]!;
    const conf = services.lb!.volumes!.map((v) => (typeof v === 'string' ? v.split(':')[0]! : v.source));
    expect(conf).toHaveLength(1);
    const nginx = read(conf[0]!);
    expect(nginx).toMatch(new RegExp(`server\\s+${name}:9201;`));
    expect(nginx).toMatch(/proxy_pass\s+http:\/\/\w+;/);
  });
});

/** A one-route HTTP stub; `answer` decides status and body per request. */
async function stub(answer: (url: string, auth: string | undefined) => { status: number; body: string }): Promise<{ port: number; server: Server }> {
  const server = createServer((req, res) => {
    const { status, body } = answer(req.url ?? '', req.headers.authorization);
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

/** Runs a health-check command asynchronously (the stub answers from this process); resolves to its exit code. */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: 'ignore' });
    child.once('error', reject);
    child.once('close', resolve);
  });
}

describe('docker-compose.yml: edge profile (beside nginx)', () => {
  const guard = services['edge-guard']!;
  const edgeNginx = services['edge-nginx']!;
  const mounted = (edgeNginx.volumes ?? []).map((v) => (typeof v === 'string' ? { source: v.split(':')[0]!, target: v.split(':')[1]! } : v));

  it('has the guard and the official nginx image, both off the default start', () => {
    expect(guard.profiles).toEqual(['edge']);
    expect(edgeNginx.profiles).toEqual(['edge']);
    expect(edgeNginx.image).toMatch(/^nginx:/);
    expect(guard.image).toBe(services.proxy!.image);
    expect(dependsOn(edgeNginx)).toEqual({ elasticsearch: 'service_healthy', 'edge-guard': 'service_healthy' });
    expect(dependsOn(guard)).toEqual({ elasticsearch: 'service_healthy' });
    expect(guard.healthcheck).toEqual(services.proxy!.healthcheck);
  });

  it('publishes nginx only; the guard sends sniffing clients to nginx', () => {
    expect(guard.ports ?? []).toEqual([]);
    const ports = (resolved.services['edge-nginx']!.ports ?? []).map((p) => (typeof p === 'string' ? p : `${p.published}:${p.target}`));
    expect(ports).toEqual(['9210:9210']);
    const { PROXY_PUBLIC_URL: guardPublicUrl, ...guardEnvironment } = environmentOf(guard);
    const { PROXY_PUBLIC_URL: _proxyPublicUrl, ...proxyEnvironment } = environmentOf(services.proxy!);
    expect(guardEnvironment).toEqual(proxyEnvironment);
    expect(guardPublicUrl).toBe('http://127.0.0.1:9210');
    expect([example.PROXY_PORT, example.ADMIN_PORT, example.LB_PORT]).not.toContain('9210');
  });

  it('mounts docker/nginx-edge.conf as nginx.conf, and that file is what edge-config generates for this compose file', () => {
    expect(mounted).toEqual([expect.objectContaining({ source: './docker/nginx-edge.conf', target: '/etc/nginx/nginx.conf' })]);
    const environment = environmentOf(guard);
    const expected = renderNginxConfig({
      esUrl: environment.ES_URL!,
      guardUrl: `http://edge-guard:${environment.PROXY_PORT}`,
      edgeHost: '*',
      edgePort: 9210,
      workerProcesses: 'auto',
    });
    expect(read('docker/nginx-edge.conf')).toBe(expected);
  });
});

describe('docker-compose.yml: the health checks, run here against stubs', () => {
  let servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    servers = [];
  });

  const hasCurl = spawnSync('curl', ['--version']).status === 0;
  (hasCurl ? it : it.skip)('elasticsearch: healthy on green or yellow with the right password, not on red or 401', async () => {
    const password = 'health-password';
    let health = 'yellow';
    const { port, server } = await stub((url, auth) => {
      if (auth !== `Basic ${Buffer.from(`elastic:${password}`).toString('base64')}`) return { status: 401, body: '{}' };
      if (!url.startsWith('/_cluster/health')) return { status: 404, body: '{}' };
      // Elasticsearch answers 408 when wait_for_status is not reached in time.
      return { status: health === 'red' ? 408 : 200, body: `{"cluster_name":"docker-cluster","status":"${health}","timed_out":${health === 'red'}}` };
    });
    servers.push(server);
    // As the container's shell would run it: `$$` is Compose's escape for `$`.
    const [kind, script] = services.elasticsearch!.healthcheck!.test as string[];
    expect(kind).toBe('CMD-SHELL');
    const shell = script!.replace(/\$\$/g, '$').replace('localhost:9200', `127.0.0.1:${port}`);
    expect(shell).toContain(`127.0.0.1:${port}`);
    expect(await run('sh', ['-c', shell], { ELASTIC_PASSWORD: password })).toBe(0);
    health = 'green';
    expect(await run('sh', ['-c', shell], { ELASTIC_PASSWORD: password })).toBe(0);
    health = 'red';
    expect(await run('sh', ['-c', shell], { ELASTIC_PASSWORD: password })).not.toBe(0);
    health = 'yellow';
    expect(await run('sh', ['-c', shell], { ELASTIC_PASSWORD: 'wrong' })).not.toBe(0);
  });

  it('proxy: healthy while /readyz answers 200, not on 503 or when nothing listens', async () => {
    let ready = true;
    const { port, server } = await stub((url) =>
      url === '/readyz' ? (ready ? { status: 200, body: '{"status":"ready"}' } : { status: 503, body: '{"status":"not_ready"}' }) : { status: 404, body: '{}' },
    );
    servers.push(server);
    const [kind, command, ...args] = services.proxy!.healthcheck!.test as string[];
    expect([kind, command]).toEqual(['CMD', 'node']);
    const adminPort = environmentOf(services.proxy!).ADMIN_PORT!;
    const pointed = args.map((a) => a.replace(`127.0.0.1:${adminPort}/`, `127.0.0.1:${port}/`));
    expect(pointed.join(' ')).toContain(`127.0.0.1:${port}/readyz`);
    expect(await run(process.execPath, pointed)).toBe(0);
    ready = false;
    expect(await run(process.execPath, pointed)).toBe(1);
    await new Promise((resolve) => server.close(resolve));
    servers = [];
    expect(await run(process.execPath, pointed)).toBe(1);
  });
});

describe('.env.example', () => {
  it('documents every configuration variable of src/config/schema.ts', () => {
    const missing = Object.keys(configSchema.properties).filter((key) => !(key in example));
    expect(missing).toEqual([]);
  });

  it('is a valid configuration as it stands (for npm start with `cp .env.example .env`)', () => {
    const config = loadConfig({}, example);
    expect(config.PROXY_PORT).toBe(9201);
    expect(config.ADMIN_PORT).toBe(9202);
  });

  it('gives each variable one comment or more above it', () => {
    const lines = read('.env.example').split('\n');
    const uncommented: string[] = [];
    lines.forEach((line, index) => {
      const match = /^([A-Z_][A-Z0-9_]*)=/.exec(line);
      if (!match) return;
      let above = index - 1;
      while (above >= 0 && /^[A-Z_][A-Z0-9_]*=/.test(lines[above]!)) above -= 1;
      if (above < 0 || !lines[above]!.startsWith('#')) uncommented.push(match[1]!);
    });
    expect(uncommented).toEqual([]);
  });
});

describe('the compose-file helpers', () => {
  it('find and interpolate variables as Compose does', () => {
    expect(variablesIn('a ${X} $Y ${Z:-d} $${NOT} $$ALSO_NOT ${W:?no ${V}}')).toEqual(['X', 'Z', 'W', 'V', 'Y']);
    expect(interpolate('${A:-x}-${B-y}-$${C}-$D', { A: '', B: '' , D: 'd'})).toBe('x--${C}-d');
    expect(() => interpolate('${A:?gone}', {})).toThrow(/A is missing: gone/);
    expect(bytes('2560m')).toBe(2560 * 1024 * 1024);
  });
});
