/** Listening and closing the node:http servers of the proxy. */
import type { Server } from 'node:http';

/**
 * A listener could not be opened. Names the setting that chose the address,
 * so a start on a busy port says which variable to change instead of
 * printing Node's EADDRINUSE stack.
 */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  /** `EADDRINUSE`, `EACCES`, `EADDRNOTAVAIL`, `ENOTFOUND`, ... */
  readonly code: string;
  constructor(
    /** The variable that chose the port (`PROXY_PORT`, `ADMIN_PORT`, `SANDBOX_PORT`). */
    readonly portSetting: string,
    /** The variable that chose the host (`PROXY_HOST`, ...). */
    readonly hostSetting: string,
    readonly host: string,
    readonly port: number,
    cause: NodeJS.ErrnoException,
  ) {
    super(listenProblem(portSetting, hostSetting, host, port, cause), { cause });
    this.code = cause.code ?? 'LISTEN_FAILED';
  }
}

function listenProblem(portSetting: string, hostSetting: string, host: string, port: number, cause: NodeJS.ErrnoException): string {
  const where = `${host}:${port}`;
  switch (cause.code) {
    case 'EADDRINUSE':
      return `${portSetting}=${port}: the port is already in use on ${host} (EADDRINUSE); set ${portSetting} to a free port`;
    case 'EACCES':
      return `${portSetting}=${port}: not allowed to listen on ${where} (EACCES; ports below 1024 need privileges); set ${portSetting} to a port above 1023`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${hostSetting}=${host}: no such local address to listen on (${cause.code}); set ${hostSetting} to an address of this machine, e.g. 127.0.0.1 or 0.0.0.0`;
    default:
      return `cannot listen on ${where} (${hostSetting}, ${portSetting}): ${cause.code ?? cause.message}`;
  }
}

/** Listens; a failure rejects with a ListenError naming `settings` (defaults for the proxied port). */
export function listen(
  server: Server,
  port: number,
  host: string,
  settings: { port: string; host: string } = { port: 'PROXY_PORT', host: 'PROXY_HOST' },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => reject(new ListenError(settings.port, settings.host, host, port, error));
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
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

/**
 * A listen failure of a server started elsewhere (the sandbox) as a
 * ListenError naming `settings`; any other error is returned as it is.
 */
export function asListenError(error: unknown, settings: { port: string; host: string }, host: string, port: number): unknown {
  if (error instanceof ListenError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const syscall = (error as NodeJS.ErrnoException | undefined)?.syscall;
  if (typeof code === 'string' && (syscall === 'listen' || syscall === 'bind' || syscall === 'getaddrinfo')) {
    return new ListenError(settings.port, settings.host, host, port, error as NodeJS.ErrnoException);
  }
  return error;
}
