/**
 * Guards the two deletions that can cut a pipeline off its model (docs §1.2,
 * docs §1.6): `DELETE _ml/trained_models/{M}/model_aliases/{A}` while A is
 * referenced, and `DELETE _ml/trained_models/{M}` without `force` while M or
 * one of its aliases is referenced, or M is deployed. Elasticsearch's own
 * 409 messages; everything else is forwarded for the cluster to answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardedRoute } from '../../rest/route-matcher';
import { requestParams } from '../../rest/route-matcher';
import { GuardError } from '../../errors';
import { callerHeaders } from '../facts/caller-credentials';
import { checkAliasRequest, restPreludeRejection } from '../checks/alias-request-checks';
import { decideDeleteAlias, decideDeleteModel, parseDeleteModelForce } from '../rules/delete-rules';
import type { DeploymentFactsReader } from '../facts/deployment-facts-reader';
import { runGuardedExchange, ExchangeContext, ExchangeDeps, GuardOutcome } from '../exchange/guarded-exchange';
import { summarizeReferences } from '../exchange/decision-log';
import type { KeyedLock } from '../exchange/keyed-lock';

type Deps = ExchangeDeps & { facts: DeploymentFactsReader };

export class DeleteAliasGuard {
  constructor(private readonly deps: Deps & { aliasLock: KeyedLock }) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse, route: GuardedRoute): Promise<void> =>
    this.deps.aliasLock.run(route.pathParams.model_alias ?? '', () =>
      runGuardedExchange(this.deps, req, res, route, (context) => this.decide(context)),
    );

  private async decide({ req, route, headerFacts, decision, timeReads }: ExchangeContext): Promise<GuardOutcome> {
    const checked = checkAliasRequest(route, headerFacts);
    if (checked instanceof GuardError) return { kind: 'invalid', rejection: checked };
    const modelId = route.pathParams.model_id ?? '';
    const modelAlias = route.pathParams.model_alias ?? '';
    const facts = await timeReads(() => this.deps.facts.forDeleteAlias(modelAlias, callerHeaders(req.headers)));
    decision.facts = { alias_points_to: facts.aliasTarget, references: summarizeReferences(facts.references, [modelAlias]) };
    const verdict = decideDeleteAlias({ modelId, modelAlias }, facts);
    if (!verdict.allowed) return { kind: 'refuse', rule: verdict.rule, rejection: verdict.rejection };
    return { kind: 'forward', rule: verdict.rule };
  }
}

export class DeleteModelGuard {
  constructor(private readonly deps: Deps) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse, route: GuardedRoute): Promise<void> =>
    runGuardedExchange(this.deps, req, res, route, (context) => this.decide(context));

  private async decide({ req, route, headerFacts, decision, timeReads }: ExchangeContext): Promise<GuardOutcome> {
    const prelude = restPreludeRejection(route, headerFacts);
    if (prelude) return { kind: 'invalid', rejection: prelude };
    // Other parameters (timeout, and whatever a version adds) are the
    // cluster's to judge: forwarding them can only be refused there.
    const force = parseDeleteModelForce(requestParams(route)!);
    if (force instanceof GuardError) return { kind: 'invalid', rejection: force };
    const modelId = route.pathParams.model_id ?? '';
    decision.request.force = force;
    if (force) return { kind: 'forward', rule: 'delete_model.force' };

    const facts = await timeReads(() => this.deps.facts.forDeleteModel(modelId, callerHeaders(req.headers)));
    decision.facts = {
      model_aliases: facts.modelAliases,
      deployed: facts.deployed,
      references: summarizeReferences(facts.references, [modelId, ...facts.modelAliases]),
    };
    const verdict = decideDeleteModel({ modelId, force }, facts);
    if (!verdict.allowed) return { kind: 'refuse', rule: verdict.rule, rejection: verdict.rejection };
    return { kind: 'forward', rule: verdict.rule };
  }
}
