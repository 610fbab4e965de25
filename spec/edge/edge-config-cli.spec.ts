/**
 * `npm run -s edge-config` (dist/src/edge/cli.js, built by `npm test`):
 * prints a complete nginx.conf that nginx accepts run unprivileged from any
 * writable prefix as the README documents it; `--snippet` prints only the
 * http-level `map` and `upstream`s and the server-level part, which nginx
 * accepts pasted into an operator's own config; bad values of the proxy's
 * variables and of the edge's own give ONE message naming every one, exit
 * status 2 and nothing on stdout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NGINX_BINARY } from '../../bench/edge/edge-nginx';
import { describeWithNginx } from './support/nginx';

const CLI = join(__dirname, '..', '..', 'dist', 'src', 'edge', 'cli.js');
const GOOD = { ES_URL: 'http://127.0.0.1:9200', GUARD_URL: 'http://127.0.0.1:9201' };

function run(env: Record<string, string>, args: string[] = []) {
  // A clean environment and an empty working directory: no `.env` is read.
  const cwd = mkdtempSync(join(tmpdir(), 'mag-edge-cli-'));
  try {
    const result = spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, cwd, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

function nginxTest(config: string) {
  const prefix = mkdtempSync(join(tmpdir(), 'mag-edge-t-'));
  try {
    writeFileSync(join(prefix, 'nginx.conf'), config);
    return spawnSync(NGINX_BINARY, ['-t', '-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log'), '-g', 'daemon off;'], { encoding: 'utf8' });
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
}

describeWithNginx('npm run -s edge-config', () => {
  it('prints a complete nginx.conf that nginx accepts, with no user or daemon directive and relative paths', () => {
    const { status, stdout, stderr } = run({ ...GOOD, EDGE_PORT: '19999' });
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toContain('listen 127.0.0.1:19999;');
    expect(stdout).toContain('server 127.0.0.1:9200;');
    expect(stdout).toContain('server 127.0.0.1:9201;');
    expect(stdout).toContain('map $request_uri $mag_edge_upstream');
    expect(stdout).not.toMatch(/^\s*(user|daemon)\s/m);
    expect(stdout).not.toMatch(/^\s*(pid|\w+_temp_path|error_log|access_log)\s+\//m);
    const test = nginxTest(stdout);
    expect(test.stderr).toContain('test is successful');
  });

  it('prints the snippet: map and upstreams for http level, the rest for a server block', () => {
    const { status, stdout } = run(GOOD, ['--snippet']);
    expect(status).toBe(0);
    expect(stdout).not.toMatch(/^\s*(server|http|events)\s*\{/m);
    expect(stdout).toContain('location / {');
    const [httpPart, serverPart] = stdout.split('# ---- 2.');
    const wrapped = `events {}\nhttp {\n${httpPart}\nserver {\nlisten 127.0.0.1:19998;\n#${serverPart}\n}\n}\n`;
    const test = nginxTest(`pid nginx.pid;\n${wrapped.replace('http {', 'http {\nclient_body_temp_path cb; proxy_temp_path pt; fastcgi_temp_path ft; uwsgi_temp_path ut; scgi_temp_path st;')}`);
    expect(test.stderr).toContain('test is successful');
  });

  it('names every bad variable, the proxy\'s and the edge\'s, in one message; exit 2, nothing on stdout', () => {
    const { status, stdout, stderr } = run({ ES_URL: 'ftp://x', LOG_LEVEL: 'loud', GUARD_URL: 'https://g/p', EDGE_PORT: '70000', EDGE_HOST: 'a b' });
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1 + 5);
    for (const name of ['ES_URL', 'LOG_LEVEL', 'GUARD_URL', 'EDGE_PORT', 'EDGE_HOST']) expect(stderr).toContain(`  - ${name}`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('requires ES_URL and GUARD_URL', () => {
    const { status, stdout, stderr } = run({});
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('ES_URL is required');
    expect(stderr).toContain('GUARD_URL is required');
  });
});
