/**
 * `npm start` without ES_URL: the built proxy starts the seeded sandbox,
 * says loudly that it is one, prints an allowed and a refused alias change
 * that behave as printed, and stops cleanly on SIGTERM. Runs the build
 * output (`npm test` builds first), as `npm start` does.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { raw } from '../support/http-client';

const ENTRY = join(__dirname, '..', '..', 'dist', 'src', 'index.js');
const describeBuilt = existsSync(ENTRY) ? describe : describe.skip;

function waitForBanner(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no banner in time; output so far:\n${out}`)), 15000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (/and one the guard refuses:\n\s+curl .*\n/.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before the banner:\n${out}`)));
  });
}

function curlTarget(banner: string, after: string): { method: string; url: string } {
  const line = banner.split(after)[1]!.split('\n').find((l) => l.trim().startsWith('curl'))!;
  const match = /-X (\w+) '([^']+)'/.exec(line)!;
  return { method: match[1]!, url: match[2]! };
}

describeBuilt('npm start without ES_URL', () => {
  let child: ChildProcess;
  let banner: string;
  beforeAll(async () => {
    child = spawn(process.execPath, [ENTRY], {
      env: { PATH: process.env.PATH, PROXY_PORT: '0', ADMIN_PORT: '0', SANDBOX_PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    banner = await waitForBanner(child);
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('says it guards the sandbox', () => {
    expect(banner).toMatch(/NO ES_URL GIVEN: this is the built-in SANDBOX cluster/);
  });

  it('prints an allowed and a refused alias change that behave as printed', async () => {
    const allowed = curlTarget(banner, 'Try an allowed alias change:');
    const refused = curlTarget(banner, 'and one the guard refuses:');
    const base = new URL(allowed.url).origin;
    const ok = await raw(base, allowed.method, allowed.url.slice(base.length));
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ acknowledged: true });
    const no = await raw(base, refused.method, refused.url.slice(base.length));
    expect(no.status).toBe(400);
    expect(no.json.error.type).toBe('status_exception');
  });

  it('stops with exit code 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
