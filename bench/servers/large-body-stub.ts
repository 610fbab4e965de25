/**
 * The cluster stand-in for the memory section: moves large bodies without
 * keeping them.
 * - POST/PUT -> reads the body, counting and discarding the bytes, then
 *   answers `{"received":<bytes>}`
 * - GET /_bench/stream?bytes=N -> a chunked answer of N bytes made on the fly
 *   from one reused 64 KiB block, written only as fast as the socket takes it
 * - anything else -> a small Elasticsearch-like JSON answer
 */
import * as http from 'node:http';
import { announceWhenListening } from './child-ready';

const BLOCK = Buffer.alloc(64 * 1024, '{"index":{}}\n{"field":"large body streaming through the proxy"}\n');
const JSON_HEADERS = { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' };

async function streamAnswer(res: http.ServerResponse, total: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/x-ndjson', 'x-elastic-product': 'Elasticsearch' });
  let left = total;
  while (left > 0 && !res.destroyed) {
    const piece = left >= BLOCK.length ? BLOCK : BLOCK.subarray(0, left);
    left -= piece.length;
    if (!res.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  res.end();
}

const server = http.createServer({ requestTimeout: 0 }, (req, res) => {
  res.sendDate = false;
  if (req.method === 'POST' || req.method === 'PUT') {
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    req.on('end', () => {
      res.writeHead(200, JSON_HEADERS);
      res.end(JSON.stringify({ received }));
    });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://stub');
  if (req.method === 'GET' && url.pathname === '/_bench/stream') {
    void streamAnswer(res, Number(url.searchParams.get('bytes') ?? 0));
    return;
  }
  res.writeHead(200, JSON_HEADERS);
  res.end('{"name":"stub","cluster_name":"bench","version":{"number":"8.15.0","build_hash":"bench"},"tagline":"You Know, for Search"}');
});
server.keepAliveTimeout = 120_000;
announceWhenListening(server);
