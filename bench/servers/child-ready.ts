/**
 * Children tell the bench runner which port they listen on over the fork IPC
 * channel, and exit when the runner goes away.
 */
import type { Server } from 'node:net';

/** What a child announces once it listens: its port, plus anything else the runner needs (e.g. an admin URL). */
export interface ReadyMessage {
  port: number;
  [key: string]: unknown;
}

/**
 * Sends the ready message and answers the runner's questions:
 * - 'cpu': CPU time used so far (user + system, µs); the runner samples it
 *   around each load run to get CPU per request, which noisy neighbours barely move.
 * - 'memory': process.memoryUsage() (rss, heapUsed, external, arrayBuffers).
 * - 'gc': a full collection when the child runs with --expose-gc (a no-op otherwise).
 */
export function announceReady(message: ReadyMessage): void {
  process.on('disconnect', () => process.exit(0));
  process.on('message', (request: unknown) => {
    if (request === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMicros: user + system });
    } else if (request === 'memory') {
      process.send?.({ memory: process.memoryUsage() });
    } else if (request === 'gc') {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      process.send?.({ gcDone: gc !== undefined });
    }
  });
  process.send?.(message);
}

export function announceWhenListening(server: Server): void {
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    announceReady({ port: address.port });
  });
}

/** The upstream URL handed over on the command line. */
export function upstreamUrlArgument(): string {
  const url = process.argv[2];
  if (!url) throw new Error('usage: node <server>.js <upstream url>');
  return url;
}
