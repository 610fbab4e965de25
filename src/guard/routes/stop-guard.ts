/**
 * Guards `POST _ml/trained_models/{id}/deployment/_stop`: without `force`,
 * a deployment is not stopped while a pipeline references its deployment
 * id, its model id or any alias of its model (docs §3.1, with the gaps docs §3.1
 * lists closed). Answers with Elasticsearch's 8.8+ 409; otherwise forwards
 * the request as it came, body included.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardedRoute } from '../../rest/route-matcher';
import { requestParams } from '../../rest/route-matcher';
import { FRAMEWORK_PARAMETERS } from '../../rest/pre-dispatch';
import { unrecognizedParametersRejection } from '../../rest/unrecognized-params';
import { GuardError } from '../../errors';
import { callerHeaders } from '../facts/caller-credentials';
import { restPreludeRejection } from '../checks/alias-request-checks';
import { parseStopRequest } from '../checks/stop-request';
import { decideStop } from '../rules/stop-rules';
import type { DeploymentFactsReader } from '../facts/deployment-facts-reader';
import { runGuardedExchange, ExchangeContext, ExchangeDeps, GuardOutcome } from '../exchange/guarded-exchange';
import { summarizeReferences } from '../exchange/decision-log';

export class StopGuard {
  constructor(private readonly deps: ExchangeDeps & { facts: DeploymentFactsReader }) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse, route: GuardedRoute): Promise<void> =>
    runGuardedExchange(this.deps, req, res, route, (context) => this.decide(context));

  private async decide({ req, route, body, headerFacts, decision, timeReads }: ExchangeContext): Promise<GuardOutcome> {
    const contentType = headerFacts.contentType;
    const prelude = restPreludeRejection(route, headerFacts);
    if (prelude) return { kind: 'invalid', rejection: prelude };

    const pathId = route.pathParams.model_id ?? '';
    const params = parseStopRequest(requestParams(route)!, body.length > 0 ? body : null, contentType, pathId);
    if (params instanceof GuardError) return { kind: 'invalid', rejection: params };
    if (params.unconsumedParams.length > 0) {
      const candidates = [...params.consumedParams, ...FRAMEWORK_PARAMETERS];
      return { kind: 'invalid', rejection: unrecognizedParametersRejection(route.decodedPath, params.unconsumedParams, candidates) };
    }
    // An empty path id takes the body's model_id (StopTrainedModelDeploymentAction.Request).
    const deploymentId = pathId === '' && params.bodyModelId !== undefined ? params.bodyModelId : pathId;
    Object.assign(decision.request, { deployment_id: deploymentId, force: params.force, allow_no_match: params.allowNoMatch });

    if (params.force) return { kind: 'forward', rule: 'stop.force' };

    const facts = await timeReads(() => this.deps.facts.forStop(deploymentId, callerHeaders(req.headers)));
    decision.facts = {
      deployment: facts.deployment,
      model_aliases: facts.modelAliases,
      references: summarizeReferences(facts.references, [deploymentId, facts.deployment?.modelId, ...facts.modelAliases]),
    };
    const verdict = decideStop({ deploymentId, force: params.force, allowNoMatch: params.allowNoMatch }, facts);
    if (!verdict.allowed) return { kind: 'refuse', rule: verdict.rule, rejection: verdict.rejection };
    return { kind: 'forward', rule: verdict.rule };
  }
}
