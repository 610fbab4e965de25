/**
 * Guards `POST _ml/trained_models/{deployment_id}/deployment/_update`
 * (docs §13.3): every update of a deployment that serves a referenced alias is
 * named by its own rule on the decision line and in the metrics; with
 * STRICT_CAPACITY, one that lets it scale to zero allocations is refused.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardedRoute } from '../../rest/route-matcher';
import { GuardError } from '../../errors';
import { checkUpdateRequest } from '../checks/update-request';
import { readUpdateFacts } from '../facts/deployment-name-facts';
import { decideDeploymentUpdate, scalesToZero, type CapacityOptions } from '../rules/deployment-update';
import { refusedByRequestChecks, type GuardVerdict } from '../rules/verdict';
import { summarizeReferences } from '../exchange/decision-log';
import { runGuardedExchange, type ExchangeContext, type ExchangeDeps } from '../exchange/guarded-exchange';

export interface UpdateGuardDeps extends ExchangeDeps {
  capacity: CapacityOptions;
  /** The cluster's version (`GET /`), or undefined when it is not known. */
  clusterVersion(req: IncomingMessage): Promise<string | undefined>;
}

export class UpdateGuard {
  constructor(private readonly deps: UpdateGuardDeps) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse, route: GuardedRoute): Promise<void> =>
    runGuardedExchange(this.deps, req, res, route, (context) => this.decide(context));

  private async decide({ req, route, prelude, body, decision, reads, timeReads }: ExchangeContext): Promise<GuardVerdict> {
    const request = checkUpdateRequest(route, prelude, body);
    if (request instanceof GuardError) return refusedByRequestChecks(request);
    if (request.adaptiveAllocations !== undefined) decision.request.adaptive_allocations = request.adaptiveAllocations;
    const toZero = scalesToZero(await this.deps.clusterVersion(req));
    const facts = await timeReads(() => readUpdateFacts(reads, request.deploymentId, toZero));
    decision.facts = {
      deployment: facts.deployment,
      model_aliases: facts.modelAliases,
      references: summarizeReferences(facts.references, facts.modelAliases),
    };
    return decideDeploymentUpdate(request, facts, this.deps.capacity);
  }
}
