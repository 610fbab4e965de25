/**
 * Stops a server the way a rolling deploy needs: no new connections, idle
 * keep-alive connections closed at once, in-flight requests given up to
 * `graceMs` to finish, and whatever is left after that cut.
 */
import type { Server } from 'node:http';

const IDLE_SWEEP_MS = 50;

/** Resolves with the number of connections that had to be cut when the grace ran out. */
export function drainServer(server: Server, graceMs: number, inFlight: () => number): Promise<{ cut: number }> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (cut: number) => {
      if (settled) return;
      settled = true;
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve({ cut });
    };
    server.close(() => finish(0));
    // A connection whose last request just finished becomes idle: close it then.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    server.closeIdleConnections();
    const deadline = setTimeout(() => {
      const cut = inFlight();
      server.closeAllConnections();
      finish(cut);
    }, graceMs);
  });
}
