/**
 * `adaptive_allocations` as the start and update requests parse it (8.16+, docs §10.3):
 * AdaptiveAllocationsSettings (elastic/elasticsearch x-pack/plugin/core/src/main/java/org/
 * elasticsearch/xpack/core/ml/inference/assignment/AdaptiveAllocationsSettings.java @32517b64):
 * fields `enabled`, `min_number_of_allocations`, `max_number_of_allocations` (an explicit null
 * resets a bound); validate(): min ≥ 0, max ≥ 1, min ≤ max.
 */
import { EsError } from '../rest/errors';
import type { AdaptiveAllocations } from '../state/assignments';

const PARSER = 'autoscaling_settings';

function intOrNull(v: unknown, name: string): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  throw new EsError(400, 'x_content_parse_exception', `[1:2] [${PARSER}] failed to parse field [${name}]`);
}

/** Parses the object; `undefined` when absent. Field errors are x_content_parse_exception. */
export function parseAdaptiveAllocations(v: unknown): AdaptiveAllocations | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new EsError(400, 'x_content_parse_exception', `[1:2] [${PARSER}] failed to parse object`);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!['enabled', 'min_number_of_allocations', 'max_number_of_allocations'].includes(k)) {
      throw new EsError(400, 'x_content_parse_exception', `[1:2] [${PARSER}] unknown field [${k}]`);
    }
  }
  if (o.enabled !== undefined && typeof o.enabled !== 'boolean') throw new EsError(400, 'x_content_parse_exception', `[1:2] [${PARSER}] failed to parse field [enabled]`);
  const min = intOrNull(o.min_number_of_allocations, 'min_number_of_allocations');
  const max = intOrNull(o.max_number_of_allocations, 'max_number_of_allocations');
  return {
    enabled: o.enabled === true,
    ...(typeof min === 'number' ? { min_number_of_allocations: min } : {}),
    ...(typeof max === 'number' ? { max_number_of_allocations: max } : {}),
  };
}

/** `AdaptiveAllocationsSettings.validate()` messages, in their order. */
export function adaptiveAllocationsErrors(a: AdaptiveAllocations | undefined): string[] {
  if (!a) return [];
  const errors: string[] = [];
  const min = a.min_number_of_allocations;
  const max = a.max_number_of_allocations;
  if (min !== undefined && min < 0) errors.push('[min_number_of_allocations] must be a non-negative integer or null');
  if (max !== undefined && max < 1) errors.push('[max_number_of_allocations] must be a positive integer or null');
  if (min !== undefined && max !== undefined && min > max) errors.push('[min_number_of_allocations] must not be larger than [max_number_of_allocations]');
  return errors;
}
