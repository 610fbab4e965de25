/**
 * The product's passthrough path: the real front door, forwarder and route
 * matcher (`matchGuardedRoute`); the benchmark loads never match a guarded
 * route, so the guard itself is a stand-in that is never called.
 */
import { createForwarder } from '../../src/proxy/forwarder';
import { createFrontDoor } from '../../src/proxy/front-door';
import { matchGuardedRoute } from '../../src/rest/route-matcher';
import { announceWhenListening, upstreamUrlArgument } from './child-ready';

const forwarder = createForwarder({ upstreamUrl: upstreamUrlArgument() });
const server = createFrontDoor({
  matchGuarded: matchGuardedRoute,
  handleGuarded: (_req, res) => {
    res.writeHead(501);
    res.end();
  },
  forwarder,
});
announceWhenListening(server);
