/**
 * Dockerfile and .dockerignore, checked by parsing them (no Docker engine runs here):
 * the two stages, the non-root user, the ports, the health check, the command. What can
 * be run without Docker is run: the build stage's `npm run build` on exactly the files the
 * Dockerfile copies, the runtime's imports against the production dependencies only, and
 * the HEALTHCHECK command against a stub admin server.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { configSchema } from '../../src/config/schema';
import { ROOT, read, dockerfile, envPairs, execForm, Instruction, options } from './deploy-files';

const instructions = dockerfile();
const froms = instructions.filter((i) => i.keyword === 'FROM');
const lastStage = froms.length - 1;
const inStage = (stage: number, keyword: string): Instruction[] => instructions.filter((i) => i.stage === stage && i.keyword === keyword);
const finalStage = (keyword: string): Instruction[] => inStage(lastStage, keyword);
const pkg = JSON.parse(read('package.json')) as { main: string; scripts: Record<string, string>; dependencies: Record<string, string> };

/** ARG defaults declared before the first FROM (usable in FROM lines). */
const globalArgs: Record<string, string> = Object.fromEntries(
  instructions
    .filter((i) => i.stage === -1 && i.keyword === 'ARG')
    .map((i) => {
      const [name, value = ''] = i.args.split('=');
      return [name!, value];
    }),
);
const image = (from: Instruction): string => from.args.split(/\s+/)[0]!.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a, b) => globalArgs[a ?? b] ?? '');
const stageName = (from: Instruction): string | undefined => /\s+AS\s+(\S+)/i.exec(from.args)?.[1];
const buildStage = froms.findIndex((f) => stageName(f) === 'build');

describe('Dockerfile: stages', () => {
  it('has a build stage and a runtime stage, both on node:20-bookworm-slim', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(buildStage).toBeGreaterThanOrEqual(0);
    expect(buildStage).not.toBe(lastStage);
    for (const from of froms) expect(image(from)).toBe('node:20-bookworm-slim');
  });

  it('builds with the dev dependencies: npm ci, then npm run build', () => {
    const runs = inStage(buildStage, 'RUN').map((r) => r.args);
    const ci = runs.findIndex((r) => /\bnpm ci\b/.test(r));
    const build = runs.findIndex((r) => /\bnpm run build\b/.test(r));
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(runs[ci]).not.toMatch(/--omit=dev|--production/);
    expect(build).toBeGreaterThan(ci);
  });

  it('stops the build on a base image older than Node 20.18.1 (package.json engines)', () => {
    const check = inStage(buildStage, 'RUN').find((r) => r.args.includes('process.versions.node'));
    expect(check).toBeDefined();
    const script = /^node -e "(.*)"$/.exec(check!.args)?.[1];
    expect(script).toBeDefined();
    const exitCode = (version: string) =>
      spawnSync(process.execPath, ['-e', script!.replace(/process\.versions\.node/g, `'${version}'`).replace(/process\.version\b/g, `'v${version}'`)]).status;
    expect(['20.18.1', '20.19.0', '22.0.0', process.versions.node].map(exitCode)).toEqual([0, 0, 0, 0]);
    expect(['20.18.0', '20.12.2', '18.20.4'].map(exitCode)).toEqual([1, 1, 1]);
  });

  it('runs with the production dependencies only and the build output of the build stage', () => {
    const runs = finalStage('RUN').map((r) => r.args);
    expect(runs.some((r) => /\bnpm ci\b.*--omit=dev/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm (run )?build\b/.test(r))).toBe(false);
    const copies = finalStage('COPY').map((c) => options(c.args));
    expect(copies).toContainEqual({ options: { from: 'build' }, rest: expect.stringMatching(/^\/app\/dist\s+\.\/dist$/) });
    // No sources in the runtime stage.
    expect(copies.filter((c) => !c.options.from).map((c) => c.rest)).toEqual(['package.json package-lock.json ./']);
  });
});

