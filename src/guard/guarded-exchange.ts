/**
 * The life of one guarded request, shared by every guard: check, read,
 * decide, then either answer in Elasticsearch's name or forward the request
 * as it came and relay the cluster's answer. Whatever happens, exactly one
 * answer is written and exactly one decision line is logged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { GuardedRoute } from '../rest/route-matcher';
import type { Forwarder, ForwardOptions } from '../proxy/forwarder';
import type { Logger } from '../log/logger';
import { EsFlatRejection, EsRejection, GuardError } from '../errors';
import { sendGuardError } from '../http/send-guard-error';
import { Decision, logDecision, Verdict } from './decision-log';

export type GuardOutcome =
  /** Refused by Elasticsearch's REST layer before any read (bad parameter, body, validation). */
  | { kind: 'invalid'; rejection: EsRejection | EsFlatRejection }
  /** Refused by a rule, answered as Elasticsearch answers it. */
  | { kind: 'refuse'; rule: string; rejection: EsRejection }
  /** Forwarded as it came; `body` replaces the request body the guard already read. */
  | { kind: 'forward'; rule: string; body: Buffer; warning?: string; onResponseHead?: ForwardOptions['onResponseHead'] };

export interface ExchangeContext {
  req: IncomingMessage;
  route: GuardedRoute;
  /** The decision line being built: guards add `request` fields and `facts`. */
  decision: Decision;
  /** Runs the guard's metadata reads, timing them for the decision line. */
  timeReads<T>(reads: () => Promise<T>): Promise<T>;
}

export async function runGuardedExchange(
  deps: { forwarder: Forwarder; logger: Logger },
  req: IncomingMessage,
  res: ServerResponse,
  route: GuardedRoute,
  decide: (context: ExchangeContext) => Promise<GuardOutcome>,
): Promise<void> {
  const started = performance.now();
  const decision: Decision = {
    route: route.kind,
    method: route.method,
    path: route.decodedPath,
    opaqueId: typeof req.headers['x-opaque-id'] === 'string' ? req.headers['x-opaque-id'] : undefined,
    request: { ...route.pathParams },
    verdict: 'error',
    rule: 'unknown',
    durationsMs: { total: 0 },
  };
  const finish = (verdict: Verdict, rule: string, extra: Partial<Decision> = {}) => {
    Object.assign(decision, { verdict, rule }, extra);
    decision.durationsMs.total = round(performance.now() - started);
    logDecision(deps.logger, decision);
  };
  const context: ExchangeContext = {
    req,
    route,
    decision,
    async timeReads(reads) {
      const readsStarted = performance.now();
      try {
        return await reads();
      } finally {
        decision.durationsMs.reads = round(performance.now() - readsStarted);
      }
    },
  };

  let outcome: GuardOutcome;
  try {
    outcome = await decide(context);
  } catch (error) {
    if (!(error instanceof GuardError)) throw error;
    sendGuardError(req, res, error);
    finish(verdictFor(error), error.code, { status: error.statusCode, reason: error.message });
    return;
  }

  switch (outcome.kind) {
    case 'invalid': {
      const { rejection } = outcome;
      sendGuardError(req, res, rejection);
      const rule = rejection instanceof EsRejection ? rejection.type : `rest_${rejection.statusCode}`;
      finish('invalid', rule, { status: rejection.statusCode, reason: rejection.message });
      return;
    }
    case 'refuse':
      sendGuardError(req, res, outcome.rejection);
      finish('refused', outcome.rule, { status: outcome.rejection.statusCode, reason: outcome.rejection.reason });
      return;
    case 'forward': {
      const upstreamStarted = performance.now();
      let upstreamStatus: number | undefined;
      const { onResponseHead } = outcome;
      await deps.forwarder.forward(req, res, {
        body: outcome.body,
        onResponseHead: (statusCode, headers) => {
          upstreamStatus = statusCode;
          return onResponseHead ? onResponseHead(statusCode, headers) : headers;
        },
      });
      decision.durationsMs.upstream = round(performance.now() - upstreamStarted);
      finish('allowed', outcome.rule, { upstreamStatus, warning: outcome.warning });
    }
  }
}

function verdictFor(error: GuardError): Verdict {
  switch (error.name) {
    case 'CallerNotAuthorizedError':
      return 'not_authorized';
    case 'MetadataReadError':
      return 'failed_closed';
    case 'EsRejection':
    case 'EsFlatRejection':
      return 'refused';
    default:
      return 'error';
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
