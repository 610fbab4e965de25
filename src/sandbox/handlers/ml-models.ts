/**
 * Trained models: PUT/GET/DELETE, _stats, definition parts, vocabulary, _infer
 * (docs §1.3, docs §1.4, docs §1.5, docs §1.6, docs §1.7, docs §4.3).
 */
import { createHash } from 'node:crypto';
import { EsError, badRequest, conflict, illegalArgument, missingTrainedModel, validationError } from '../rest/errors';
import { referencedModelIds } from '../state/references';
import { expandIds, isAllOrWildcard, isMatchAll, simpleIdsMatcher, tokenizeExpression } from '../state/resolve';
import { javaHashSetOrder } from '../state/java-order';
import { javaCompare } from '../rest/params';
import { StoredModel, inferenceConfigName } from '../state/models';
import { Assignment } from '../state/assignments';
import { renderConfig, renderDeploymentStats } from './ml-render';
import { HandlerContext, PreparedAction, RouteSpec } from './types';
import { Features } from '../version';

const BASE = '/_ml/trained_models';

/** MlStrings.isValidId + length 64 (PutTrainedModelAction validation). */
const VALID_ID = /^[a-z0-9](?:[a-z0-9_\-.]*[a-z0-9])?$/;

export function references(ctx: HandlerContext): Set<string> {
  return referencedModelIds(ctx.state.pipelinesObject(), ctx.features.mapBasedReferenceWalk);
}

// ------------------------------------------------------------------ PUT model

const putModel: RouteSpec = {
  method: 'PUT',
  path: `${BASE}/{model_id}`,
  handler: {
    name: 'xpack_ml_put_trained_model_action',
    prepare(req, ctx): PreparedAction {
      const modelId = req.params.get('model_id')!;
      req.params.get('defer_definition_decompression');
      if (ctx.features.modelType) req.params.get('wait_for_completion');
      if (!req.hasContent) throw badRequest('requires body');
      const body = req.json();
      return {
        action: 'cluster:admin/xpack/ml/inference/put',
        validate() {
          const errors: string[] = [];
          if (!VALID_ID.test(modelId) || modelId.length > 64) {
            errors.push(`Invalid model_id; '${modelId}' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric`);
          }
          if (body.model_id !== undefined && body.model_id !== modelId) errors.push(`model_id [${String(body.model_id)}] does not match URL path model_id [${modelId}]`);
          for (const generated of ['created_by', 'version', 'create_time', 'license_level', 'model_size_bytes', 'estimated_operations']) {
            if (body[generated] !== undefined) errors.push(`illegal to set [${generated}] at inference model creation`);
          }
          if (!ctx.features.modelType && body.model_type !== undefined) {
            throw new EsError(400, 'x_content_parse_exception', '[1:2] [trained_model_config] unknown field [model_type]');
          }
          const type = body.model_type;
          if (type !== undefined && !['tree_ensemble', 'lang_ident', 'pytorch'].includes(String(type))) {
            throw illegalArgument(`unknown model_type [${String(type)}]`);
          }
          if (body.inference_config === undefined) errors.push('[inference_config] must not be null.');
          else if (typeof body.inference_config !== 'object' || body.inference_config === null || Object.keys(body.inference_config).length !== 1) {
            throw illegalArgument('[inference_config] must be an object with exactly one inference config');
          }
          if (type !== 'pytorch' && body.definition === undefined && body.compressed_definition === undefined && body.location === undefined) {
            errors.push('[definition] must not be null.');
          }
          if (type !== 'pytorch' && body.input === undefined) errors.push('[input] must not be null.');
          if (errors.length > 0) throw validationError(errors);
        },
        run() {
          const st = ctx.state;
          // docs §1.7: a new id equal to an existing alias
          if (st.aliases?.has(modelId)) {
            throw badRequest(`requested model_id [${modelId}] is the same as an existing model_alias. Model model_aliases and ids must be unique`);
          }
          if (st.models.has(modelId)) throw badRequest(`Trained machine learning model [${modelId}] already exists`);
          const type = (body.model_type as string | undefined) ?? (ctx.features.modelType ? 'tree_ensemble' : undefined);
          const input = (body.input as { field_names?: string[] } | undefined)?.field_names ?? (type === 'pytorch' ? ['input'] : []);
          const defBytes = body.definition !== undefined ? JSON.stringify(body.definition).length : typeof body.compressed_definition === 'string' ? body.compressed_definition.length : 0;
          const m: StoredModel = {
            model_id: modelId,
            ...(type !== undefined ? { model_type: type } : {}),
            created_by: 'api_user',
            version: ctx.version.number,
            create_time: Date.now(),
            model_size_bytes: type === 'pytorch' ? 0 : defBytes,
            estimated_operations: type === 'pytorch' ? 0 : Math.max(1, Math.round(defBytes / 40)),
            license_level: 'platinum',
            ...(body.description !== undefined ? { description: String(body.description) } : {}),
            tags: Array.isArray(body.tags) ? (body.tags as unknown[]).map(String) : [],
            ...(body.metadata !== undefined ? { metadata: body.metadata as Record<string, unknown> } : {}),
            input: { field_names: input },
            ...(body.default_field_map !== undefined ? { default_field_map: body.default_field_map as Record<string, string> } : {}),
            inference_config: withInferenceDefaults(body.inference_config as Record<string, unknown>),
            ...(body.location !== undefined ? { location: body.location } : {}),
            ...(body.prefix_strings !== undefined ? { prefix_strings: body.prefix_strings } : {}),
            ...(body.platform_architecture !== undefined ? { platform_architecture: String(body.platform_architecture) } : {}),
            ...(body.definition !== undefined ? { definition: body.definition } : {}),
            ...(typeof body.compressed_definition === 'string' ? { compressed_definition: body.compressed_definition } : {}),
            definitionParts: new Map(),
          };
          st.models.set(modelId, m);
          return { body: renderConfig(m, st, ctx.features, { includeDefinition: false, includeDefinitionStatus: false, excludeGenerated: false, withAliases: false }) };
        },
      };
    },
  },
};

