/**
 * Starts the real front door + forwarder on 127.0.0.1:0 in front of a given
 * upstream, for one test file.
 */
import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createForwarder, type Forwarder, type ForwarderConfig } from '../../../src/proxy/forwarder';
import { createFrontDoor, type FrontDoorOptions } from '../../../src/proxy/front-door';

export interface RunningProxy {
  port: number;
  url: string;
  forwarder: Forwarder;
  server: http.Server;
  upstreamErrors: Error[];
  /** Requests the forwarder sent once more on a fresh connection, by the error that caused it. */
  upstreamRetries: Error[];
  close(): Promise<void>;
}

export interface ProxyHarnessOptions<M> {
  upstreamUrl: string;
  forwarder?: Omit<ForwarderConfig, 'upstreamUrl' | 'onUpstreamError' | 'onUpstreamRetry'>;
  /** Wraps the forwarder (to spy on it or pass ForwardOptions). */
  wrapForwarder?: (forwarder: Forwarder) => Forwarder;
  matchGuarded?: FrontDoorOptions<M>['matchGuarded'];
  handleGuarded?: FrontDoorOptions<M>['handleGuarded'];
  tls?: FrontDoorOptions<M>['tls'];
}

export async function startProxy<M = never>(options: ProxyHarnessOptions<M>): Promise<RunningProxy> {
  const upstreamErrors: Error[] = [];
  const upstreamRetries: Error[] = [];
  const forwarder = createForwarder({
    upstreamUrl: options.upstreamUrl,
    ...options.forwarder,
    onUpstreamError: (err) => upstreamErrors.push(err),
    onUpstreamRetry: (err) => upstreamRetries.push(err),
  });
  const used = options.wrapForwarder ? options.wrapForwarder(forwarder) : forwarder;
  const server = createFrontDoor<M>({
    matchGuarded: options.matchGuarded ?? (() => null),
    handleGuarded: options.handleGuarded ?? (() => { throw new Error('no guarded routes in this test'); }),
    forwarder: used,
    tls: options.tls,
  }) as http.Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    forwarder,
    server,
    upstreamErrors,
    upstreamRetries,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Bounded: close() waits for in-flight upstream requests.
      await Promise.race([forwarder.close(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    },
  };
}
