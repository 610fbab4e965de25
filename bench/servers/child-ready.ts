/**
 * Children tell the bench runner which port they listen on over the fork IPC
 * channel, and exit when the runner goes away.
 */
import type { Server } from 'node:net';

export function announceWhenListening(server: Server): void {
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    process.send?.({ port: address.port });
  });
  process.on('disconnect', () => process.exit(0));
  // CPU time used so far (user + system, µs): the runner samples it around
  // each load run to get CPU per request, which noisy neighbours barely move.
  process.on('message', (message: unknown) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMicros: user + system });
    }
  });
}

/** The upstream URL handed over on the command line. */
export function upstreamUrlArgument(): string {
  const url = process.argv[2];
  if (!url) throw new Error('usage: node <server>.js <upstream url>');
  return url;
}