function withInferenceDefaults(ic: Record<string, unknown>): Record<string, unknown> {
  const [name, cfg] = Object.entries(ic)[0]!;
  const c = (cfg ?? {}) as Record<string, unknown>;
  if (name === 'regression') return { regression: { results_field: 'predicted_value', num_top_feature_importance_values: 0, ...c } };
  if (name === 'classification') {
    return { classification: { num_top_classes: 0, top_classes_results_field: 'top_classes', results_field: 'predicted_value', num_top_feature_importance_values: 0, prediction_field_type: 'string', ...c } };
  }
  return { [name]: c };
}

// ------------------------------------------------------------------ GET models

const getModels: RouteSpec = {
  method: 'GET',
  path: [BASE, `${BASE}/{model_id}`],
  handler: {
    name: 'xpack_ml_get_trained_models_action',
    responseParams: ['decompress_definition', 'exclude_generated'],
    prepare(req, ctx): PreparedAction {
      const expr = req.params.get('model_id') ?? '_all';
      const allowNoMatch = req.params.bool('allow_no_match', true);
      const include = req.params.list('include') ?? [];
      const from = req.params.int('from', 0);
      const size = req.params.int('size', 100);
      const tags = req.params.list('tags') ?? [];
      if (ctx.features.modelType) req.params.get('include_model_definition');
      const excludeGenerated = req.params.bool('exclude_generated', false);
      req.params.bool('decompress_definition', true);
      const known = ['definition', 'total_feature_importance', 'feature_importance_baseline', 'hyperparameters', 'definition_status'];
      for (const i of include) {
        if (!known.includes(i)) throw illegalArgument(`No valid include option found for [${i}]`);
      }
      return {
        action: 'cluster:monitor/xpack/ml/inference/get',
        run() {
          const st = ctx.state;
          let ids = expandIds(st, expr, allowNoMatch);
          if (tags.length > 0) ids = ids.filter((id) => tags.every((t) => st.models.get(id)!.tags.includes(t)));
          if (ids.length === 0 && !allowNoMatch && !isMatchAll(expr)) throw missingTrainedModel(expr);
          const page = ids.slice(from, from + size);
          // docs §1.3 quirk: only resource models requested → no model_aliases
          const onlyResources = page.length > 0 && page.every((id) => st.models.get(id)!.resource === true);
          const configs = page.map((id) =>
            renderConfig(st.models.get(id)!, st, ctx.features, {
              includeDefinition: include.includes('definition'),
              includeDefinitionStatus: include.includes('definition_status'),
              excludeGenerated,
              withAliases: !onlyResources,
            }),
          );
          return { body: { count: ids.length, trained_model_configs: configs } };
        },
      };
    },
  },
};

// ------------------------------------------------------------------ DELETE model

