/**
 * Guards `PUT _ml/trained_models/{model_id}/model_aliases/{model_alias}`:
 * Elasticsearch's REST checks, then live facts, then the rules of §2 in
 * order; a violation is answered as Elasticsearch answers it, anything else
 * is forwarded as it came and the cluster's answer relayed (§2 step 13: the
 * cluster stays the authority and re-checks on its master).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { GuardedRoute } from '../rest/route-matcher';
import type { Forwarder } from '../proxy/forwarder';
import type { Logger } from '../log/logger';
import type { ClusterIdentityCache } from '../es/cluster-identity';
import { EsRejection, GuardError } from '../errors';
import { readBody } from '../http/read-body';
import { sendGuardError } from '../http/send-guard-error';
import { checkAliasRequest } from './alias-request-checks';
import { AliasFactsReader } from './alias-facts-reader';
import { decideAliasChange } from './alias-rules';
import { callerHeaders } from './caller-credentials';
import { Decision, logDecision, summarizeAliasFacts, Verdict } from './decision-log';
import { formatWarningHeader, hasWarning } from './warning-header';
import type { AliasChangeFacts } from './facts';

/** An alias change has no body; a few bytes are enough to know one was sent. */
const BODY_LIMIT_BYTES = 64 * 1024;

export interface AliasGuardDeps {
  facts: AliasFactsReader;
  forwarder: Forwarder;
  identity: ClusterIdentityCache;
  logger: Logger;
}

export class AliasGuard {
  constructor(private readonly deps: AliasGuardDeps) {}

  readonly handle = async (req: IncomingMessage, res: ServerResponse, route: GuardedRoute): Promise<void> => {
    const started = performance.now();
    const modelId = route.pathParams.model_id ?? '';
    const modelAlias = route.pathParams.model_alias ?? '';
    const decision: Decision = {
      route: route.kind,
      method: route.method,
      path: route.decodedPath,
      opaqueId: typeof req.headers['x-opaque-id'] === 'string' ? req.headers['x-opaque-id'] : undefined,
      request: { model_id: modelId, model_alias: modelAlias },
      verdict: 'error',
      rule: 'unknown',
      durationsMs: { total: 0 },
    };
    const finish = (verdict: Verdict, rule: string, extra: Partial<Decision> = {}) => {
      Object.assign(decision, { verdict, rule }, extra);
      decision.durationsMs.total = round(performance.now() - started);
      logDecision(this.deps.logger, decision);
    };

    try {
      const body = await readBody(req, BODY_LIMIT_BYTES);
      const checked = checkAliasRequest(route, {
        present: body.bytes.length > 0,
        contentType: req.headers['content-type'],
      });
      if (checked instanceof GuardError) {
        sendGuardError(req, res, checked);
        finish('invalid', checked instanceof EsRejection ? checked.type : `rest_${checked.statusCode}`, { status: checked.statusCode, reason: checked.message });
        return;
      }
      decision.request.reassign = checked.reassign;

      const readsStarted = performance.now();
      const caller = callerHeaders(req.headers);
      let facts: AliasChangeFacts;
      try {
        facts = await this.deps.facts.read({ modelId, modelAlias }, caller);
      } finally {
        decision.durationsMs.reads = round(performance.now() - readsStarted);
      }
      decision.facts = summarizeAliasFacts(facts);

      const verdict = decideAliasChange({ modelId, modelAlias, reassign: checked.reassign }, facts);
      if (!verdict.allowed) {
        sendGuardError(req, res, verdict.rejection);
        finish('refused', verdict.rule, { status: verdict.rejection.statusCode, reason: verdict.rejection.reason });
        return;
      }

      // Elasticsearch adds the input-fields warning itself (§2 step 12); the
      // proxy adds it only when the cluster's answer lacks it.
      const warningText = verdict.warning;
      const warningHeader = warningText ? await this.warningHeader(warningText, caller) : undefined;
      const upstreamStarted = performance.now();
      let upstreamStatus: number | undefined;
      await this.deps.forwarder.forward(req, res, {
        body: Buffer.alloc(0),
        onResponseHead: (statusCode, headers) => {
          upstreamStatus = statusCode;
          if (warningText && warningHeader && statusCode === 200 && !hasWarning(headerValue(headers, 'warning'), warningText)) {
            return withWarning(headers, warningHeader);
          }
          return headers;
        },
      });
      decision.durationsMs.upstream = round(performance.now() - upstreamStarted);
      finish('allowed', verdict.rule, { upstreamStatus, warning: warningText });
    } catch (error) {
      if (!(error instanceof GuardError)) throw error;
      sendGuardError(req, res, error);
      finish(verdictFor(error), error.code, { status: error.statusCode, reason: error.message });
    }
  };

  private async warningHeader(text: string, caller: Record<string, string>): Promise<string> {
    const identity = await this.deps.identity.get(caller);
    return formatWarningHeader(text, { version: identity?.version, hash: identity?.buildHash ?? 'unknown' });
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

function headerValue(headers: Record<string, string | string[]>, name: string): string | string[] | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function withWarning(headers: Record<string, string | string[]>, warning: string): Record<string, string | string[]> {
  const result = { ...headers };
  const key = Object.keys(result).find((k) => k.toLowerCase() === 'warning') ?? 'Warning';
  const existing = result[key];
  result[key] = existing === undefined ? warning : [...(Array.isArray(existing) ? existing : [existing]), warning];
  return result;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
