/**
 * POST _ml/trained_models/{model_id}/_infer and the deprecated …/deployment/_infer
 * (docs §1.5, docs §10, docs §11.5).
 *
 * A tree-ensemble model is evaluated from its stored definition (no deployment needed); a
 * PyTorch model needs a started deployment, answers deterministic stand-in results, and its
 * deployment counts every document (and repeated ones as cache hits) for `_stats`.
 */
import { createHash } from 'node:crypto';
import { badRequest, validationError } from '../../rest/errors';
import { StoredModel, inferenceConfigName } from '../../state/models';
import { resolveInferTarget } from '../../state/infer-target';
import { recordInference } from '../../state/inference-counters';
import { inflateDefinition } from '../../state/definition-codec';
import { DefinitionDef } from '../../state/tree-definition';
import { inferTree } from '../../state/tree-inference';
import { PreparedAction, RouteSpec } from '../types';

/** The definition a tree model infers with, if it has one the sandbox can read. */
export function treeDefinitionOf(m: StoredModel): DefinitionDef | undefined {
  const def = m.definition ?? (m.compressed_definition !== undefined ? inflateDefinition(m.compressed_definition) : undefined);
  const tm = (def as DefinitionDef | undefined)?.trained_model;
  return tm && (tm.tree || tm.ensemble) ? (def as DefinitionDef) : undefined;
}

/**
 * A regression / classification config updated by a request's `inference_config`: the
 * request's settings override the model's; a different config type is refused as
 * Elasticsearch does ("... is not compatible with ...", InferenceConfigUpdate.isSupported).
 */
export function mergedTreeConfig(m: StoredModel, update: Record<string, unknown> | undefined): Record<string, Record<string, unknown>> {
  const [name, cfg] = Object.entries(m.inference_config)[0] as [string, Record<string, unknown>];
  if (!update || Object.keys(update).length === 0) return { [name]: cfg };
  const [uName, uCfg] = Object.entries(update)[0] as [string, Record<string, unknown> | undefined];
  if (uName !== name) throw badRequest(`Inference config of type [${uName}] can not be applied to model [${m.model_id}] with config of type [${name}]`);
  return { [name]: { ...cfg, ...(uCfg ?? {}) } };
}

/** Deterministic stand-in results for NLP configs, derived from a hash of the document. */
function fakeInference(m: StoredModel, doc: Record<string, unknown>): Record<string, unknown> {
  const h = createHash('sha256').update(m.model_id + JSON.stringify(doc)).digest();
  const unit = (i: number): number => Math.round((h[i % h.length]! / 255) * 10000) / 10000;
  switch (inferenceConfigName(m)) {
    case 'regression':
      return { predicted_value: unit(0) * 100 };
    case 'classification':
      return { predicted_value: unit(0) > 0.5 ? 'a' : 'b', prediction_probability: unit(1), prediction_score: unit(1) };
    case 'text_embedding':
      return { predicted_value: Array.from({ length: 8 }, (_, i) => unit(i) * 2 - 1) };
    case 'text_expansion':
      return { predicted_value: { tok_a: unit(0), tok_b: unit(1) } };
    case 'text_classification':
      return { predicted_value: unit(0) > 0.5 ? 'POSITIVE' : 'NEGATIVE', prediction_probability: unit(1) };
    case 'ner':
      return { predicted_value: String(Object.values(doc)[0] ?? ''), entities: [] };
    default:
      return { predicted_value: unit(0) };
  }
}

/** One document's result for a tree model (also used by the inference ingest processor). */
export function inferTreeModel(m: StoredModel, doc: Record<string, unknown>, update?: Record<string, unknown>): Record<string, unknown> {
  const def = treeDefinitionOf(m);
  if (!def) return fakeInference(m, doc);
  const result = inferTree(doc, { modelId: m.model_id, definition: def, config: mergedTreeConfig(m, update) });
  const stats = (m.inferenceStats ??= { inference_count: 0, missing_all_fields_count: 0 });
  stats.inference_count++;
  if (result.warning !== undefined) stats.missing_all_fields_count++;
  return result;
}

function inferHandler(deprecatedPath: boolean): RouteSpec['handler'] {
  return {
    name: deprecatedPath ? 'xpack_ml_infer_trained_models_deployment_action' : 'xpack_ml_infer_trained_models_action',
    prepare(req, ctx): PreparedAction {
      const id = req.params.get('model_id')!;
      req.params.get('timeout');
      // RestInferTrainedModelAction: 400 "requires body" (docs §1.5)
      if (!req.hasContent) throw badRequest('requires body');
      const body = req.json();
      const warnings =
        deprecatedPath && ctx.features.inferEndpoint
          ? ['[POST /_ml/trained_models/{model_id}/deployment/_infer] is deprecated! Use [POST /_ml/trained_models/{model_id}/_infer] instead.']
          : [];
      return {
        action: 'cluster:monitor/xpack/ml/inference/infer',
        validate() {
          if (!Array.isArray(body.docs)) throw validationError(['[docs] must not be null.']);
        },
        run() {
          const docs = body.docs as Array<Record<string, unknown>>;
          // an alias first, then a deployment id, then a model id (docs §10.1)
          const { model: m, assignment } = resolveInferTarget(ctx.state, id);
          if (m.model_type !== 'pytorch' || !assignment) {
            const update = body.inference_config as Record<string, unknown> | undefined;
            return { body: { inference_results: docs.map((d) => inferTreeModel(m, d, update)) }, warnings };
          }
          const results = docs.map((d) => {
            recordInference(assignment, JSON.stringify(d));
            return fakeInference(m, d);
          });
          return { body: { inference_results: results }, warnings };
        },
      };
    },
  };
}

export const inferRoute: RouteSpec['handler'] = inferHandler(false);
export const deprecatedInferRoute: RouteSpec['handler'] = inferHandler(true);
