/**
 * The Express app that hosts the guards. The front door hands it only the
 * requests its matcher recognised, with the match; each guarded route kind
 * has one registered handler (after http-proxy-middleware's "behaviours as
 * registered handlers"). Express never sees passthrough traffic.
 */
import express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardedRoute, GuardedRouteKind, RouteMatch } from '../rest/route-matcher';
import { GuardError, InternalGuardError } from '../errors';
import { sendGuardError } from '../http/send-guard-error';

export type GuardedRouteHandler = (req: IncomingMessage, res: ServerResponse, route: GuardedRoute) => Promise<void>;

export type GuardHandlers = Record<GuardedRouteKind, GuardedRouteHandler>;

const matches = new WeakMap<IncomingMessage, RouteMatch>();

export function createGuardApp(
  handlers: GuardHandlers,
  onInternalError: (error: Error, req: IncomingMessage) => void,
): (req: IncomingMessage, res: ServerResponse, match: RouteMatch) => void {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.use((req, res, next) => {
    const match = matches.get(req);
    if (!match) {
      next(new InternalGuardError('guarded request arrived without its route match'));
      return;
    }
    if (match.kind === 'malformed') {
      // Elasticsearch refuses it before any handler runs (docs §5.1): nothing to read or forward.
      sendGuardError(req, res, match.rejection);
      return;
    }
    handlers[match.kind](req, res, match).catch(next);
  });

  // Express recognises an error handler by its four parameters.
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const guardError = error instanceof GuardError ? error : new InternalGuardError(describe(error));
    if (!(error instanceof GuardError)) onInternalError(error as Error, req);
    sendGuardError(req, res, guardError);
  });

  return (req, res, match) => {
    matches.set(req, match);
    app(req as express.Request, res as express.Response);
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
