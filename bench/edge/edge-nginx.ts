/**
 * nginx with a given configuration from a fresh temp prefix, run as the
 * current user exactly as the README documents it:
 * `nginx -p DIR -c DIR/nginx.conf -g 'daemon off;'` (plus `-e`, so the
 * compiled-in error log path is never opened). Shared by the edge tests,
 * the routing fuzz script and the benchmark.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort, NGINX_BINARY, waitForPort } from '../lib/processes';

export { freePort, NGINX_BINARY };

export interface RunningNginx {
  url: string;
  port: number;
  prefix: string;
  config: string;
  /** The master's pid (with `master_process off`, the one process that does the work). */
  pid: number;
  /** Everything nginx wrote to stderr (its error log). */
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts nginx with `config` (a whole nginx.conf listening on `port`); `globals` are extra `-g` directives. */
export async function startNginxWithConfig(config: string, port: number, globals = ''): Promise<RunningNginx> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'mag-edge-nginx-'));
  const file = path.join(prefix, 'nginx.conf');
  writeFileSync(file, config);
  const child = spawn(NGINX_BINARY, ['-p', prefix, '-c', file, '-e', path.join(prefix, 'error.log'), '-g', `daemon off;${globals}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString('utf8');
  });
  try {
    await waitForPort(port, 5_000, () => (child.exitCode !== null ? `nginx exited (${child.exitCode}): ${errors}` : undefined));
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(prefix, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    prefix,
    config,
    pid: child.pid!,
    stderr: () => errors,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGQUIT: graceful stop of the master and its workers. A graceful stop waits for
        // requests still in flight (a test may leave one hanging on a cluster that never
        // answers, and proxy_read_timeout is long), so after a short grace nginx gets
        // SIGTERM (fast shutdown) and, should that not do, SIGKILL.
        await new Promise<void>((resolve) => {
          const fast = setTimeout(() => child.kill('SIGTERM'), 2_000);
          const kill = setTimeout(() => child.kill('SIGKILL'), 4_000);
          child.once('exit', () => {
            clearTimeout(fast);
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGQUIT');
        });
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
