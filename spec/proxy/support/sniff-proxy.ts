/**
 * The front door and forwarder with the sniff route wired as start-proxy
 * wires it (matchSniffRoute → createSniffHandler with `rewrite`), in front of
 * an upstream stub; records what the handler reported.
 */
import type * as http from 'node:http';
import { matchSniffRoute, type SniffRoute } from '../../../src/sniff/sniff-route';
import { createSniffHandler } from '../../../src/sniff/sniff-handler';
import type { PublicAddress } from '../../../src/sniff/publish-address-rewrite';
import type { UntouchedReason } from '../../../src/sniff/sniff-answer';
import { startProxy, type RunningProxy } from './proxy-harness';
import { startUpstreamStub, type UpstreamStub } from '../../support/upstream-stub';

export const PUBLIC_ADDRESS: PublicAddress = { host: 'proxy.example.com', port: 9201 };

export interface SniffProxy extends RunningProxy {
  rewritten: number[];
  untouched: Array<{ reason: UntouchedReason; detail: string }>;
}

export async function startSniffProxy(upstreamUrl: string, options: { maxBufferedBytes?: number } = {}): Promise<SniffProxy> {
  const rewritten: number[] = [];
  const untouched: Array<{ reason: UntouchedReason; detail: string }> = [];
  // The handler needs the proxy's forwarder, and the proxy needs the handler: set once the proxy is up.
  const wired: { handle?: (req: http.IncomingMessage, res: http.ServerResponse) => void } = {};
  const proxy = await startProxy<SniffRoute>({
    upstreamUrl,
    matchGuarded: matchSniffRoute,
    handleGuarded: (req, res) => wired.handle!(req, res),
  });
  wired.handle = createSniffHandler({
    policy: 'rewrite',
    forwarder: proxy.forwarder,
    publicAddress: () => PUBLIC_ADDRESS,
    maxBufferedBytes: options.maxBufferedBytes,
    onRewritten: (count) => rewritten.push(count),
    onUntouched: (reason, detail) => untouched.push({ reason, detail }),
  });
  return Object.assign(proxy, { rewritten, untouched });
}

/** A node-info answer with one node, as a cluster at `10.0.0.1` writes it. */
export const NODE_INFO = JSON.stringify({
  _nodes: { total: 1, successful: 1, failed: 0 },
  cluster_name: 'prod',
  nodes: {
    aB3: {
      name: 'es-1',
      transport_address: '10.0.0.1:9300',
      http: { bound_address: ['10.0.0.1:9200'], publish_address: '10.0.0.1:9200', max_content_length_in_bytes: 104857600 },
    },
  },
});

export const NODE_INFO_REWRITTEN = NODE_INFO.replace('"publish_address":"10.0.0.1:9200"', '"publish_address":"proxy.example.com:9201"');

/** Lower-cased names of a flat raw header list, values kept. */
export function headerPairs(raw: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!.toLowerCase(), raw[i + 1]!]);
  return out;
}

/** The head without what the proxy's own HTTP server sets for its hop (framing, connection, Date). */
export function endToEndHeaders(raw: readonly string[]): Array<[string, string]> {
  const hop = new Set(['transfer-encoding', 'content-length', 'connection', 'keep-alive', 'date']);
  return headerPairs(raw).filter(([name]) => !hop.has(name));
}

/**
 * The setup of a sniff test file: an upstream stub and the sniff proxy in
 * front of it, started in beforeAll and closed in afterAll (proxy first).
 */
export function useSniffProxyWithStub(options: { maxBufferedBytes?: number } = {}): { stub(): UpstreamStub; proxy(): SniffProxy } {
  let stub: UpstreamStub | undefined;
  let proxy: SniffProxy | undefined;
  beforeAll(async () => {
    stub = await startUpstreamStub();
    proxy = await startSniffProxy(stub.url, options);
  });
  afterAll(async () => {
    await proxy?.close();
    await stub?.close();
  });
  return {
    stub: () => stub ?? fail('the stub is not started'),
    proxy: () => proxy ?? fail('the sniff proxy is not started'),
  };
}

function fail(message: string): never {
  throw new Error(message);
}
