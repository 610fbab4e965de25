/**
 * Guards the two deletions that can cut a pipeline off its model (docs §1.2,
 * docs §1.6): `DELETE _ml/trained_models/{M}/model_aliases/{A}` while A is
 * referenced, and `DELETE _ml/trained_models/{M}` without `force` while M or
 * one of its aliases is referenced, or M is deployed. Elasticsearch's own
 * 409 messages; everything else is forwarded for the cluster to answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardedRoute } from '../../rest/route-matcher';
import { clientGoneSignal } from '../../http/client-gone';
import { requestParams } from '../../rest/route-matcher';
import { restPreludeRejection } from '../../rest/request-prelude';
import { GuardError } from '../../errors';
import { checkAliasRequest } from '../checks/alias-request-checks';
import { readDeleteAliasFacts, readDeleteModelFacts } from '../facts/deployment-facts';
import { decideDeleteAlias, decideDeleteModel, parseDeleteModelForce } from '../rules/delete-rules';
import { allow, refusedByRequestChecks, type GuardVerdict } from '../rules/verdict';
import { runGuardedExchange, ExchangeContext, ExchangeDeps } from '../exchange/guarded-exchange';
import { summarizeReferences } from '../exchange/decision-log';
import type { KeyedLock } from '../exchange/keyed-lock';

export class DeleteAliasGuard {
  constructor(private readonly deps: ExchangeDeps & { aliasLock: KeyedLock }) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse, route: GuardedRoute): Promise<void> =>
    this.deps.aliasLock.run(route.pathParams.model_alias ?? '', () =>
      runGuardedExchange(this.deps, req, res, route, (context) => this.decide(context)),
      clientGoneSignal(res),
    ).then(() => undefined);

  private async decide({ route, prelude, decision, reads, timeReads }: ExchangeContext): Promise<GuardVerdict> {
    const checked = checkAliasRequest(route, prelude);
    if (checked instanceof GuardError) return refusedByRequestChecks(checked);
    const modelId = route.pathParams.model_id ?? '';
    const modelAlias = route.pathParams.model_alias ?? '';
    const facts = await timeReads(() => readDeleteAliasFacts(reads, modelAlias));
    decision.facts = { alias_points_to: facts.aliasTarget, references: summarizeReferences(facts.references, [modelAlias]) };
    return decideDeleteAlias({ modelId, modelAlias }, facts);
  }
}

export class DeleteModelGuard {
  constructor(private readonly deps: ExchangeDeps) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse, route: GuardedRoute): Promise<void> =>
    runGuardedExchange(this.deps, req, res, route, (context) => this.decide(context));

  private async decide({ route, prelude, decision, reads, timeReads }: ExchangeContext): Promise<GuardVerdict> {
    const rejection = restPreludeRejection(route, prelude);
    if (rejection) return refusedByRequestChecks(rejection);
    // Other parameters (timeout, and whatever a version adds) are the
    // cluster's to judge: forwarding them can only be refused there.
    const force = parseDeleteModelForce(requestParams(route)!);
    if (force instanceof GuardError) return refusedByRequestChecks(force);
    const modelId = route.pathParams.model_id ?? '';
    decision.request.force = force;
    if (force) return allow('delete_model.force');

    const facts = await timeReads(() => readDeleteModelFacts(reads, modelId));
    decision.facts = {
      model_aliases: facts.modelAliases,
      deployed: facts.deployed,
      references: summarizeReferences(facts.references, [modelId, ...facts.modelAliases]),
    };
    return decideDeleteModel({ modelId, force }, facts);
  }
}
