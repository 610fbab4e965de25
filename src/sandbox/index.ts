/**
 * The sandbox: an in-process Elasticsearch emulator for the proxy's end-to-end tests
 * (behaviour: docs/elasticsearch-behaviour.md). Public API used by other modules.
 */
import { createServer as createHttpServer, Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { SandboxCore } from './server';
import { parseVersion } from './version';
import { seedDemoData } from './demo-data';

export { demoCurlExamples, seedDemoData } from './demo-data';

export interface SandboxOptions {
  /** 0 = ephemeral (default 0). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default '8.15.0'. */
  esVersion?: string;
  /** Delay before a started deployment becomes fully allocated (default 0 = at once). */
  allocationDelayMs?: number;
  seedDemoData?: boolean;
  security?: {
    users?: Array<{ username: string; password: string; roles: string[] }>;
    apiKeys?: Array<{ id: string; key: string; roles: string[] }>;
    /** role name → cluster privileges */
    roles?: Record<string, string[]>;
  };
  license?: 'basic' | 'trial';
  /** PEM; an https server when given. */
  tls?: { cert: string; key: string };
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  port: number;
  esVersion: string;
  close(): Promise<void>;
  /** Same as POST /_sandbox/reset. */
  reset(): void;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const version = parseVersion(options.esVersion ?? '8.15.0');
  const core = new SandboxCore(
    {
      version,
      allocationDelayMs: options.allocationDelayMs ?? 0,
      security: options.security ?? null,
      license: options.license ?? 'trial',
      seed: options.seedDemoData ? seedDemoData : null,
    },
    host,
  );
  const listener = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void => {
    void core.handle(req, res);
  };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createHttpServer(listener);
  server.keepAliveTimeout = 5000;
  server.on('connection', (s) => core.trackSocket(s));
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  core.node.port = port;
  const scheme = options.tls ? 'https' : 'http';
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | null = null;
  return {
    url: `${scheme}://${urlHost}:${port}`,
    port,
    esVersion: version.number,
    reset: () => core.reset(),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        core.state.clear(core.features.modelType);
        server.close(() => resolve());
        server.closeIdleConnections?.();
        core.destroySockets();
      });
      return closed;
    },
  };
}
