/**
 * The cluster stand-in: answers like Elasticsearch would, as cheaply as
 * possible, so the proxies under test dominate the cost.
 * - GET  -> a 2 KB JSON document (`_doc` GET shape), Content-Length framed
 * - POST -> reads the whole body, answers a small `_bulk` result
 * No Date header (Elasticsearch sends none).
 */
import * as http from 'node:http';
import { announceWhenListening } from './child-ready';

function documentOf(bytes: number): Buffer {
  const head = '{"_index":"bench","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true,"_source":{"text":"';
  const tail = '"}}';
  return Buffer.from(head + 'x'.repeat(bytes - head.length - tail.length) + tail);
}

const DOCUMENT = documentOf(2048);
const BULK_RESULT = Buffer.from('{"took":3,"errors":false,"items":[{"index":{"_index":"bench","_id":"1","status":201}}]}');
const JSON_HEADERS = ['X-elastic-product', 'Elasticsearch', 'content-type', 'application/json'];
const DOCUMENT_HEADERS = [...JSON_HEADERS, 'content-length', String(DOCUMENT.length)];
const BULK_HEADERS = [...JSON_HEADERS, 'content-length', String(BULK_RESULT.length)];

const server = http.createServer({ requestTimeout: 0 }, (req, res) => {
  res.sendDate = false;
  if (req.method === 'POST') {
    req.on('data', () => undefined);
    req.on('end', () => {
      res.writeHead(200, BULK_HEADERS);
      res.end(BULK_RESULT);
    });
    return;
  }
  res.writeHead(200, DOCUMENT_HEADERS);
  res.end(DOCUMENT);
});
server.keepAliveTimeout = 120_000;
announceWhenListening(server);
