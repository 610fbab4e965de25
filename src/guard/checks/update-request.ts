/**
 * `POST _ml/trained_models/{deployment_id}/deployment/_update` (docs §10.3):
 * the deployment, `number_of_allocations` and `adaptive_allocations` as
 * Elasticsearch will read them.
 *
 * The body is read only for what the rule needs. When it cannot be read here
 * (not JSON: YAML, CBOR or SMILE bodies, or JSON with comments, which
 * Elasticsearch's parser allows), `adaptiveAllocations` is `'unreadable'`: the
 * guard cannot tell whether the update allows zero allocations, and refuses
 * it where that matters (STRICT_CAPACITY on a referenced deployment) rather
 * than forward an update it did not check. A field of an unexpected type is
 * read the way that allows zero allocations, for the same reason;
 * Elasticsearch refuses such bodies anyway.
 */
import type { GuardedRoute } from '../../rest/route-matcher';
import { requestParams } from '../../rest/route-matcher';
import { xContentFormat } from '../../rest/content-type';
import { restPreludeRejection, type RequestPreludeFacts } from '../../rest/request-prelude';
import type { EsGuardRejection } from '../../rest/rejections';
import type { AdaptiveAllocations } from '../rules/deployment-update';

export interface CheckedUpdateRequest {
  deploymentId: string;
  /** Absent: not changed; null: turned off; `'unreadable'`: the body could not be read here. */
  adaptiveAllocations?: AdaptiveAllocations | null | 'unreadable';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `declareIntOrNull(…, -1)`: a number, a numeric string (ObjectParser coerces), or null (reset). */
function intOrNull(value: unknown): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === -1 || value === '-1') return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return 0;
}

/** `declareBoolean`: true/false, or the strings "true"/"false". */
function booleanField(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  return !(value === false || value === 'false');
}

export function adaptiveFromBody(body: unknown): AdaptiveAllocations | null | undefined | 'unreadable' {
  if (!isRecord(body)) return 'unreadable';
  if (!('adaptive_allocations' in body)) return undefined;
  const raw = body['adaptive_allocations'];
  if (raw === null) return null;
  if (!isRecord(raw)) return 'unreadable';
  const settings: AdaptiveAllocations = {};
  const enabled = booleanField(raw['enabled']);
  if (enabled !== undefined) settings.enabled = enabled;
  const min = intOrNull(raw['min_number_of_allocations']);
  if (min !== undefined) settings.minNumberOfAllocations = min;
  const max = intOrNull(raw['max_number_of_allocations']);
  if (max !== undefined) settings.maxNumberOfAllocations = max;
  return settings;
}

export function checkUpdateRequest(route: GuardedRoute, prelude: RequestPreludeFacts, body: Buffer): CheckedUpdateRequest | EsGuardRejection {
  const rejection = restPreludeRejection(route, prelude);
  if (rejection) return rejection;
  const params = requestParams(route)!;
  const deploymentId = route.pathParams['model_id']!;
  // Later versions read a `number_of_allocations` query parameter and then ignore the body.
  if (params.has('number_of_allocations') || body.length === 0) return { deploymentId };
  if (xContentFormat(prelude.contentType) !== 'json') return { deploymentId, adaptiveAllocations: 'unreadable' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { deploymentId, adaptiveAllocations: 'unreadable' };
  }
  const adaptive = adaptiveFromBody(parsed);
  return adaptive === undefined ? { deploymentId } : { deploymentId, adaptiveAllocations: adaptive };
}
