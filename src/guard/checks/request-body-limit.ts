/**
 * Guarded requests are small by nature; one far larger than any valid
 * request is refused instead of being held in memory (413, as Elasticsearch
 * answers a body over `http.max_content_length`).
 */
import { EsRejection } from '../../errors';

export function tooLargeBody(limitBytes: number): EsRejection {
  return new EsRejection(
    413,
    'model_alias_guard_request_too_large_exception',
    `model-alias-guard accepts at most ${limitBytes} bytes of body on this endpoint`,
  );
}
