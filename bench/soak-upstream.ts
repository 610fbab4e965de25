/**
 * The soak's cluster (bench/soak.ts), in its own process: the sandbox
 * (src/sandbox, demo data) behind a thin front that answers the soak's
 * passthrough traffic (`/soak/...`) itself, as cheaply as the bench stub
 * (bench/servers/upstream-stub.ts), and relays everything else (the guard's
 * reads, the guarded PUTs, the readiness probe) to the sandbox. The
 * emulator is not built for throughput; this keeps the proxy, not the
 * emulator, the thing under load. The front's port is the proxy's ES_URL, so
 * every TCP connection to it is one of the proxy's upstream sockets.
 */
import * as http from 'node:http';
import { startSandbox } from '../src/sandbox';
import { announceReady } from './servers/child-ready';

const DOCUMENT = Buffer.from(
  JSON.stringify({ _index: 'soak', _id: '1', _version: 1, _seq_no: 0, _primary_term: 1, found: true, _source: { text: 'x'.repeat(1900) } }),
);
const SEARCH_RESULT = Buffer.from(
  '{"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]}}',
);
const JSON_HEADERS = ['X-elastic-product', 'Elasticsearch', 'content-type', 'application/json'];

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seedDemoData: true });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const front = http.createServer({ requestTimeout: 0 }, (req, res) => {
    res.sendDate = false;
    if (req.url?.startsWith('/soak/')) {
      req.on('data', () => undefined);
      req.on('end', () => {
        const body = req.method === 'POST' ? SEARCH_RESULT : DOCUMENT;
        res.writeHead(200, [...JSON_HEADERS, 'content-length', String(body.length)]);
        res.end(body);
      });
      return;
    }
    const relayed = http.request(
      { host: '127.0.0.1', port: sandbox.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    relayed.on('error', () => res.destroy());
    req.pipe(relayed);
  });
  front.keepAliveTimeout = 120_000;
  front.listen(0, '127.0.0.1', () => {
    const address = front.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    announceReady({ port: address.port, sandboxPort: sandbox.port });
  });
}

main().catch((error: unknown) => {
  console.error('soak upstream failed to start:', error);
  process.exit(1);
});
