/**
 * `inference_config` at model creation (docs §11.4): the defaults Elasticsearch fills in for
 * regression / classification, and the NLP configs' strict-parser checks.
 *
 * Sources (elastic/elasticsearch): the NLP configs' STRICT_PARSER refuses `vocabulary`
 * ("illegal setting [vocabulary] on inference model creation", e.g. NerConfig / FillMaskConfig
 * @dc2b4bbe); `FillMaskConfig.Builder.build` defaults the tokenization to BERT and checks the
 * requested `mask_token` against the tokenization's (FillMaskConfig.java @dc2b4bbe), rendered
 * since 8.10 (elastic/elasticsearch#97453); inference_crud.yml "Test put nlp model config with
 * vocabulary set" and 3rd_party_deployment.yml "Test getting and putting Fill Mask…" @07944097.
 */
import { EsError } from '../../rest/errors';
import type { Features } from '../../version';

export const NLP_CONFIGS = new Set([
  'fill_mask',
  'ner',
  'pass_through',
  'text_classification',
  'text_embedding',
  'text_expansion',
  'text_similarity',
  'question_answering',
  'zero_shot_classification',
]);

/** A parse failure inside `inference_config.<name>`, wrapped as ObjectParser wraps it. */
function configParseError(name: string, field: string, cause: EsError['extra']['causedBy']): EsError {
  return new EsError(400, 'x_content_parse_exception', '[1:2] [trained_model_config] failed to parse field [inference_config]', {
    causedBy: { type: 'x_content_parse_exception', reason: `[1:2] [${name}] failed to parse field [${field}]`, causedBy: cause },
  });
}

/** `Tokenization.getMaskToken`: BERT and MPNet use [MASK], RoBERTa and XLM-RoBERTa <mask>. */
function maskTokenOf(tokenization: Record<string, unknown> | undefined): string {
  const kind = tokenization ? Object.keys(tokenization)[0] : 'bert';
  return kind === 'roberta' || kind === 'xlm_roberta' ? '<mask>' : '[MASK]';
}

/** Parse-time checks of one inference config; throws Elasticsearch's error. */
export function checkInferenceConfig(name: string, cfg: Record<string, unknown>, f: Features): void {
  if (!NLP_CONFIGS.has(name)) return;
  if (cfg.vocabulary !== undefined) {
    throw configParseError(name, 'vocabulary', { type: 'status_exception', reason: 'illegal setting [vocabulary] on inference model creation' });
  }
  if (name === 'fill_mask' && !f.fillMaskToken && cfg.mask_token !== undefined) {
    // before 8.10 the strict parser has no such field (docs §11.4)
    throw configParseError(name, 'mask_token', { type: 'x_content_parse_exception', reason: '[1:2] [fill_mask] unknown field [mask_token]' });
  }
  if (name === 'fill_mask' && cfg.mask_token !== undefined) {
    const expected = maskTokenOf(cfg.tokenization as Record<string, unknown> | undefined);
    if (cfg.mask_token !== expected) {
      // thrown by Builder.build(), after the fields parsed: ObjectParser wraps the IllegalArgumentException
      throw new EsError(400, 'x_content_parse_exception', '[1:2] [trained_model_config] failed to parse field [inference_config]', {
        causedBy: { type: 'illegal_argument_exception', reason: `Mask token requested was [${String(cfg.mask_token)}] but must be [${expected}] for this model` },
      });
    }
  }
}

/** The stored config with the defaults GET shows. */
export function withInferenceDefaults(ic: Record<string, unknown>, f: Features): Record<string, unknown> {
  const [name, cfg] = Object.entries(ic)[0]!;
  const c = (cfg ?? {}) as Record<string, unknown>;
  if (name === 'regression') return { regression: { results_field: 'predicted_value', num_top_feature_importance_values: 0, ...c } };
  if (name === 'classification') {
    return { classification: { num_top_classes: 0, top_classes_results_field: 'top_classes', results_field: 'predicted_value', num_top_feature_importance_values: 0, prediction_field_type: 'string', ...c } };
  }
  if (name === 'fill_mask') {
    const out: Record<string, unknown> = { num_top_classes: 5, ...c };
    delete out.mask_token; // rendered from the tokenization, last (FillMaskConfig.toXContent)
    if (f.fillMaskToken) out.mask_token = maskTokenOf(c.tokenization as Record<string, unknown> | undefined);
    return { fill_mask: out };
  }
  return { [name]: c };
}
