/**
 * Route kind → guard. The front door has already matched the request on its
 * raw target with Elasticsearch's own REST-layer semantics
 * (`src/rest/route-matcher.ts`) and hands over only the guarded requests,
 * with their match; what is left here is a lookup by route kind, and the one
 * place where a guard's unexpected failure becomes an answer.
 *
 * A plain function, not an Express app: Express would re-route what the
 * matcher already routed (on a path it decodes differently from
 * Elasticsearch) and parse no body the guards could use, and it costs more
 * per request (docs/architecture.md gives the measurement).
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