const deleteModel: RouteSpec = {
  method: 'DELETE',
  path: `${BASE}/{model_id}`,
  handler: {
    name: 'xpack_ml_delete_trained_models_action',
    prepare(req, ctx): PreparedAction {
      const id = req.params.get('model_id')!;
      const force = req.params.bool('force', false);
      req.params.get('timeout');
      return {
        action: 'cluster:admin/xpack/ml/inference/delete',
        run() {
          const st = ctx.state;
          const refs = references(ctx);
          if (!force) {
            if (refs.has(id)) throw conflict(`Cannot delete model [${id}] as it is still referenced by ingest processors; use force to delete the model`);
            const refAlias = st.aliasesOf(id).find((a) => refs.has(a));
            if (refAlias !== undefined) {
              throw conflict(`Cannot delete model [${id}] as it has a model_alias [${refAlias}] that is still referenced by ingest processors; use force to delete the model`);
            }
          }
          const deployments = st.assignmentsForModel(id);
          if (deployments.length > 0) {
            if (!force) throw conflict(`Cannot delete model [${id}] as it is currently deployed; use force to delete the model`);
            for (const a of deployments) st.assignments!.delete(a.deployment_id);
          }
          const m = st.models.get(id);
          if (!m) throw missingTrainedModel(id);
          if (m.resource) throw badRequest(`Unable to delete model [${id}]`);
          for (const a of st.aliasesOf(id)) st.aliases!.delete(a);
          st.models.delete(id);
          return { body: { acknowledged: true } };
        },
      };
    },
  },
};

// ------------------------------------------------------------------ _stats

const getStats: RouteSpec = {
  method: 'GET',
  path: [`${BASE}/_stats`, `${BASE}/{model_id}/_stats`],
  handler: {
    name: 'xpack_ml_get_trained_models_stats_action',
    prepare(req, ctx): PreparedAction {
      const expr = req.params.get('model_id') ?? '_all';
      const allowNoMatch = req.params.bool('allow_no_match', true);
      const from = req.params.int('from', 0);
      const size = req.params.int('size', 100);
      return {
        action: 'cluster:monitor/xpack/ml/inference/stats/get',
        run() {
          const st = ctx.state;
          if (ctx.features.multiDeployments) return { body: statsMultiDeployments(ctx, expr, allowNoMatch, from, size) };
          // 8.0–8.7 (one deployment per model, its id is the model id): deployment stats are
          // fetched for the raw request id, so a model reached through an alias shows no
          // deployment_stats (docs §4.3)
          const all = expandIds(st, expr, allowNoMatch);
          const ids = all.slice(from, from + size);
          const matches = simpleIdsMatcher(expr);
          const entries: Array<Record<string, unknown>> = [];
          for (const id of ids) {
            const base = modelStatsBase(st.models.get(id)!, ctx);
            const d = st.assignmentsForModel(id)[0];
            entries.push(d && matches(d.model_id) ? { ...base, deployment_stats: renderDeploymentStats(d, ctx) } : base);
          }
          // count is the total number of matched models, not the page (expandIds' totalHitCount)
          return { body: { count: all.length, trained_model_stats: entries } };
        },
      };
    },
  },
};

/**
 * 8.8+ `_stats` (TransportGetTrainedModelsStatsAction @baf2a187,
 * GetTrainedModelsStatsAction.Response.Builder.build @0128e306):
 * - `matchedDeploymentIds`: deployments whose *deployment id* matches the raw expression;
 * - `addModelsUsedInMatchingDeployments`: unless the expression is all/wildcard, the models
 *   those deployments use are added to the id expression, and `expandIds` does not count the
 *   matched deployment ids as missing (`previouslyMatchedIds`);
 * - `getDeploymentStats`: stats for every deployment whose deployment id OR model id matches
 *   the raw expression (an alias matches neither, docs §4.3);
 * - `build(modelToDeployments(expanded models))`: an undeployed model gets one entry; a
 *   deployed one gets an entry per deployment *that has stats*, none otherwise;
 * - `count` is expandIds' total hit count (models, before paging).
 * Entries are sorted by model id only: the comparator meant to order a model's deployments
 * compares modelStats1's deployment id with itself (`deploymentId2 = ... :
 * modelStats1.getDeploymentStats().getDeploymentId()`), and the sort is stable, so they stay
 * in the iteration order of the HashSet `modelToDeployments` built.
 */
