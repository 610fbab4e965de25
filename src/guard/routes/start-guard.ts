/**
 * Guards `POST _ml/trained_models/{model_id}/deployment/_start` (docs §13.1):
 * a deployment is not started under an id that is an alias of another
 * model, since `_infer` and inference processors would reach the alias's
 * model instead. Everything else is forwarded as it came.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardedRoute } from '../../rest/route-matcher';
import { GuardError } from '../../errors';
import { checkStartRequest } from '../checks/start-request';
import { readAliasTarget } from '../facts/deployment-name-facts';
import { decideDeploymentUnderAlias, type ShadowingOptions } from '../rules/deployment-shadowing';
import { allow, refusedByRequestChecks, type GuardVerdict } from '../rules/verdict';
import { runGuardedExchange, type ExchangeContext, type ExchangeDeps } from '../exchange/guarded-exchange';

export interface StartGuardDeps extends ExchangeDeps {
  shadowing: ShadowingOptions;
}

export class StartGuard {
  constructor(private readonly deps: StartGuardDeps) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse, route: GuardedRoute): Promise<void> =>
    runGuardedExchange(this.deps, req, res, route, (context) => this.decide(context));

  private async decide({ route, prelude, decision, reads, timeReads }: ExchangeContext): Promise<GuardVerdict> {
    const request = checkStartRequest(route, prelude);
    if (request instanceof GuardError) return refusedByRequestChecks(request);
    decision.request.deployment_id = request.deploymentId;
    // The default deployment id is the model id, which no alias can equal (docs §2 step 10a).
    if (request.deploymentId === request.modelId) return allow('shadowing.deployment_id_not_an_alias');
    const aliasTarget = await timeReads(() => readAliasTarget(reads, request.deploymentId));
    decision.facts = { alias_target: aliasTarget };
    return decideDeploymentUnderAlias(request, aliasTarget, this.deps.shadowing);
  }
}
