/**
 * docker/seed.sh, the compose file's one-shot demo, run for real with the
 * local sh and curl against the sandbox (security on, user `elastic`) behind
 * the proxy: it must create its objects, see one alias change allowed and
 * one refused with the inference-config mismatch, exit 0, and do the same
 * when run again. A real cluster cannot be started here (no Docker engine).
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, Sandbox } from '../../src/sandbox';
import { startProxy, RunningProxy } from '../../src/app/start-proxy';
import { createLogger } from '../../src/log/logger';
import { treeModelBody } from '../support/fixtures';

const SEED = join(__dirname, '..', '..', 'docker', 'seed.sh');
const PASSWORD = 'seed-test-password';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Asynchronous on purpose: the sandbox and the proxy answer from this very process. */
function runSeed(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [SEED], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const hasCurl = spawnSync('curl', ['--version']).status === 0;
if (!hasCurl) {
  console.warn('curl is not installed: the docker/seed.sh run is skipped');
}

(hasCurl ? describe : describe.skip)('docker/seed.sh through the proxy', () => {
  let sandbox: Sandbox;
  let proxy: RunningProxy;

  beforeAll(async () => {
    sandbox = await startSandbox({
      port: 0,
      esVersion: '8.15.0',
      security: { users: [{ username: 'elastic', password: PASSWORD, roles: ['superuser'] }] },
    });
    proxy = await startProxy(
      {
        ES_URL: sandbox.url,
        PROXY_HOST: '127.0.0.1',
        PROXY_PORT: 0,
        ADMIN_PORT: 0,
        UPSTREAM_TIMEOUT_MS: 0,
        METADATA_TIMEOUT_MS: 5000,
        UPSTREAM_CONNECTIONS: 8,
        ES_USERNAME: 'elastic',
        ES_PASSWORD: PASSWORD,
        GUARD_MODE: 'enforce',
        STRICT_INPUT_FIELDS: false,
        STRICT_CAPACITY: false,
        SHUTDOWN_GRACE_MS: 100,
      },
      createLogger('silent'),
    );
  });
  afterAll(async () => {
    await proxy?.close();
    await sandbox?.close();
  });

  const env = () => ({ PROXY_URL: proxy.url, ELASTIC_PASSWORD: PASSWORD, WAIT_SECONDS: '10' });

  it('creates the objects, shows one allowed and one refused change, and exits 0', async () => {
    const run = await runSeed(env());
    if (process.env.SHOW_SEED) console.log(run.stdout);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/>>> PUT \/_ml\/trained_models\/mag-demo-regression\n<<< 200 /);
    expect(run.stdout).toMatch(/>>> PUT \/_ml\/trained_models\/mag-demo-classification\n<<< 200 /);
    expect(run.stdout).toMatch(/>>> PUT \/_ingest\/pipeline\/mag-demo-pipeline\n<<< 200 /);
    expect(run.stdout).toMatch(/ALLOWED[^\n]*\n\n>>> PUT \/_ml\/trained_models\/mag-demo-classification\/model_aliases\/mag-demo-classifier\n<<< 200 \{"acknowledged":true\}/);
    expect(run.stdout).toMatch(
      /REFUSED[^\n]*\n\n>>> PUT \/_ml\/trained_models\/mag-demo-classification\/model_aliases\/mag-demo-model\?reassign=true\n<<< 400 \{"error":.*"type":"status_exception".*cannot reassign model_alias \[mag-demo-model\] to model \[mag-demo-classification\] with inference config type \[classification\]/,
    );

    // The refused move really was not made: the alias still names the regression model.
    const models = await fetch(`${sandbox.url}/_ml/trained_models/mag-demo-model`, {
      headers: { authorization: `Basic ${Buffer.from(`elastic:${PASSWORD}`).toString('base64')}` },
    }).then((r) => r.json() as Promise<{ trained_model_configs: Array<{ model_id: string }> }>);
    expect(models.trained_model_configs.map((m) => m.model_id)).toEqual(['mag-demo-regression']);
  });

  it('runs again cleanly (it removes what the earlier run left)', async () => {
    const run = await runSeed(env());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/>>> DELETE \/_ingest\/pipeline\/mag-demo-pipeline\n<<< 200 /);
  });

  it('fails when the credentials are wrong (it checks the answers, not just prints them)', async () => {
    const run = await runSeed({ ...env(), ELASTIC_PASSWORD: 'wrong-password', WAIT_SECONDS: '2' });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/>>> GET \/\n<<< 401 /);
    expect(run.stderr).toMatch(/expected HTTP 200, got 401/);
  });

  it('refuses to start without ELASTIC_PASSWORD', async () => {
    const run = await runSeed({ PROXY_URL: proxy.url });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/ELASTIC_PASSWORD/);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const hasNginx = hasCurl && spawnSync('nginx', ['-v']).status === 0;
if (!hasNginx) console.warn('nginx (or curl) is not installed: the scale-out load balancer run is skipped');

/**
 * The scale-out example: docker/nginx-lb.conf in front of two proxy replicas (the two
 * addresses Docker's DNS would give for `proxy-replicas`), and the seed through it.
 */
(hasNginx ? describe : describe.skip)('docker/seed.sh through docker/nginx-lb.conf and two proxy replicas', () => {
  let sandbox: Sandbox;
  const replicas: RunningProxy[] = [];
  let nginx: ChildProcess | undefined;
  let dir: string;
  let lbUrl: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, security: { users: [{ username: 'elastic', password: PASSWORD, roles: ['superuser'] }] } });
    for (let i = 0; i < 2; i += 1) {
      replicas.push(
        await startProxy(
          {
            ES_URL: sandbox.url, PROXY_HOST: '127.0.0.1', PROXY_PORT: 0, ADMIN_PORT: 0, UPSTREAM_TIMEOUT_MS: 0,
            METADATA_TIMEOUT_MS: 5000, UPSTREAM_CONNECTIONS: 8, ES_USERNAME: 'elastic', ES_PASSWORD: PASSWORD,
            GUARD_MODE: 'enforce', STRICT_INPUT_FIELDS: false, STRICT_CAPACITY: false, SHUTDOWN_GRACE_MS: 100,
          },
          createLogger('silent'),
        ),
      );
    }
    dir = mkdtempSync(join(tmpdir(), 'mag-nginx-'));
    const port = await freePort();
    const lb = readFileSync(join(__dirname, '..', '..', 'docker', 'nginx-lb.conf'), 'utf8');
    const servers = replicas.map((r) => `server ${new URL(r.url).host};`).join('\n    ');
    const local = lb.replace(/server\s+proxy-replicas:9201;/, servers).replace(/listen\s+9201;/, `listen 127.0.0.1:${port};`);
    expect(local).toContain(servers);
    writeFileSync(join(dir, 'lb.conf'), local);
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off; master_process off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;\n` +
        `events {}\nhttp { access_log off; client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;\n` +
        `fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi; include ${dir}/lb.conf; }\n`,
    );
    const test = spawnSync('nginx', ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    expect(test.stderr).toMatch(/test is successful/);
    nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    lbUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx!.once('close', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    for (const replica of replicas) await replica.close();
    await sandbox?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs the whole demo through the load balancer: one change allowed, one refused', async () => {
    const run = await runSeed({ PROXY_URL: lbUrl, ELASTIC_PASSWORD: PASSWORD, WAIT_SECONDS: '10' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/model_aliases\/mag-demo-classifier\n<<< 200 /);
    expect(run.stdout).toMatch(/model_aliases\/mag-demo-model\?reassign=true\n<<< 400 .*with inference config type \[classification\]/);
  });
});

describe('docker/seed.sh model bodies', () => {
  const script = readFileSync(SEED, 'utf8');
  const body = (name: string): unknown => {
    const match = new RegExp(`^${name}='([^']*)'$`, 'm').exec(script);
    if (!match) throw new Error(`${name}='...' not found in docker/seed.sh`);
    return JSON.parse(match[1]!);
  };

  it.each(['regression', 'classification'] as const)('the %s model is the one-leaf body of spec/support/fixtures.ts treeModelBody', (kind) => {
    expect(body(`${kind}_model`)).toEqual(treeModelBody({ shape: 'one-leaf', config: kind }));
  });
});
