/** Listening and closing the node:http servers of the proxy. */
import type { Server } from 'node:http';

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive sockets would hold close() open until they time out.
    server.closeIdleConnections();
  });
}

/** A host as it stands in a URL: IPv6 literals in brackets (RFC 3986 §3.2.2). */
export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
