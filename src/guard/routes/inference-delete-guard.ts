/**
 * Guards `DELETE _inference/{inference_id}` and `DELETE _inference/{task_type}/{inference_id}`
 * (docs §13.2): an endpoint whose deletion would force-stop the deployment
 * serving a referenced model or alias is kept, unless `force` is given.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardedRoute } from '../../rest/route-matcher';
import type { MetadataClient } from '../../es/metadata-client';
import { GuardError } from '../../errors';
import { checkInferenceDeleteRequest } from '../checks/inference-delete-request';
import { readInferenceDeleteFacts } from '../facts/inference-endpoint-facts';
import { decideInferenceEndpointDelete } from '../rules/inference-endpoint-delete';
import { allow, refusedByRequestChecks, type GuardVerdict } from '../rules/verdict';
import { summarizeReferences } from '../exchange/decision-log';
import { runGuardedExchange, type ExchangeContext, type ExchangeDeps } from '../exchange/guarded-exchange';

export interface InferenceDeleteGuardDeps extends ExchangeDeps {
  metadata: MetadataClient;
}

export class InferenceDeleteGuard {
  constructor(private readonly deps: InferenceDeleteGuardDeps) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse, route: GuardedRoute): Promise<void> =>
    runGuardedExchange(this.deps, req, res, route, (context) => this.decide(context));

  private async decide({ route, prelude, decision, reads, timeReads }: ExchangeContext): Promise<GuardVerdict> {
    const request = checkInferenceDeleteRequest(route, prelude);
    if (request instanceof GuardError) return refusedByRequestChecks(request);
    Object.assign(decision.request, { inference_id: request.inferenceId, force: request.force, dry_run: request.dryRun });
    // Nothing is stopped by a dry run, and a forced delete is the way out: no read needed.
    if (request.dryRun) return allow('inference_delete.dry_run');
    if (request.force) return allow('inference_delete.force');
    const rawPath = request.rawPath.startsWith('/') ? request.rawPath : `/${request.rawPath}`;
    const facts = await timeReads(() => readInferenceDeleteFacts(this.deps.metadata, reads, { inferenceId: request.inferenceId, rawPath }));
    decision.facts = {
      endpoint_read: facts.endpointRead,
      endpoint: facts.endpoint,
      deployment: facts.deployment,
      model_aliases: facts.modelAliases,
      other_deployments: facts.otherDeployments,
      references: summarizeReferences(facts.references, [request.inferenceId, facts.deployment?.modelId, ...facts.modelAliases]),
    };
    return decideInferenceEndpointDelete(request, facts);
  }
}