function statsMultiDeployments(ctx: HandlerContext, expr: string, allowNoMatch: boolean, from: number, size: number): Record<string, unknown> {
  const st = ctx.state;
  const matches = simpleIdsMatcher(expr);
  // allAssignments() iterates the metadata's ordered map; the sandbox keeps it by deployment id
  const assignments = [...(st.assignments?.values() ?? [])].sort((a, b) => javaCompare(a.deployment_id, b.deployment_id));
  const matchedDeploymentIds = new Set(assignments.filter((a) => matches(a.deployment_id)).map((a) => a.deployment_id));
  let idExpression = expr;
  const tokens = tokenizeExpression(expr);
  if (!isAllOrWildcard(tokens)) {
    const used = assignments.filter((a) => matchedDeploymentIds.has(a.deployment_id)).map((a) => a.model_id);
    idExpression = [...new Set([...tokens, ...used])].join(',');
  }
  const all = expandIds(st, idExpression, allowNoMatch, matchedDeploymentIds);
  const ids = all.slice(from, from + size);
  const withStats = new Set(assignments.filter((a) => matches(a.deployment_id) || matches(a.model_id)).map((a) => a.deployment_id));
  const entries: Array<Record<string, unknown>> = [];
  for (const id of ids) {
    const base = modelStatsBase(st.models.get(id)!, ctx);
    const deploymentIds = assignments.filter((a) => a.model_id === id).map((a) => a.deployment_id);
    if (deploymentIds.length === 0) {
      entries.push(base);
      continue;
    }
    for (const depId of javaHashSetOrder(deploymentIds)) {
      if (!withStats.has(depId)) continue; // assignmentStats == null → skipped
      // pipelines are looked up for model ids, aliases and the *matched* deployment ids; an
      // entry uses its deployment id's ingest stats when there are any, else the model's
      const byDeployment = matchedDeploymentIds.has(depId) && depId !== id ? pipelinesReferencing(ctx, [depId]) : [];
      const entryBase = byDeployment.length > 0 ? modelStatsBase(st.models.get(id)!, ctx, byDeployment) : base;
      entries.push({ ...entryBase, deployment_stats: renderDeploymentStats(st.assignments!.get(depId)!, ctx) });
    }
  }
  return { count: all.length, trained_model_stats: entries };
}

/** Ids of the pipelines whose inference processors reference any of `keys` (map-based walk). */
function pipelinesReferencing(ctx: HandlerContext, keys: string[]): string[] {
  const st = ctx.state;
  return Object.keys(st.pipelinesObject()).filter((pid) => {
    const refs = referencedModelIds({ [pid]: st.pipelines.get(pid) }, true);
    return keys.some((k) => refs.has(k));
  });
}

/**
 * One stats entry without deployment_stats. Ingest stats come from the pipelines referencing
 * the model id or one of its aliases (`inferenceIngestStatsByModelId` folds alias keys into
 * the model id); 8.8+ deployment entries may pass `pipelineIds` found through their
 * deployment id instead (`ingestStatsMap.get(deploymentId)`, else by model id).
 */
function modelStatsBase(m: StoredModel, ctx: HandlerContext, pipelineIds?: string[]): Record<string, unknown> {
  const st = ctx.state;
  const pipelines = (pipelineIds ?? pipelinesReferencing(ctx, [m.model_id, ...st.aliasesOf(m.model_id)])).map((pid) => [pid] as const);
  const out: Record<string, unknown> = { model_id: m.model_id };
  if (ctx.features.modelType) {
    out.model_size_stats = {
      model_size_bytes: m.model_size_bytes,
      required_native_memory_bytes: m.model_type === 'pytorch' ? m.model_size_bytes * 2 + 240 * 1024 * 1024 : 0,
    };
  }
  out.pipeline_count = pipelines.length;
  if (pipelines.length > 0) {
    const zero = { count: 0, time_in_millis: 0, current: 0, failed: 0 };
    out.ingest = {
      total: zero,
      pipelines: Object.fromEntries(pipelines.map(([pid]) => [pid, { ...zero, processors: [{ inference: { type: 'inference', stats: zero } }] }])),
    };
  }
  if (m.model_type !== 'pytorch') {
    out.inference_stats = { failure_count: 0, inference_count: 0, cache_miss_count: 0, missing_all_fields_count: 0, timestamp: Date.now() };
  }
  return out;
}

// ------------------------------------------------------------------ definition parts & vocabulary

