/**
 * The life of one guarded request, shared by every guard: read the (small)
 * body, check, read facts, decide, then either answer in Elasticsearch's
 * name or forward the request as it came and relay the cluster's answer.
 * Whatever happens, exactly one answer is written and exactly one decision
 * line is logged.
 *
 * In report mode (GUARD_MODE=report) nothing is refused: what the guard
 * would have refused is forwarded with a `Warning` that says so, logged and
 * counted as `would_refuse`, or `would_fail_closed` when a read failed; a
 * caller whose credentials the cluster refuses gets no Warning.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { GuardedRoute } from '../../rest/route-matcher';
import type { Forwarder, ForwardOptions } from '../../proxy/forwarder';
import type { Logger } from '../../log/logger';
import { EsRejection, GuardError, MetadataReadError } from '../../errors';
import { sendGuardError } from '../../http/send-guard-error';
import { headerText, headerValue, withAddedHeader } from '../../http/headers';
import { readBody, ReadBody } from '../../http/read-body';
import { clientGoneSignal } from '../../http/client-gone';
import { decodeRequestBody, requestBodyEncoding } from '../../http/request-body-encoding';
import { closeConnectionAfterAnswer } from '../../proxy/close-after-answer';
import { DecisionLine, logDecision, VerdictLabel } from './decision-log';
import { hasWarning } from './warning-header';
import { tooLargeBody } from '../checks/request-body-limit';
import type { RequestPreludeFacts } from '../../rest/request-prelude';
import { mentionsCompatibleWith } from '../../rest/compatible-version';
import type { ClusterReads, ClusterReadsFactory } from '../facts/cluster-reads';
import { callerHeaders } from '../facts/caller-credentials';
import type { FailureRuleId, GuardVerdict, RuleId } from '../rules/verdict';

export interface ExchangeContext {
  req: IncomingMessage;
  route: GuardedRoute;
  /** The request body, read whole (guarded requests are small). */
  body: Buffer;
  /** What the REST-layer checks need to know of the request's headers (and the cluster's major, when it matters). */
  prelude: RequestPreludeFacts;
  /** The decision line being built: guards add `request` fields and `facts`. */
  decision: DecisionLine;
  /** The request's read layer, with the caller's credentials. */
  reads: ClusterReads;
  /** Runs the guard's metadata reads, timing them for the decision line. */
  timeReads<T>(reads: () => Promise<T>): Promise<T>;
}

/** A guard's decision step: the request's verdict, from its checks, facts and rules. */
export type DecideStep = (context: ExchangeContext) => Promise<GuardVerdict>;

