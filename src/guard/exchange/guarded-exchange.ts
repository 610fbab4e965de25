/**
 * The life of one guarded request, shared by every guard: read the (small)
 * body, check, read facts, decide, then either answer in Elasticsearch's
 * name or forward the request as it came and relay the cluster's answer.
 * Whatever happens, exactly one answer is written and exactly one decision
 * line is logged.
 *
 * In report mode (GUARD_MODE=report) nothing is refused: what the guard
 * would have refused is forwarded with a `Warning` that says so, and logged
 * and counted as `would_refuse`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { GuardedRoute } from '../../rest/route-matcher';
import type { Forwarder, ForwardOptions } from '../../proxy/forwarder';
import type { Logger } from '../../log/logger';
import { EsFlatRejection, EsRejection, GuardError } from '../../errors';
import { sendGuardError } from '../../http/send-guard-error';
import { headerText, withAddedHeader } from '../../http/headers';
import { readBody, ReadBody } from '../../http/read-body';
import { Decision, logDecision, Verdict } from './decision-log';
import { tooLargeBody } from '../checks/request-body-limit';
import type { RequestBodyFacts } from '../checks/alias-request-checks';
import { mentionsCompatibleWith } from '../../rest/compatible-version';

export type GuardOutcome =
  /** Refused by Elasticsearch's REST layer before any read (bad parameter, body, validation). */
  | { kind: 'invalid'; rejection: EsRejection | EsFlatRejection }
  /** Refused by a rule, answered as Elasticsearch answers it. */
  | { kind: 'refuse'; rule: string; rejection: EsRejection }
  /** Forwarded as it came. */
  | { kind: 'forward'; rule: string; warning?: string; onResponseHead?: ForwardOptions['onResponseHead'] };

export interface ExchangeContext {
  req: IncomingMessage;
  route: GuardedRoute;
  /** The request body, read whole (guarded requests are small). */
  body: Buffer;
  /** What the REST-layer checks need to know of the request's headers (and the cluster's major, when it matters). */
  headerFacts: RequestBodyFacts;
  /** The decision line being built: guards add `request` fields and `facts`. */
  decision: Decision;
  /** Runs the guard's metadata reads, timing them for the decision line. */
  timeReads<T>(reads: () => Promise<T>): Promise<T>;
}

export interface ExchangeDeps {
  forwarder: Forwarder;
  logger: Logger;
  mode: 'enforce' | 'report';
  /** Formats a `Warning` header value as Elasticsearch writes it (docs §5.5). */
  warningHeader(text: string, req: IncomingMessage): Promise<string>;
  /** Told about every finished decision (metrics). */
  onDecision?(decision: Decision): void;
  /** The cluster's major version, asked only for requests that name a `compatible-with` version. */
  clusterMajor?(req: IncomingMessage): Promise<number | undefined>;
}

/** Guarded requests carry a few fields at most; this is far above any valid one. */
const BODY_LIMIT_BYTES = 64 * 1024;

export async function runGuardedExchange(
  deps: ExchangeDeps,
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
    deps.onDecision?.(decision);
  };

  const body: ReadBody = await readBody(req, BODY_LIMIT_BYTES);
  if (!body.complete) {
    // Not kept whole, so it cannot be forwarded either, in any mode.
    const rejection = tooLargeBody(BODY_LIMIT_BYTES);
    sendGuardError(req, res, rejection);
    finish('invalid', rejection.type, { status: rejection.statusCode, reason: rejection.message });
    return;
  }

  const accept = headerText(req.headers.accept);
  const contentType = headerText(req.headers['content-type']);
  const headerFacts: RequestBodyFacts = {
    present: body.bytes.length > 0,
    contentType,
    accept,
    clusterMajor: mentionsCompatibleWith(accept, contentType) ? await deps.clusterMajor?.(req) : undefined,
  };
  const context: ExchangeContext = {
    req,
    route,
    body: body.bytes,
    headerFacts,
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

  const forward = async (verdict: Verdict, rule: string, options: ForwardOptions, extra: Partial<Decision> = {}) => {
    const upstreamStarted = performance.now();
    let upstreamStatus: number | undefined;
    const { onResponseHead } = options;
    await deps.forwarder.forward(req, res, {
      body: body.bytes,
      onResponseHead: (statusCode, headers) => {
        upstreamStatus = statusCode;
        return onResponseHead ? onResponseHead(statusCode, headers) : headers;
      },
    });
    decision.durationsMs.upstream = round(performance.now() - upstreamStarted);
    finish(verdict, rule, { upstreamStatus, ...extra });
  };

  let outcome: GuardOutcome;
  try {
    outcome = await decide(context);
  } catch (error) {
    if (!(error instanceof GuardError)) throw error;
    outcome = { kind: 'refuse', rule: error.code, rejection: error as EsRejection };
    if (deps.mode === 'enforce') {
      sendGuardError(req, res, error);
      finish(verdictFor(error), error.code, { status: error.statusCode, reason: error.message });
      return;
    }
  }

  if (outcome.kind === 'forward') {
    await forward('allowed', outcome.rule, { onResponseHead: outcome.onResponseHead }, { warning: outcome.warning });
    return;
  }

  const rejection = outcome.rejection;
  const rule = outcome.kind === 'refuse' ? outcome.rule : ruleOfInvalid(rejection);
  if (deps.mode === 'report') {
    const text = `model-alias-guard would have refused this request (${rule}): ${rejection.message}`;
    const header = await deps.warningHeader(text, req);
    await forward('would_refuse', rule, { onResponseHead: (_status, headers) => withAddedHeader(headers, 'Warning', header) }, {
      status: rejection.statusCode,
      reason: rejection.message,
    });
    return;
  }
  sendGuardError(req, res, rejection);
  finish(outcome.kind === 'refuse' ? 'refused' : 'invalid', rule, { status: rejection.statusCode, reason: rejection.message });
}

function ruleOfInvalid(rejection: GuardError): string {
  return rejection instanceof EsRejection ? rejection.type : `rest_${rejection.statusCode}`;
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
