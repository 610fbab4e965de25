/** Starting and stopping the servers under test, each in its own process. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ReadyMessage } from '../servers/child-ready';
import { productNodeFlags } from './product-node-flags';

export interface RunningServer {
  name: string;
  url: string;
  /** CPU time (user + system) the server process used so far, in µs. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** One question over IPC ('cpu', 'memory', 'gc'); resolves with the first answer that has `field`. */
function ask<T>(child: ChildProcess, request: string, field: string): Promise<T> {
  return new Promise((resolve, reject) => {
    if (!child.connected) {
      reject(new Error(`child ${child.pid} is gone (asked '${request}')`));
      return;
    }
    const onMessage = (message: Record<string, unknown>) => {
      if (message === null || typeof message !== 'object' || !(field in message)) return;
      child.off('message', onMessage);
      resolve(message[field] as T);
    };
    child.on('message', onMessage);
    child.send(request);
  });
}

function askCpu(child: ChildProcess): Promise<number> {
  return ask<number>(child, 'cpu', 'cpuMicros');
}

/** utime + stime of a non-node process from /proc (clock ticks, 100 Hz on Linux). */
function procCpuMicros(pid: number | undefined): Promise<number> {
  if (pid === undefined) return Promise.resolve(Number.NaN);
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Promise.resolve((Number(fields[11]) + Number(fields[12])) * 10_000);
  } catch {
    return Promise.resolve(Number.NaN);
  }
}

/** A node child forked by forkServer: also answers memory questions and forced collections. */
export interface ForkedServer extends RunningServer {
  pid: number;
  /** The child's ready message (port, plus what the child added, e.g. an admin URL). */
  ready: ReadyMessage;
  /** process.memoryUsage() inside the child. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** A full collection in the child; false when it runs without --expose-gc. */
  gc(): Promise<boolean>;
}

export interface ForkOptions {
  /** Node flags for the child, e.g. ['--expose-gc']; default: this process's. */
  execArgv?: string[];
}

/** Forks a compiled bench server (dist/bench/servers/<file>.js) and waits for its port. */
export function forkServer(name: string, file: string, args: string[] = [], options: ForkOptions = {}): Promise<ForkedServer> {
  const child = fork(path.join(__dirname, '..', 'servers', file), args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    ...(options.execArgv ? { execArgv: options.execArgv } : {}),
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${name} exited early (code ${code})`)));
    child.once('message', (message: ReadyMessage) => {
      resolve({
        name,
        url: `http://127.0.0.1:${message.port}`,
        pid: child.pid!,
        ready: message,
        cpuMicros: () => askCpu(child),
        memory: () => ask<NodeJS.MemoryUsage>(child, 'memory', 'memory'),
        gc: () => ask<boolean>(child, 'gc', 'gcDone'),
        stop: () => stopChild(child),
      });
    });
  });
}

/**
 * The whole proxy (servers/guard-proxy.ts) in front of `clusterUrl`, with the
 * Node flags `npm start` uses (product-node-flags.ts) plus `extraFlags`.
 */
export function forkGuardProxy(name: string, clusterUrl: string, extraFlags: string[] = []): Promise<ForkedServer> {
  return forkServer(name, 'guard-proxy.js', [clusterUrl], { execArgv: [...process.execArgv, ...productNodeFlags(), ...extraFlags] });
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Polls until something accepts on 127.0.0.1:`port`. `exited` (when given) is
 * asked first on every try, so a server that died while starting fails at
 * once with what it said instead of after the whole timeout.
 */
export async function waitForPort(port: number, timeoutMs: number, exited?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const death = exited?.();
    if (death !== undefined) throw new Error(death);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on ${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const NGINX_BINARY = '/usr/sbin/nginx';

/**
 * nginx as a streaming reverse proxy, run as the current user from a temp
 * prefix: one process (master_process off, the same one-core footing as the
 * node proxies), upstream keep-alive, no request or response buffering.
 */
export async function startNginx(upstreamUrl: string): Promise<RunningServer> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'bench-nginx-'));
  const port = await freePort();
  const upstream = new URL(upstreamUrl);
  const config = `
daemon off;
master_process off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  keepalive_timeout 120s;
  keepalive_requests 1000000;
  upstream cluster {
    server ${upstream.host};
    keepalive 64;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 0;
    location / {
      proxy_pass http://cluster;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host ${upstream.host};
      proxy_buffering off;
      proxy_request_buffering off;
    }
  }
}
`;
  writeFileSync(path.join(prefix, 'nginx.conf'), config);
  const child = spawn(NGINX_BINARY, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForPort(port, 5_000);
  return {
    name: 'nginx',
    url: `http://127.0.0.1:${port}`,
    cpuMicros: () => procCpuMicros(child.pid),
    async stop() {
      await stopChild(child);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
