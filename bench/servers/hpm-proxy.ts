/**
 * http-proxy-middleware (node-http-proxy underneath) on a bare node:http
 * server, with a keep-alive agent: the common Express-world way to proxy.
 */
import * as http from 'node:http';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { announceWhenListening, upstreamUrlArgument } from './child-ready';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const proxy = createProxyMiddleware<http.IncomingMessage, http.ServerResponse>({
  target: upstreamUrlArgument(),
  changeOrigin: true,
  agent,
});
const server = http.createServer((req, res) => {
  void proxy(req, res, () => {
    res.writeHead(404).end();
  });
});
announceWhenListening(server);
