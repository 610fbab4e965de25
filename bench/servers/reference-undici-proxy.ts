/**
 * The reference: the smallest reasonable undici forwarder (node:http server,
 * one keep-alive Pool, pool.stream writing straight into the response).
 * It is what "as fast as a plain undici proxy" means in the targets.
 */
import * as http from 'node:http';
import { Pool, type Dispatcher } from 'undici';
import { announceWhenListening, upstreamUrlArgument } from './child-ready';

const upstream = new URL(upstreamUrlArgument());
const pool = new Pool(upstream.origin, { headersTimeout: 0, bodyTimeout: 0 });
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'transfer-encoding', 'upgrade', 'trailer', 'host'];

const server = http.createServer((req, res) => {
  const headers: Record<string, string | string[]> = { host: upstream.host };
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.includes(name)) headers[name] = value;
  }
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  pool.stream(
    { path: req.url ?? '/', method: req.method as Dispatcher.HttpMethod, headers, body: hasBody ? req : null },
    ({ statusCode, headers: answer }) => {
      for (const name of HOP_BY_HOP) delete answer[name];
      res.writeHead(statusCode, answer as http.OutgoingHttpHeaders);
      return res;
    },
    (err) => {
      if (!err) return;
      if (res.headersSent) res.destroy();
      else res.writeHead(502).end();
    },
  );
});
announceWhenListening(server);
