/**
 * The Elastic-provided models an `elser` / `elasticsearch` inference endpoint deploys
 * (`.elser_model_1|2`, `.multilingual-e5-small`, and their `_linux-x86_64` variants). Elasticsearch
 * downloads them on first use; the sandbox cannot, so it stores a stand-in config with a
 * one-part definition [sandbox decision, docs §9.3].
 */
import type { StoredModel } from '../state/models';
import type { HandlerContext } from './types';

const BUILT_IN: Record<string, string> = {
  '.elser_model_1': 'text_expansion',
  '.elser_model_2': 'text_expansion',
  '.elser_model_2_linux-x86_64': 'text_expansion',
  '.multilingual-e5-small': 'text_embedding',
  '.multilingual-e5-small_linux-x86_64': 'text_embedding',
};

/** The built-in model `modelId`, created on first use; undefined for any other id. */
export function ensureBuiltInModel(ctx: HandlerContext, modelId: string): StoredModel | undefined {
  const config = BUILT_IN[modelId];
  if (config === undefined) return undefined;
  const existing = ctx.state.models.get(modelId);
  if (existing) return existing;
  const m: StoredModel = {
    model_id: modelId,
    model_type: 'pytorch',
    created_by: '_xpack',
    version: ctx.version.number,
    create_time: Date.now(),
    model_size_bytes: 438123914,
    estimated_operations: 0,
    license_level: 'platinum',
    tags: ['elastic'],
    input: { field_names: ['text_field'] },
    inference_config: { [config]: {} },
    definitionParts: new Map([[0, { bytes: 1, total_parts: 1, total_definition_length: 1 }]]),
  };
  ctx.state.models.set(modelId, m);
  return m;
}