export interface ExchangeDeps {
  forwarder: Forwarder;
  logger: Logger;
  mode: 'enforce' | 'report';
  /** Builds each request's read layer. */
  facts: ClusterReadsFactory;
  /** Formats a `Warning` header value as Elasticsearch writes it (docs §5.5). */
  warningHeader(text: string, req: IncomingMessage): Promise<string>;
  /** Told about every finished decision (metrics). */
  onDecision?(decision: DecisionLine): void;
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
  decide: DecideStep,
): Promise<void> {
  const started = performance.now();
  const decision: DecisionLine = {
    route: route.kind,
    method: route.method,
    path: route.decodedPath,
    opaqueId: typeof req.headers['x-opaque-id'] === 'string' ? req.headers['x-opaque-id'] : undefined,
    request: { ...route.pathParams },
    verdict: 'error',
    rule: 'unknown',
    durationsMs: { total: 0 },
  };
  // The client going away before the answer aborts the reads and stops the
  // exchange before anything is forwarded (and so frees the same-alias lock).
  const clientGone = clientGoneSignal(res);
  const reads = deps.facts.forCaller(callerHeaders(req.headers), clientGone);
  const finish = (verdict: VerdictLabel, rule: RuleId, extra: Partial<DecisionLine> = {}) => {
    Object.assign(decision, { verdict, rule }, extra);
    if (reads.labels.length > 0) decision.reads = reads.labels;
    decision.durationsMs.total = round(performance.now() - started);
    logDecision(deps.logger, decision);
    deps.onDecision?.(decision);
  };
  /**
   * Answers in Elasticsearch's name, after the cluster has accepted the
   * caller's credentials (docs §8.4); a caller it refuses gets its 401 instead.
   */
  const answer = async (label: VerdictLabel, rule: RuleId, rejection: GuardError) => {
    try {
      await reads.proveCaller();
    } catch (error) {
      if (!(error instanceof GuardError)) throw error;
      sendGuardError(req, res, error);
      finish(labelOfFailure(error), error.code as FailureRuleId, { status: error.statusCode, reason: error.message });
      return;
    }
    sendGuardError(req, res, rejection);
    finish(label, rule, { status: rejection.statusCode, reason: rejection.message });
  };

  const received: ReadBody = await readBody(req, BODY_LIMIT_BYTES);
  if (!received.complete) {
    // Not kept whole, so it cannot be forwarded either, in any mode.
    const rejection = tooLargeBody(BODY_LIMIT_BYTES);
    closeConnectionAfterAnswer(req, res); // the unread rest is discarded, the connection closed after the 413 (docs §8.2)
    await answer('invalid', rejection.type as RuleId, rejection);
    return;
  }
  // The guard decides on the body as Elasticsearch's HTTP layer decodes it (docs §8.1), and forwards the bytes as they came.
  const decoded = decodeRequestBody(received.bytes, requestBodyEncoding(req.headers['content-encoding']), BODY_LIMIT_BYTES);
  if (!decoded.ok) {
    if (decoded.problem === 'corrupt') {
      // Netty's decompressor fails in the pipeline: Elasticsearch closes the connection without an answer.
      res.destroy();
      finish('invalid', 'REQUEST_BODY_NOT_DECODABLE');
      return;
    }
    const rejection = decoded.problem === 'too_large' ? tooLargeBody(BODY_LIMIT_BYTES) : undecodableBody(decoded.encoding);
    await answer('invalid', rejection.type as RuleId, rejection);
    return;
  }

  const accept = headerText(req.headers.accept);
  const contentType = headerText(req.headers['content-type']);
  const prelude: RequestPreludeFacts = {
    present: decoded.bytes.length > 0,
    contentType,
    accept,
    clusterMajor: mentionsCompatibleWith(accept, contentType) ? await deps.clusterMajor?.(req) : undefined,
  };
  const context: ExchangeContext = {
    req,
    route,
    body: decoded.bytes,
    prelude,
    decision,
    reads,
    async timeReads(work) {
      const readsStarted = performance.now();
      try {
        return await work();
      } finally {
        decision.durationsMs.reads = round(performance.now() - readsStarted);
      }
    },
  };

  const forward = async (verdict: VerdictLabel, rule: RuleId, options: ForwardOptions, extra: Partial<DecisionLine> = {}) => {
    const upstreamStarted = performance.now();
    let upstreamStatus: number | undefined;
    const { onResponseHead } = options;
    await deps.forwarder.forward(req, res, {
      body: received.bytes,
      onResponseHead: (statusCode, headers) => {
        upstreamStatus = statusCode;
        return onResponseHead ? onResponseHead(statusCode, headers) : headers;
      },
    });
    decision.durationsMs.upstream = round(performance.now() - upstreamStarted);
    finish(verdict, rule, { upstreamStatus, ...extra });
  };

  // In report mode a failure is forwarded like a refusal, under the failure's code.
  let verdict: GuardVerdict | { allowed: false; rule: FailureRuleId; rejection: GuardError };
  try {
    verdict = await decide(context);
  } catch (error) {
    if (!(error instanceof GuardError)) throw error;
    if (clientGone.aborted) {
      finish('error', 'CLIENT_CLOSED', { reason: error.message });
      return;
    }
    const rule = error.code as FailureRuleId;
    if (deps.mode === 'enforce') {
      sendGuardError(req, res, error);
      finish(labelOfFailure(error), rule, { status: error.statusCode, reason: error.message });
      return;
    }
    verdict = { allowed: false, rule, rejection: error };
  }
  if (clientGone.aborted) {
    finish('error', 'CLIENT_CLOSED');
    return;
  }

  if (verdict.allowed) {
    const warning = verdict.warning;
    if (warning === undefined) {
      await forward('allowed', verdict.rule, {});
      return;
    }
    // Elasticsearch adds the input-fields warning itself (docs §2 step 12); the
    // proxy adds it only when the cluster's answer lacks it.
    const header = await deps.warningHeader(warning, req);
    await forward(
      'allowed',
      verdict.rule,
      {
        onResponseHead: (statusCode, headers) =>
          statusCode === 200 && !hasWarning(headerValue(headers, 'warning'), warning) ? withAddedHeader(headers, 'Warning', header) : headers,
      },
      { warning },
    );
    return;
  }

  const { rejection, rule } = verdict;
  if (deps.mode === 'report') {
    // Report mode never blocks, not even when a read failed (README: report mode);
    // that case is logged and counted apart, as `would_fail_closed`.
    const failedClosed = rejection instanceof MetadataReadError;
    const text = `model-alias-guard would have refused this request (${rule}): ${rejection.message}`;
    const header = await deps.warningHeader(text, req);
    await forward(
      failedClosed ? 'would_fail_closed' : 'would_refuse',
      rule,
      {
        // No verdict and no cluster detail for a caller whose credentials the cluster refused.
        onResponseHead: (status, headers) => (status === 401 || status === 403 ? headers : withAddedHeader(headers, 'Warning', header)),
      },
      { status: rejection.statusCode, reason: rejection.message },
    );
    return;
  }
  await answer('byRequestChecks' in verdict ? 'invalid' : 'refused', rule, rejection);
}

/** `snappy`: decoded by Elasticsearch, not by the proxy, which cannot then check the request (fail closed, docs §8.1). */
function undecodableBody(encoding: string): EsRejection {
  return new EsRejection(
    415,
    'model_alias_guard_unsupported_body_exception',
    `model-alias-guard decodes request bodies sent with Content-Encoding gzip or deflate, not [${encoding}]`,
  );
}

function labelOfFailure(error: GuardError): VerdictLabel {
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
