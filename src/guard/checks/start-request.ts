/**
 * `POST _ml/trained_models/{model_id}/deployment/_start`: the deployment id
 * Elasticsearch will use (docs §10.2). 8.8+ reads it from the query
 * (`param("deployment_id", model_id)`) only; a `deployment_id` in the body is
 * overwritten by that value on the REST path, so the body is not read.
 * Before 8.8 there is no `deployment_id` and the deployment id is the model
 * id; a `deployment_id` query parameter is then refused by Elasticsearch as
 * unrecognized, and checking it anyway refuses nothing Elasticsearch accepts.
 *
 * Only the REST layer's common checks (docs §5) run before the rule: the
 * handler's other parameters and body fields are Elasticsearch's to refuse;
 * the rule's answer for a request Elasticsearch would also refuse is then a
 * 400 either way.
 */
import type { GuardedRoute } from '../../rest/route-matcher';
import { requestParams } from '../../rest/route-matcher';
import { restPreludeRejection, type RequestPreludeFacts } from '../../rest/request-prelude';
import type { EsGuardRejection } from '../../rest/rejections';

export interface StartRequest {
  modelId: string;
  deploymentId: string;
}

export function checkStartRequest(route: GuardedRoute, prelude: RequestPreludeFacts): StartRequest | EsGuardRejection {
  const rejection = restPreludeRejection(route, prelude);
  if (rejection) return rejection;
  const params = requestParams(route)!;
  const modelId = route.pathParams['model_id']!;
  return { modelId, deploymentId: params.get('deployment_id') ?? modelId };
}
