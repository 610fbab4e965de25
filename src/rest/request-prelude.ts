/**
 * The answers Elasticsearch's REST layer gives every request before its
 * handler reads a parameter (docs §5.1, docs §5.2), in ES's order. The first
 * failure is the answer:
 *
 * 0. query string not decodable → 400 `bad_parameter_exception` (carried by the route, docs §5.2)
 * 1. `RestRequest`'s constructor: Accept, then Content-Type not parsable →
 *    400 `media_type_header_exception` (`content-type.ts`, `compatible-version.ts`),
 *    then an unserved `compatible-with` version (only when the cluster's major is known)
 * 2. bad `pretty` / `human` (400) or `error_trace` (400 flat) (`pre-dispatch.ts`)
 * 3. body present and not an x-content type → 406 flat (docs §2 step 2)
 *
 * Every guard runs this first; the handler's own checks come after.
 */
import { EsRejection } from '../errors';
import { contentTypeGateRejection, contentTypeHeaderRejection } from './content-type';
import { acceptHeaderRejection, compatibleVersionRejection } from './compatible-version';
import { preDispatchRejection } from './pre-dispatch';
import type { EsGuardRejection } from './rejections';
import type { GuardedRoute } from './route-matcher';

/** What the REST-layer checks need to know of a request beyond its target. */
export interface RequestPreludeFacts {
  /** True when the request has content (content length > 0, or a streamed body): ES's `hasContent()`. */
  present: boolean;
  /** The `Content-Type` header as received; undefined when absent. */
  contentType: string | undefined;
  /** The `Accept` header as received. */
  accept?: string;
  /** The cluster's major version, when known: needed only to judge `compatible-with` versions. */
  clusterMajor?: number;
}

export function restPreludeRejection(route: GuardedRoute, request: RequestPreludeFacts): EsGuardRejection | null {
  if (route.query instanceof EsRejection) return route.query;
  const accept = acceptHeaderRejection(request.accept);
  if (accept) return accept;
  const header = contentTypeHeaderRejection(request.contentType);
  if (header) return header;
  if (request.clusterMajor !== undefined) {
    const version = compatibleVersionRejection(request.accept, request.contentType, request.present, request.clusterMajor);
    if (version) return version;
  }
  const framework = preDispatchRejection(route.query);
  if (framework) return framework;
  if (request.present) return contentTypeGateRejection(request.contentType);
  return null;
}
