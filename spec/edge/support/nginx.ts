/**
 * A real nginx with the generated edge configuration, as the README runs it:
 * `nginx -p DIR -c DIR/nginx.conf -g 'daemon off;'` from a fresh temp prefix,
 * as the current user, on a 127.0.0.1 free port. Missing nginx fails the
 * suite under CI=true (`.ci/run` installs it) and skips it elsewhere.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { renderNginxConfig, type NginxEdgeOptions } from '../../../src/edge/nginx-config';

export const NGINX_BINARY = '/usr/sbin/nginx';
const nginxMissing = !existsSync(NGINX_BINARY);

if (nginxMissing && process.env.CI === 'true') {
  throw new Error(`${NGINX_BINARY} is missing: the edge suite needs nginx (apt-get install nginx; .ci/run does it)`);
}

/** `describe` for the edge suites: skipped without nginx outside CI, never under CI=true (see above). */
export const describeWithNginx: jest.Describe = nginxMissing ? describe.skip : describe;

export interface RunningNginx {
  url: string;
  port: number;
  prefix: string;
  config: string;
  /** Everything nginx wrote to stderr (its error log). */
  stderr(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nginx is not listening on ${port} after 5 s: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Starts nginx with `config` (a whole nginx.conf) in a new temp prefix. */
export async function startNginxWithConfig(config: string, port: number): Promise<RunningNginx> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'mag-edge-nginx-'));
  const file = path.join(prefix, 'nginx.conf');
  writeFileSync(file, config);
  // `-e` keeps the compiled-in error log path (/var/log/nginx) out of it; the config logs to stderr.
  const child = spawn(NGINX_BINARY, ['-p', prefix, '-c', file, '-e', path.join(prefix, 'error.log'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString('utf8');
  });
  try {
    await waitForPort(port, child, () => errors);
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
    stderr: () => errors,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGQUIT: graceful stop of master and workers.
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGQUIT');
        });
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** nginx with the generated edge configuration in front of `esUrl`, guarded requests to `guardUrl`. */
export async function startEdgeNginx(
  options: Omit<NginxEdgeOptions, 'edgeHost' | 'edgePort' | 'workerProcesses'> & { port?: number; workerProcesses?: string },
): Promise<RunningNginx> {
  const port = options.port ?? (await freePort());
  const config = renderNginxConfig({ workerProcesses: '1', ...options, edgeHost: '127.0.0.1', edgePort: port });
  return startNginxWithConfig(config, port);
}
