/**
 * Guards `PUT _ml/trained_models/{model_id}/model_aliases/{model_alias}`:
 * Elasticsearch's REST checks, then live facts, then the rules of §2 in
 * order; a violation is answered as Elasticsearch answers it, anything else
 * is forwarded as it came and the cluster's answer relayed (§2 step 13: the
 * cluster stays the authority and re-checks on its master).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardedRoute } from '../rest/route-matcher';
import type { Forwarder } from '../proxy/forwarder';
import type { Logger } from '../log/logger';
import type { ClusterIdentityCache } from '../es/cluster-identity';
import type { CallerHeaders } from '../es/metadata-client';
import { GuardError } from '../errors';
import { readBody } from '../http/read-body';
import { checkAliasRequest } from './alias-request-checks';
import { AliasFactsReader } from './alias-facts-reader';
import { decideAliasChange } from './alias-rules';
import { callerHeaders } from './caller-credentials';
import { summarizeAliasFacts } from './decision-log';
import { formatWarningHeader, hasWarning } from './warning-header';
import { runGuardedExchange, GuardOutcome, ExchangeContext } from './guarded-exchange';
import { headerValue, withAddedHeader } from '../http/header-record';

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

  readonly handle = (req: IncomingMessage, res: ServerResponse, route: GuardedRoute): Promise<void> =>
    runGuardedExchange(this.deps, req, res, route, (context) => this.decide(context));

  private async decide({ req, route, decision, timeReads }: ExchangeContext): Promise<GuardOutcome> {
    const modelId = route.pathParams.model_id ?? '';
    const modelAlias = route.pathParams.model_alias ?? '';
    const body = await readBody(req, BODY_LIMIT_BYTES);
    const checked = checkAliasRequest(route, { present: body.bytes.length > 0, contentType: req.headers['content-type'] });
    if (checked instanceof GuardError) return { kind: 'invalid', rejection: checked };
    decision.request.reassign = checked.reassign;

    const caller = callerHeaders(req.headers);
    const facts = await timeReads(() => this.deps.facts.read({ modelId, modelAlias }, caller));
    decision.facts = summarizeAliasFacts(facts);

    const verdict = decideAliasChange({ modelId, modelAlias, reassign: checked.reassign }, facts);
    if (!verdict.allowed) return { kind: 'refuse', rule: verdict.rule, rejection: verdict.rejection };

    const warning = verdict.warning;
    if (!warning) return { kind: 'forward', rule: verdict.rule, body: Buffer.alloc(0) };
    // Elasticsearch adds the input-fields warning itself (§2 step 12); the
    // proxy adds it only when the cluster's answer lacks it.
    const header = await this.warningHeader(warning, caller);
    return {
      kind: 'forward',
      rule: verdict.rule,
      body: Buffer.alloc(0),
      warning,
      onResponseHead: (statusCode, headers) =>
        statusCode === 200 && !hasWarning(headerValue(headers, 'warning'), warning)
          ? withAddedHeader(headers, 'Warning', header)
          : headers,
    };
  }

  private async warningHeader(text: string, caller: CallerHeaders): Promise<string> {
    const identity = await this.deps.identity.get(caller);
    return formatWarningHeader(text, { version: identity?.version, hash: identity?.buildHash ?? 'unknown' });
  }
}
