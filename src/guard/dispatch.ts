/**
 * Route kind → guard. The front door has already matched the request on its
 * raw target with Elasticsearch's own REST-layer semantics
 * (`src/rest/route-matcher.ts`) and hands over only the guarded requests,
 * with their match; what is left here is a lookup by route kind, and the one
 * place where a guard's unexpected failure becomes an answer.
 *
 * A plain function, not an Express app: Express would re-route what the
 * matcher already routed (on a path it decodes differently from
 * Elasticsearch), parse no body the guards could use (they read the raw
 * bytes to forward them unchanged), and add its own request/response
 * prototypes to a path whose answers must look like Elasticsearch's. Measured
 * with `npm run bench` (guarded-put, 1 client, allowed PUT, p50 through the
 * proxy): 0.89 and 1.48 ms with this dispatcher, 1.79 ms with the Express app,
 * on a loaded 2-core VM where the direct figure moved between 0.13 and
 * 0.15 ms. The admin listener keeps Express; Express with
 * http-proxy-middleware stays a benchmark contender.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardedRoute, GuardedRouteKind, RouteMatch } from '../rest/route-matcher';
import { GuardError, InternalGuardError } from '../errors';
import { sendGuardError } from '../http/send-guard-error';

export type GuardedRouteHandler = (req: IncomingMessage, res: ServerResponse, route: GuardedRoute) => Promise<void>;

/** One guard per route kind (`src/app/guard-wiring.ts`). */
export type GuardHandlers = Record<GuardedRouteKind, GuardedRouteHandler>;

export type GuardDispatcher = (req: IncomingMessage, res: ServerResponse, match: RouteMatch) => void;

export function createGuardDispatcher(
  handlers: GuardHandlers,
  onInternalError: (error: Error, req: IncomingMessage) => void,
): GuardDispatcher {
  return (req, res, match) => {
    if (match.kind === 'malformed') {
      // Elasticsearch refuses it before any handler runs (docs §5.1): nothing to read or forward.
      sendGuardError(req, res, match.rejection);
      return;
    }
    handlers[match.kind](req, res, match).catch((error: unknown) => {
      if (error instanceof GuardError) {
        sendGuardError(req, res, error);
        return;
      }
      onInternalError(error instanceof Error ? error : new Error(String(error)), req);
      sendGuardError(req, res, new InternalGuardError(error instanceof Error ? error.message : String(error)));
    });
  };
}
