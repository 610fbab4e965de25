/**
 * Guards `POST _ml/trained_models/{id}/deployment/_stop`: without `force`,
 * a deployment is not stopped while a pipeline references its deployment
 * id, its model id or any alias of its model (docs §3.1, with the gaps docs §3.1
 * lists closed). Answers with Elasticsearch's 8.8+ 409; otherwise forwards
 * the request as it came, body included.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardedRoute } from '../../rest/route-matcher';
import { GuardError } from '../../errors';
import { checkStopRequest } from '../checks/stop-request';
import { isIdExpression, readStopExpressionFacts, readStopFacts } from '../facts/deployment-facts';
import { decideStop, decideStopExpression } from '../rules/stop-rules';
import { allow, refusedByRequestChecks, type GuardVerdict } from '../rules/verdict';
import { summarizeReferences } from '../exchange/decision-log';
import { runGuardedExchange, ExchangeContext, ExchangeDeps } from '../exchange/guarded-exchange';

export class StopGuard {
  constructor(private readonly deps: ExchangeDeps) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse, route: GuardedRoute): Promise<void> =>
    runGuardedExchange(this.deps, req, res, route, (context) => this.decide(context));

  private async decide({ route, body, prelude, decision, reads, timeReads }: ExchangeContext): Promise<GuardVerdict> {
    const request = checkStopRequest(route, prelude, body);
    if (request instanceof GuardError) return refusedByRequestChecks(request);
    const { deploymentId, force, allowNoMatch } = request;
    Object.assign(decision.request, { deployment_id: deploymentId, force, allow_no_match: allowNoMatch });
    if (force) return allow('stop.force');

    if (isIdExpression(deploymentId)) {
      const expression = await timeReads(() => readStopExpressionFacts(reads, deploymentId));
      if (expression.kind !== 'literal') {
        decision.facts =
          expression.kind === 'truncated'
            ? { expression_matches: expression.count }
            : { expression_matches: expression.matchedModels, deployments: expression.deployments.map((d) => d.deployment!.deploymentId) };
        return decideStopExpression(request, expression);
      }
    }

    const facts = await timeReads(() => readStopFacts(reads, deploymentId));
    decision.facts = {
      deployment: facts.deployment,
      model_aliases: facts.modelAliases,
      references: summarizeReferences(facts.references, [deploymentId, facts.deployment?.modelId, ...facts.modelAliases]),
    };
    return decideStop(request, facts);
  }
}
