/**
 * Closing a client connection after an answer given while the client may
 * still be sending its request body: the guard's 413 for an oversized
 * guarded body, and an early answer from the cluster (docs §8.2).
 *
 * The answer says `Connection: close` (RFC 9112 §9.6), so the client sends its
 * next request on a fresh connection and nobody has to find where the unread
 * body ends. Closing right away would be wrong too: a socket closed with
 * unread bytes in its receive buffer sends a TCP reset, and a reset reaching
 * the client before it has read the answer destroys the answer
 * (RFC 9112 §9.6: "lingering close"). So the proxy half-closes (FIN after the answer's
 * last byte), keeps reading and discarding what the client still sends, and
 * closes once the client is done, or after a bounded time, as nginx does with
 * its `lingering_time` (30 s) and `lingering_timeout` (5 s) defaults.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** The longest a refused client may keep sending after the answer. */
export const LINGER_TOTAL_MS = 30_000;
/** The longest gap between two reads while lingering. */
export const LINGER_IDLE_MS = 5_000;

export interface LingerLimits {
  totalMs: number;
  idleMs: number;
}

const DEFAULT_LIMITS: LingerLimits = { totalMs: LINGER_TOTAL_MS, idleMs: LINGER_IDLE_MS };

/** node's own way to discard an unread request body (IncomingMessage#_dump, used by its HTTP server). */
interface DumpableRequest {
  _dump?: () => void;
}

const closing = new WeakSet<Socket>();

/**
 * Makes the answer about to be written the last on its connection: it goes
 * out with `Connection: close`, and after it the connection is closed the
 * lingering way. Call it before the answer's head is written; returns false
 * (and changes nothing) when the head is already out or the socket is gone.
 */
export function closeConnectionAfterAnswer(req: IncomingMessage, res: ServerResponse, limits: LingerLimits = DEFAULT_LIMITS): boolean {
  const socket = res.socket;
  if (res.headersSent || !socket || socket.destroyed) return false;
  res.shouldKeepAlive = false;
  if (closing.has(socket)) return true;
  closing.add(socket);
  // node's server ends the socket with destroySoon() once the last answer is
  // written (res._last); lingering takes its place for this connection only.
  (socket as Socket & { destroySoon: () => void }).destroySoon = () => lingerThenClose(socket, req, limits);
  return true;
}

/** Whether this client connection is closing after its last answer: a request still parsed on it must not be served (RFC 9112 §9.6). */
export function isClosingAfterAnswer(socket: Socket | null | undefined): boolean {
  return socket !== null && socket !== undefined && closing.has(socket);
}

function lingerThenClose(socket: Socket, req: IncomingMessage, limits: LingerLimits): void {
  // Discard the rest of the body rather than pausing the socket (a paused
  // request stops node's parser from reading, and the client stalls).
  (req as IncomingMessage & DumpableRequest)._dump?.();
  socket.end();
  socket.resume();
  const total = setTimeout(() => socket.destroy(), limits.totalMs);
  total.unref();
  socket.setTimeout(limits.idleMs, () => socket.destroy());
  socket.once('close', () => clearTimeout(total));
}