const putDefinitionPart: RouteSpec = {
  method: 'PUT',
  path: `${BASE}/{model_id}/definition/{part}`,
  handler: {
    name: 'xpack_ml_put_trained_model_definition_part_action',
    prepare(req, ctx): PreparedAction {
      const id = req.params.get('model_id')!;
      const partRaw = req.params.get('part')!;
      if (!/^\d+$/.test(partRaw)) throw illegalArgument(`Failed to parse int parameter [part] with value [${partRaw}]`);
      const part = Number(partRaw);
      if (!req.hasContent) throw badRequest('requires body');
      const body = req.json();
      return {
        action: 'cluster:admin/xpack/ml/trained_models/part/put',
        validate() {
          const errors: string[] = [];
          const total = Number(body.total_parts);
          if (typeof body.definition !== 'string') errors.push('[definition] must not be null.');
          if (!(total > 0)) errors.push('[total_parts] must be greater than 0');
          else if (part >= total) errors.push(`[part] must be less than total_parts`);
          if (!(Number(body.total_definition_length) > 0)) errors.push('[total_definition_length] must be greater than 0');
          if (errors.length > 0) throw validationError(errors);
        },
        run() {
          const m = ctx.state.models.get(id);
          if (!m) throw missingTrainedModel(id);
          const bytes = Buffer.from(String(body.definition), 'base64').length;
          m.definitionParts.set(part, { bytes, total_parts: Number(body.total_parts), total_definition_length: Number(body.total_definition_length) });
          m.model_size_bytes = Number(body.total_definition_length);
          return { body: { acknowledged: true } };
        },
      };
    },
  },
};

const putVocabulary: RouteSpec = {
  method: 'PUT',
  path: `${BASE}/{model_id}/vocabulary`,
  handler: {
    name: 'xpack_ml_put_trained_model_vocabulary_action',
    prepare(req, ctx): PreparedAction {
      const id = req.params.get('model_id')!;
      if (!req.hasContent) throw badRequest('requires body');
      const body = req.json();
      return {
        action: 'cluster:admin/xpack/ml/trained_models/vocabulary/put',
        validate() {
          if (!Array.isArray(body.vocabulary)) throw validationError(['[vocabulary] must not be null.']);
        },
        run() {
          const m = ctx.state.models.get(id);
          if (!m) throw missingTrainedModel(id);
          if (m.model_type !== 'pytorch') throw badRequest(`cannot put vocabulary for model [${id}] as it is not a pytorch model`);
          m.vocabulary = { size: (body.vocabulary as unknown[]).length, merges: Array.isArray(body.merges) ? body.merges.length : 0 };
          return { body: { acknowledged: true } };
        },
      };
    },
  },
};

// ------------------------------------------------------------------ _infer

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
          const st = ctx.state;
          const docs = body.docs as Array<Record<string, unknown>>;
          // a deployment id (8.8+), an alias or a model id
          let assignment: Assignment | undefined = st.assignments?.get(id);
          let model = assignment ? st.models.get(assignment.model_id) : undefined;
          if (!model) {
            const target = st.models.has(id) ? id : st.aliases?.get(id);
            model = target !== undefined ? st.models.get(target) : undefined;
            if (!model) throw missingTrainedModel(id);
            assignment = st.assignmentsForModel(model.model_id)[0];
          }
          if (model.model_type === 'pytorch' && (!assignment || assignment.assignment_state !== 'started')) {
            throw conflict(`Trained model deployment [${id}] is not allocated to any nodes`);
          }
          const results = docs.map((d) => fakeInference(model!, d));
          return { body: { inference_results: results }, warnings };
        },
      };
    },
  };
}

/** Deterministic fake results derived from a hash of the document. */
function fakeInference(m: StoredModel, doc: Record<string, unknown>): Record<string, unknown> {
  const h = createHash('sha256').update(m.model_id + JSON.stringify(doc)).digest();
  const unit = (i: number): number => Math.round((h[i % h.length]! / 255) * 10000) / 10000;
  const name = inferenceConfigName(m);
  switch (name) {
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

export function mlModelRoutes(f: Features): RouteSpec[] {
  const routes: RouteSpec[] = [putModel, getModels, deleteModel, getStats];
  if (f.modelType) {
    routes.push(putDefinitionPart, putVocabulary);
    routes.push({ method: 'POST', path: `${BASE}/{model_id}/deployment/_infer`, handler: inferHandler(true) });
  }
  if (f.inferEndpoint) routes.push({ method: 'POST', path: `${BASE}/{model_id}/_infer`, handler: inferHandler(false) });
  return routes;
}

