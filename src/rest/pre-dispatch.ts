/**
 * Parameter checks Elasticsearch makes on EVERY request before it looks up a
 * handler, in this order (docs §5.2, docs §5.4):
 *
 * 1. `pretty`, then `human`: parsed with `paramAsBoolean` by the channel's
 *    constructor (`AbstractRestChannel` @058317fe). A bad value makes
 *    `handleIncomingRequest` rebuild the channel and call `dispatchBadRequest`
 *    (`AbstractHttpServerTransport` @0347d547): 400, structured,
 *    `illegal_argument_exception`.
 * 2. `error_trace`: `RestController.validateErrorTrace` (@00203b9a). A bad
 *    value is caught by `tryAllHandlers` and answered in the FLAT form:
 *    `{"error":"Failed to parse value [..] as only [true] or [false] are allowed.","status":400}`.
 *    `error_trace=true` is refused only when `http.detailed_errors.enabled` is
 *    false; the proxy assumes the default (true). With `error_trace=true` ES
 *    adds `stack_trace` to its error objects; the proxy has no Java stack and
 *    answers without it (the only field that differs).
 *
 * A malformed query string (`query-string.ts`) precedes all of these.
 */
import { EsFlatRejection } from '../errors';
import { parseParamBoolean } from './param-boolean';
import { EsGuardRejection, illegalArgument } from './rejections';

/** Parameters every handler "consumes" through the dispatcher and channel (candidates for did-you-mean, docs §5.3). */
export const FRAMEWORK_PARAMETERS: readonly string[] = ['error_trace', 'format', 'filter_path', 'pretty', 'human'];

export function preDispatchRejection(params: ReadonlyMap<string, string>): EsGuardRejection | null {
  for (const channelParam of ['pretty', 'human']) {
    const parsed = parseParamBoolean(params.get(channelParam), false);
    if ('failure' in parsed) return illegalArgument(parsed.failure);
  }
  const errorTrace = parseParamBoolean(params.get('error_trace'), false);
  if ('failure' in errorTrace) return new EsFlatRejection(400, errorTrace.failure);
  return null;
}