describe('Dockerfile: runtime', () => {
  it('runs as the non-root user `node`', () => {
    const users = finalStage('USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.args.split(':')[0];
    expect(user).toBe('node');
    // The last USER comes after the last RUN that installs (those need root) and before CMD.
    const index = instructions.indexOf(users.at(-1)!);
    expect(index).toBeGreaterThan(instructions.indexOf(finalStage('RUN').at(-1)!));
    expect(index).toBeLessThan(instructions.indexOf(finalStage('CMD').at(-1)!));
  });

  it('listens on every interface, on the configuration defaults, and exposes those ports', () => {
    const env = Object.assign({}, ...finalStage('ENV').map((e) => envPairs(e.args))) as Record<string, string>;
    expect(env.PROXY_HOST).toBe('0.0.0.0');
    const proxyPort = String(env.PROXY_PORT ?? configSchema.properties.PROXY_PORT.default);
    const adminPort = String(env.ADMIN_PORT ?? configSchema.properties.ADMIN_PORT.default);
    const exposed = finalStage('EXPOSE').flatMap((e) => e.args.split(/\s+/));
    expect(exposed.sort()).toEqual(['9201', '9202']);
    expect([proxyPort, adminPort].sort()).toEqual(['9201', '9202']);
  });

  it('has a HEALTHCHECK that asks /readyz on ADMIN_PORT with node itself', () => {
    const checks = finalStage('HEALTHCHECK');
    expect(checks).toHaveLength(1);
    const { options: opts, rest } = options(checks[0]!.args);
    expect(Object.keys(opts)).toEqual(expect.arrayContaining(['interval', 'timeout', 'start-period', 'retries']));
    const command = execForm(rest)!;
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain("'http://127.0.0.1:' + (process.env.ADMIN_PORT");
    expect(command[2]).toContain("+ '/readyz'");
    expect(command.join(' ')).not.toMatch(/\bcurl\b|\bwget\b/);
  });

  it('starts `node --no-memory-reducer dist/src/index.js` in exec form, which is what npm start runs', () => {
    const cmd = finalStage('CMD').at(-1)!;
    expect(execForm(cmd.args)).toEqual(['node', '--no-memory-reducer', 'dist/src/index.js']);
    expect(pkg.scripts.start).toBe('node --no-memory-reducer dist/src/index.js');
    expect(pkg.main).toBe('dist/src/index.js');
    expect(finalStage('ENTRYPOINT')).toEqual([]);
  });
});

describe('Dockerfile: what can run without Docker', () => {
  let servers: Array<ReturnType<typeof createServer>> = [];
  afterEach(() => {
    servers.forEach((s) => s.close());
    servers = [];
  });

  function runHealthcheck(env: Record<string, string>): Promise<number | null> {
    const command = execForm(options(finalStage('HEALTHCHECK')[0]!.args).rest)!;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, command.slice(1), { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
      child.once('error', reject);
      child.once('close', resolve);
    });
  }

  it('the HEALTHCHECK passes on /readyz 200 at ADMIN_PORT and fails on 503 or nothing listening', async () => {
    let status = 200;
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(req.url === '/readyz' ? status : 404).end();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = String((server.address() as AddressInfo).port);
    expect(await runHealthcheck({ ADMIN_PORT: port })).toBe(0);
    status = 503;
    expect(await runHealthcheck({ ADMIN_PORT: port })).toBe(1);
    expect(seen).toEqual(['/readyz', '/readyz']);
    await new Promise((resolve) => server.close(resolve));
    servers = [];
    expect(await runHealthcheck({ ADMIN_PORT: port })).toBe(1);
  });

  describe('the build stage, on exactly the files it copies', () => {
    let dir: string;
    let build: ReturnType<typeof spawnSync>;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'mag-docker-build-'));
      for (const copy of inStage(buildStage, 'COPY')) {
        const { options: opts, rest } = options(copy.args);
        expect(opts.from).toBeUndefined();
        const parts = rest.split(/\s+/);
        const destination = parts.pop()!;
        for (const source of parts) {
          const target = destination.endsWith('/') ? join(dir, destination, source) : join(dir, destination);
          cpSync(join(ROOT, source), target, { recursive: true });
        }
      }
      // Stands in for `npm ci` (the lock file's packages are what is installed here).
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      build = spawnSync('npm', ['run', 'build'], { cwd: dir, encoding: 'utf8' });
    }, 120_000);
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('`npm run build` succeeds and writes the CMD entry point', () => {
      expect(build.stderr).not.toMatch(/error TS/);
      expect(build.status).toBe(0);
      expect(existsSync(join(dir, 'dist', 'src', 'index.js'))).toBe(true);
    });

    it('the output needs only Node built-ins and the production dependencies (npm ci --omit=dev)', () => {
      const files: string[] = [];
      const walk = (at: string) => {
        for (const entry of readdirSync(at, { withFileTypes: true })) {
          if (entry.isDirectory()) walk(join(at, entry.name));
          else if (entry.name.endsWith('.js')) files.push(join(at, entry.name));
        }
      };
      walk(join(dir, 'dist'));
      expect(files.length).toBeGreaterThan(10);
      const allowed = new Set(Object.keys(pkg.dependencies));
      const outside: string[] = [];
      for (const file of files) {
        for (const match of readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
          const spec = match[1]!;
          if (spec.startsWith('.')) continue;
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
          if (spec.startsWith('node:') || builtinModules.includes(name)) continue;
          if (!allowed.has(name)) outside.push(`${relative(dir, file)}: ${spec}`);
        }
      }
      expect(outside).toEqual([]);
    });
  });
});

describe('.dockerignore', () => {
  const rules = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const reincluded = rules.filter((r) => r.startsWith('!')).map((r) => r.slice(1).replace(/\/$/, ''));

  it('is an allow-list: everything is left out unless named', () => {
    expect(rules[0]).toBe('*');
  });

  it('lets in every file the Dockerfile copies from the build context', () => {
    const sources = instructions
      .filter((i) => i.keyword === 'COPY' && !options(i.args).options.from)
      .flatMap((i) => options(i.args).rest.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(reincluded).toContain(source.replace(/\/$/, ''));
  });

  it('keeps secrets and local build state out of the context', () => {
    for (const secret of ['.env', 'node_modules', 'dist', '.git', 'spec']) expect(reincluded).not.toContain(secret);
    expect(reincluded.some((r) => r.includes('*'))).toBe(false);
  });
});
