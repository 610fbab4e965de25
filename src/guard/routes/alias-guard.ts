/**
 * Guards `PUT _ml/trained_models/{model_id}/model_aliases/{model_alias}`:
 * Elasticsearch's REST checks, then live facts, then the rules of docs §2 in
 * order; a violation is answered as Elasticsearch answers it, anything else
 * is forwarded as it came and the cluster's answer relayed (docs §2 step 13: the
 * cluster stays the authority and re-checks on its master).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardedRoute } from '../../rest/route-matcher';
import { GuardError } from '../../errors';
import { checkAliasRequest } from '../checks/alias-request-checks';
import { AliasFactsReader } from '../facts/alias-facts-reader';
import { decideAliasChange } from '../rules/alias-rules';
import { callerHeaders } from '../facts/caller-credentials';
import { summarizeAliasFacts } from '../exchange/decision-log';
import { hasWarning } from '../exchange/warning-header';
import { runGuardedExchange, GuardOutcome, ExchangeContext, ExchangeDeps } from '../exchange/guarded-exchange';
import { applyStrictOptions, StrictOptions } from '../rules/strict-options';
import { KeyedLock } from '../exchange/keyed-lock';
import { headerValue, withAddedHeader } from '../../http/headers';

export interface AliasGuardDeps extends ExchangeDeps {
  facts: AliasFactsReader;
  strict: StrictOptions;
  /** Shared with the DELETE alias guard: one change of an alias at a time. */
  aliasLock: KeyedLock;
}

export class AliasGuard {
  constructor(private readonly deps: AliasGuardDeps) {}

  // Two changes of the same alias through this proxy are decided one after
  // the other, each on fresh facts, the first one's answer received first.
  readonly handle = (req: IncomingMessage, res: ServerResponse, route: GuardedRoute): Promise<void> =>
    this.deps.aliasLock.run(route.pathParams.model_alias ?? '', () =>
      runGuardedExchange(this.deps, req, res, route, (context) => this.decide(context)),
    );

  private async decide({ req, route, headerFacts, decision, timeReads }: ExchangeContext): Promise<GuardOutcome> {
    const modelId = route.pathParams.model_id ?? '';
    const modelAlias = route.pathParams.model_alias ?? '';
    const checked = checkAliasRequest(route, headerFacts);
    if (checked instanceof GuardError) return { kind: 'invalid', rejection: checked };
    decision.request.reassign = checked.reassign;

    const facts = await timeReads(() => this.deps.facts.read({ modelId, modelAlias }, callerHeaders(req.headers)));
    decision.facts = summarizeAliasFacts(facts);

    const rulesVerdict = decideAliasChange({ modelId, modelAlias, reassign: checked.reassign }, facts);
    const verdict = applyStrictOptions(rulesVerdict, { modelId, modelAlias }, facts, this.deps.strict);
    if (!verdict.allowed) return { kind: 'refuse', rule: verdict.rule, rejection: verdict.rejection };

    const warning = verdict.warning;
    if (!warning) return { kind: 'forward', rule: verdict.rule };
    // Elasticsearch adds the input-fields warning itself (docs §2 step 12); the
    // proxy adds it only when the cluster's answer lacks it.
    const header = await this.deps.warningHeader(warning, req);
    return {
      kind: 'forward',
      rule: verdict.rule,
      warning,
      onResponseHead: (statusCode, headers) =>
        statusCode === 200 && !hasWarning(headerValue(headers, 'warning'), warning)
          ? withAddedHeader(headers, 'Warning', header)
          : headers,
    };
  }
}
