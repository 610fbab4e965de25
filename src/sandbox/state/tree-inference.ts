/**
 * Inference with a stored tree / ensemble definition, for `_infer` and the inference ingest
 * processor (docs §11.5): preprocessors turn the document into features, each tree walks
 * from its root to a leaf, an ensemble sums its trees (weighted_sum, the default aggregator).
 *
 * Sources (elastic/elasticsearch): `Tree.infer` / `Tree.classificationProbability` (Tree.java
 * @430c1dd8), `Ensemble.infer` with `WeightedSum` (Ensemble.java @77364de5), the
 * "could not be inferred as all fields were missing" warning (pipeline_inference.yml
 * "Test all fields missing warning" @144e0f21).
 */
import type { DefinitionDef, TrainedModelDef, TreeDef } from './tree-definition';

type Features = Map<string, unknown>;

/** one_hot_encoding, frequency_encoding and target_mean_encoding add features; the originals stay. */
function preprocess(doc: Record<string, unknown>, preprocessors: DefinitionDef['preprocessors']): Features {
  const out: Features = new Map(Object.entries(flatten(doc)));
  for (const p of preprocessors ?? []) {
    const [kind, cfg] = Object.entries(p)[0] ?? [];
    if (!cfg) continue;
    const value = out.get(String(cfg.field));
    if (kind === 'one_hot_encoding') {
      for (const [v, feature] of Object.entries((cfg.hot_map ?? {}) as Record<string, string>)) out.set(feature, value === undefined ? undefined : String(value) === v ? 1 : 0);
    } else if (kind === 'frequency_encoding' || kind === 'target_mean_encoding') {
      const map = (kind === 'frequency_encoding' ? cfg.frequency_map : cfg.target_map) as Record<string, number> | undefined;
      const dflt = kind === 'target_mean_encoding' ? Number(cfg.default_value ?? 0) : 0;
      if (value !== undefined) out.set(String(cfg.feature_name), map?.[String(value)] ?? dflt);
    }
  }
  return out;
}

function flatten(doc: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Walks one tree: a missing value follows `default_left` (default true), `lte` (default) or `lt`. */
function walk(t: TreeDef, features: Features): number[] {
  const nodes = t.tree_structure ?? [];
  let i = 0;
  for (let guard = 0; guard <= nodes.length; guard++) {
    const n = nodes[i];
    if (!n) return [0];
    if ((n.left_child ?? -1) < 0) return Array.isArray(n.leaf_value) ? n.leaf_value : [n.leaf_value ?? 0];
    const name = (t.feature_names ?? [])[n.split_feature ?? 0];
    const v = name === undefined ? undefined : numeric(features.get(name));
    const threshold = n.threshold ?? 0;
    const left = v === undefined ? n.default_left !== false : n.decision_type === 'lt' ? v < threshold : v <= threshold;
    i = left ? n.left_child! : n.right_child!;
  }
  return [0];
}

function modelValue(m: TrainedModelDef, features: Features): number[] {
  if (m.tree) return walk(m.tree, features);
  const models = m.ensemble?.trained_models ?? [];
  const weights = (m.ensemble?.aggregate_output?.weighted_sum as { weights?: number[] } | undefined)?.weights;
  const values = models.map((x) => modelValue(x, features));
  const width = Math.max(1, ...values.map((v) => v.length));
  return Array.from({ length: width }, (_, k) => values.reduce((s, v, j) => s + (v[k] ?? 0) * (weights?.[j] ?? 1), 0));
}

function featureNamesUsed(m: TrainedModelDef): string[] {
  if (m.tree) return m.tree.feature_names ?? [];
  return (m.ensemble?.trained_models ?? []).flatMap(featureNamesUsed);
}

export interface TreeInferenceOptions {
  modelId: string;
  definition: DefinitionDef;
  /** The model's inference config merged with the request's update: `{ regression: {...} }` or `{ classification: {...} }`. */
  config: Record<string, Record<string, unknown>>;
}

/** One document's result, shaped like RegressionInferenceResults / ClassificationInferenceResults. */
export function inferTree(doc: Record<string, unknown>, o: TreeInferenceOptions): Record<string, unknown> {
  const m = o.definition.trained_model ?? {};
  const features = preprocess(doc, o.definition.preprocessors);
  const used = featureNamesUsed(m);
  if (used.length > 0 && used.every((f) => features.get(f) === undefined)) {
    return { warning: `Model [${o.modelId}] could not be inferred as all fields were missing` };
  }
  const value = modelValue(m, features);
  const [kind, cfg] = Object.entries(o.config)[0] ?? ['regression', {}];
  const resultsField = String(cfg.results_field ?? 'predicted_value');
  if (kind !== 'classification') return { [resultsField]: value[0] ?? 0 };
  const labels = m.tree?.classification_labels ?? m.ensemble?.classification_labels;
  // a single leaf value is the class index; several are scores turned into probabilities (softmax)
  let probabilities: number[];
  if (value.length === 1) {
    const n = Math.max(labels?.length ?? 2, Math.round(value[0]!) + 1);
    probabilities = Array.from({ length: n }, (_, k) => (k === Math.round(value[0]!) ? 1 : 0));
  } else {
    const max = Math.max(...value);
    const exp = value.map((v) => Math.exp(v - max));
    const sum = exp.reduce((s, v) => s + v, 0);
    probabilities = exp.map((v) => v / sum);
  }
  let best = 0;
  probabilities.forEach((p, k) => {
    if (p > probabilities[best]!) best = k;
  });
  const label = labels?.[best] ?? String(best);
  const out: Record<string, unknown> = { [resultsField]: label };
  const top = Number(cfg.num_top_classes ?? 0);
  if (top !== 0) {
    const order = probabilities.map((p, k) => ({ p, k })).sort((a, b) => b.p - a.p);
    out[String(cfg.top_classes_results_field ?? 'top_classes')] = (top < 0 ? order : order.slice(0, top)).map(({ p, k }) => ({
      class_name: labels?.[k] ?? String(k),
      class_probability: p,
      class_score: p,
    }));
  }
  out.prediction_probability = probabilities[best];
  out.prediction_score = probabilities[best];
  return out;
}
