/**
 * Guards `PUT _ml/trained_models/{model_id}/model_aliases/{model_alias}`:
 * Elasticsearch's REST checks, then live facts, then the rules of docs §2 in
 * order; a violation is answered as Elasticsearch answers it, anything else
 * is forwarded as it came and the cluster's answer relayed (docs §2 step 13: the
 * cluster stays the authority and re-checks on its master).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardedRoute } from '../../rest/route-matcher';
import { clientGoneSignal } from '../../http/client-gone';
import { GuardError } from '../../errors';
import { checkAliasRequest } from '../checks/alias-request-checks';
import { readAliasChangeFacts } from '../facts/alias-change-facts';
import { decideAliasChange } from '../rules/alias-rules';
import { applyStrictOptions, StrictOptions } from '../rules/strict-options';
import { refusedByRequestChecks, type GuardVerdict } from '../rules/verdict';
import { summarizeAliasFacts } from '../exchange/decision-log';
import { runGuardedExchange, ExchangeContext, ExchangeDeps } from '../exchange/guarded-exchange';
import type { KeyedLock } from '../exchange/keyed-lock';
import { applyShadowingRule } from './alias-shadowing';
import type { ShadowingOptions } from '../rules/deployment-shadowing';

export interface AliasGuardDeps extends ExchangeDeps {
  strict: StrictOptions;
  /** The guard's own shadowing rule (docs §13.1). */
  shadowing: ShadowingOptions;
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
      clientGoneSignal(res),
    ).then(() => undefined);

  private async decide({ route, prelude, decision, reads, timeReads }: ExchangeContext): Promise<GuardVerdict> {
    const modelId = route.pathParams.model_id ?? '';
    const modelAlias = route.pathParams.model_alias ?? '';
    const checked = checkAliasRequest(route, prelude);
    if (checked instanceof GuardError) return refusedByRequestChecks(checked);
    decision.request.reassign = checked.reassign;

    const facts = await timeReads(() => readAliasChangeFacts(reads, { modelId, modelAlias }));
    decision.facts = summarizeAliasFacts(facts);

    const verdict = decideAliasChange({ modelId, modelAlias, reassign: checked.reassign }, facts);
    const strict = applyStrictOptions(verdict, { modelId, modelAlias }, facts, this.deps.strict);
    return applyShadowingRule(strict, { modelId, modelAlias }, { reads, decision, timeReads }, this.deps.shadowing);
  }
}
