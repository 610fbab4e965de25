/**
 * Trained model configs as stored (docs §1.3, docs §1.7).
 */
export interface StoredModel {
  model_id: string;
  /** Absent in 7.x; read as tree_ensemble in 8.x when absent (docs §1.3). */
  model_type?: string;
  created_by: string;
  version: string;
  create_time: number;
  model_size_bytes: number;
  estimated_operations: number;
  license_level: 'platinum' | 'basic';
  description?: string;
  tags: string[];
  /** User metadata; `model_aliases` is added on read, never stored (docs §1.3). */
  metadata?: Record<string, unknown>;
  input: { field_names: string[] };
  default_field_map?: Record<string, string>;
  inference_config: Record<string, unknown>;
  location?: unknown;
  prefix_strings?: unknown;
  platform_architecture?: string;
  model_package?: unknown;
  /** Definition as given (tree ensembles), or the recorded PyTorch parts. */
  definition?: unknown;
  compressed_definition?: string;
  definitionParts: Map<number, { bytes: number; total_parts: number; total_definition_length: number }>;
  vocabulary?: unknown;
  /** Tree-model `_infer` / ingest counts shown as `inference_stats` (docs §11.5). */
  inferenceStats?: { inference_count: number; missing_all_fields_count: number };
  /** A resource model (lang_ident_model_1): GET quirk of docs §1.3. */
  resource?: boolean;
}

/** Inference-config name = the single key of inference_config (docs §1.3, docs §2 step 11a). */
export function inferenceConfigName(m: StoredModel): string | undefined {
  const keys = Object.keys(m.inference_config ?? {});
  return keys[0];
}

/** The built-in resource model that every cluster lists (basic licence, docs §2 step 10c). */
export function langIdentModel(withType: boolean): StoredModel {
  return {
    model_id: 'lang_ident_model_1',
    ...(withType ? { model_type: 'lang_ident' } : {}),
    created_by: '_xpack',
    version: '7.6.0',
    create_time: 1575548914594,
    model_size_bytes: 1053992,
    estimated_operations: 39629,
    license_level: 'basic',
    description: 'Model used for identifying language from arbitrary input text.',
    tags: ['lang_ident', 'prepackaged'],
    input: { field_names: ['text'] },
    inference_config: { classification: { num_top_classes: 0, top_classes_results_field: 'top_classes', results_field: 'predicted_value', num_top_feature_importance_values: 0, prediction_field_type: 'string' } },
    definitionParts: new Map(),
    resource: true,
  };
}
