/**
 * `DELETE _inference/{inference_id}` and `DELETE _inference/{task_type}/{inference_id}`
 * (docs §9.1): which endpoint, and the `force` / `dry_run` flags (8.15+,
 * `RestDeleteInferenceEndpointAction` @01195333, `paramAsBoolean`).
 *
 * A flag that does not parse as a boolean, or any flag on 8.11–8.14 (whose
 * handler reads none), is refused by Elasticsearch itself before anything is
 * stopped; the request is then simply not treated as forced.
 */
import type { GuardedRoute } from '../../rest/route-matcher';
import { requestParams, rawPathOf } from '../../rest/route-matcher';
import { parseParamBoolean } from '../../rest/param-boolean';
import { restPreludeRejection, type RequestPreludeFacts } from '../../rest/request-prelude';
import type { EsGuardRejection } from '../../rest/rejections';
import type { InferenceDeleteRequest } from '../rules/inference-endpoint-delete';

export interface CheckedInferenceDelete extends InferenceDeleteRequest {
  /** The raw path as sent, for the endpoint read (`inference-endpoint-facts.ts`). */
  rawPath: string;
}

function flag(params: ReadonlyMap<string, string>, name: string): boolean {
  const parsed = parseParamBoolean(params.get(name), false);
  return 'value' in parsed && parsed.value;
}

export function checkInferenceDeleteRequest(route: GuardedRoute, prelude: RequestPreludeFacts): CheckedInferenceDelete | EsGuardRejection {
  const rejection = restPreludeRejection(route, prelude);
  if (rejection) return rejection;
  const params = requestParams(route)!;
  const first = route.pathParams['task_type_or_id']!;
  const second = route.pathParams['inference_id'];
  return {
    inferenceId: second ?? first,
    ...(second === undefined ? {} : { taskType: first }),
    force: flag(params, 'force'),
    dryRun: flag(params, 'dry_run'),
    rawPath: rawPathOf(route.rawUrl),
  };
}
