/**
 * Tree and ensemble definitions of `tree_ensemble` models: the checks Elasticsearch runs on
 * PUT, the estimated number of operations, and the target type (docs §11.2, docs §11.3).
 *
 * Sources (elastic/elasticsearch): `Tree.validate` / `Tree.estimatedNumOperations`
 * (x-pack/plugin/core/.../inference/trainedmodel/tree/Tree.java @430c1dd8) and
 * `Ensemble.validate` / `Ensemble.estimatedNumOperations`
 * (x-pack/plugin/core/.../inference/trainedmodel/ensemble/Ensemble.java @77364de5);
 * the wrapping message from x-pack/plugin/ml/.../action/TransportPutTrainedModelAction.java @ae2cf79f.
 */
import { EsError, badRequest } from '../rest/errors';

export type TargetType = 'regression' | 'classification';

export interface TreeNodeDef {
  node_index?: number;
  split_feature?: number;
  threshold?: number;
  decision_type?: string;
  default_left?: boolean;
  left_child?: number;
  right_child?: number;
  leaf_value?: number | number[];
}

export interface TreeDef {
  feature_names?: string[];
  tree_structure?: TreeNodeDef[];
  target_type?: string;
  classification_labels?: string[];
}

export interface EnsembleDef {
  feature_names?: string[];
  trained_models?: Array<{ tree?: TreeDef; ensemble?: EnsembleDef }>;
  target_type?: string;
  classification_labels?: string[];
  classification_weights?: number[];
  aggregate_output?: Record<string, unknown>;
}

export interface TrainedModelDef {
  tree?: TreeDef;
  ensemble?: EnsembleDef;
}

export interface DefinitionDef {
  preprocessors?: Array<Record<string, Record<string, unknown>>>;
  trained_model?: TrainedModelDef;
}

const isLeaf = (n: TreeNodeDef): boolean => (n.left_child ?? -1) < 0;

function treeTarget(t: TreeDef): TargetType {
  return t.target_type === 'classification' ? 'classification' : 'regression';
}

export function targetTypeOf(m: TrainedModelDef): TargetType {
  if (m.tree) return treeTarget(m.tree);
  return m.ensemble?.target_type === 'classification' ? 'classification' : 'regression';
}

/** `Tree.validate`: feature index bounds, features for non-stumps, target type, missing nodes, cycles, leaf widths. */
function validateTree(t: TreeDef): void {
  const nodes = t.tree_structure ?? [];
  const features = t.feature_names ?? [];
  const maxFeature = nodes.reduce((max, n) => Math.max(max, n.split_feature ?? -1), -1);
  if (maxFeature >= features.length) throw badRequest(`feature index [${maxFeature}] is out of bounds for the [feature_names] array`);
  if (nodes.length > 1 && features.length === 0) {
    throw badRequest(`[feature_names] is empty and the tree has > 1 nodes; num nodes [${nodes.length}]. The model Must have features if tree is not a stump`);
  }
  const leafWidth = (n: TreeNodeDef): number => (Array.isArray(n.leaf_value) ? n.leaf_value.length : 1);
  if (t.classification_labels !== undefined && treeTarget(t) !== 'classification') {
    throw badRequest('[target_type] should be [classification] if [classification_labels] are provided');
  }
  if (treeTarget(t) !== 'classification' && nodes.some((n) => isLeaf(n) && leafWidth(n) > 1)) {
    throw badRequest('[target_type] should be [classification] if leaf nodes have multiple values');
  }
  const missing: number[] = [];
  for (const n of nodes) {
    for (const child of [n.left_child ?? -1, n.right_child ?? -1]) if (child >= nodes.length) missing.push(child);
  }
  if (missing.length > 0) throw badRequest(`[tree] contains missing nodes [${missing.join(', ')}]`);
  const visited = new Set<number>();
  const queue = [0];
  while (queue.length > 0) {
    const i = queue.shift()!;
    if (visited.has(i)) throw badRequest(`[tree] contains cycle at node ${i}`);
    visited.add(i);
    const n = nodes[i];
    if (!n) continue;
    if ((n.left_child ?? -1) >= 0) queue.push(n.left_child!);
    if ((n.right_child ?? -1) >= 0) queue.push(n.right_child!);
  }
  const widths = new Set(nodes.filter(isLeaf).map(leafWidth));
  if (widths.size > 1) throw badRequest('[tree.tree_structure] all leaf nodes must have the same number of values');
}

/** `Ensemble.validate`: at least one model, labels only for classification, then each model. */
function validateEnsemble(e: EnsembleDef): void {
  const models = e.trained_models ?? [];
  if (models.length === 0) throw badRequest('[trained_models] must not be empty');
  const target = e.target_type === 'classification' ? 'classification' : 'regression';
  if ((e.classification_labels !== undefined || e.classification_weights !== undefined) && target !== 'classification') {
    throw badRequest('[target_type] should be [classification] if [classification_labels] or [classification_weights] are provided');
  }
  if (e.classification_labels !== undefined && e.classification_weights !== undefined && e.classification_labels.length !== e.classification_weights.length) {
    throw badRequest('[classification_weights] and [classification_labels] should be the same length if both are provided');
  }
  for (const m of models) validateTrainedModel(m);
}

export function validateTrainedModel(m: TrainedModelDef): void {
  if (m.tree) validateTree(m.tree);
  else if (m.ensemble) validateEnsemble(m.ensemble);
}

/**
 * `TrainedModel.estimatedNumOperations`: a tree costs ceil(ln(nodes)) + its feature count
 * (Java `Math.log`, natural); an ensemble the ceiling of its models' mean plus 2 per extra
 * model. TransportPutTrainedModelAction stores the trained model's figure (preprocessors add nothing).
 */
export function estimatedOperations(m: TrainedModelDef): number {
  if (m.tree) {
    const nodes = m.tree.tree_structure?.length ?? 0;
    return (nodes > 0 ? Math.ceil(Math.log(nodes)) : 0) + (m.tree.feature_names?.length ?? 0);
  }
  const models = m.ensemble?.trained_models ?? [];
  if (models.length === 0) return 0;
  const mean = models.reduce((s, x) => s + estimatedOperations(x), 0) / models.length;
  return Math.ceil(mean) + 2 * (models.length - 1);
}

/**
 * TransportPutTrainedModelAction.masterOperation: a definition failing `validate()` is answered
 * 400 "Definition for [id] has validation failures." caused by the check's own message.
 */
export function checkDefinition(modelId: string, definition: DefinitionDef): void {
  const m = definition.trained_model;
  if (!m || (!m.tree && !m.ensemble)) return;
  try {
    validateTrainedModel(m);
  } catch (e) {
    if (e instanceof EsError) throw badRequest(`Definition for [${modelId}] has validation failures.`, { causedBy: e.cause_() });
    throw e;
  }
}
