/**
 * The connector of the forwarder's upstream sockets: undici's own (or the
 * configured one), with one change: a write that fails because the cluster
 * closed the connection does not end the exchange by itself.
 *
 * Why: when the cluster answers before the request body is sent in full and
 * then closes (Elasticsearch over `http.max_content_length`, docs §8.2), the
 * proxy's next body write fails (EPIPE / ECONNRESET) while the answer is
 * already waiting in the socket's receive buffer. node destroys a socket on a
 * failed write before reading what was received, so undici would report
 * "connection closed" and the client would get a 502 instead of the
 * cluster's answer, depending on which of the two the event loop saw first.
 * Here the failed write is swallowed and later writes are dropped; the read
 * side then delivers the answer, and then its end or error, to undici as
 * usual. A connection reset with no answer still fails as before, from the
 * read side.
 */
import type { Socket } from 'node:net';
import { buildConnector } from 'undici';

type WriteCallback = (err?: Error | null) => void;
type WriteGeneric = (this: Socket, writev: boolean, data: unknown, encoding: string, cb: WriteCallback) => unknown;

/** After a swallowed write failure, the longest the read side may take to end. */
const READ_SIDE_GRACE_MS = 30_000;

export type ConnectOption = Partial<buildConnector.BuildOptions> | buildConnector.connector | undefined;

export function resetTolerantConnector(connect: ConnectOption): buildConnector.connector {
  const base: buildConnector.connector = typeof connect === 'function' ? connect : buildConnector({ ...connect });
  return (options, callback) => {
    base(options, (...args) => {
      const socket = args[1];
      if (socket) tolerateWriteResets(socket);
      callback(...args);
    });
  };
}

function isConnectionClosed(err: Error): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EPIPE' || code === 'ECONNRESET';
}

/** Wraps node's net.Socket#_writeGeneric, the one path every write (write, writev, TLS) takes. */
export function tolerateWriteResets(socket: Socket): void {
  const internals = socket as Socket & { _writeGeneric?: WriteGeneric };
  const write = internals._writeGeneric;
  if (typeof write !== 'function') return; // a node without it: default behaviour
  let writeFailed = false;
  internals._writeGeneric = function tolerantWrite(this: Socket, writev, data, encoding, cb) {
    if (writeFailed) {
      cb();
      return undefined;
    }
    return write.call(this, writev, data, encoding, (err) => {
      if (err && isConnectionClosed(err)) {
        writeFailed = true;
        const grace = setTimeout(() => socket.destroy(err), READ_SIDE_GRACE_MS);
        grace.unref();
        socket.once('close', () => clearTimeout(grace));
        cb();
        return;
      }
      cb(err);
    });
  };
}
