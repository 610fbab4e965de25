/**
 * GET _ml/trained_models[/{model_id}]/_stats (docs §4.3): ingest stats from the pipelines that
 * reference a model, tree-model inference_stats, per-deployment stats (docs §11.5 counters).
 */
import { expandIds, isAllOrWildcard, simpleIdsMatcher, tokenizeExpression } from '../../state/resolve';
import { javaHashSetOrder } from '../../state/java-order';
import { javaCompare } from '../../rest/params';
import { StoredModel } from '../../state/models';
import { renderDeploymentStats } from '../ml-render';
import { HandlerContext, PreparedAction, RouteSpec } from '../types';
import { pipelinesReferencing } from './references';
import { BASE } from './paths';

export const getStats: RouteSpec = {
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
    const counted = m.inferenceStats ?? { inference_count: 0, missing_all_fields_count: 0 };
    out.inference_stats = { failure_count: 0, inference_count: counted.inference_count, cache_miss_count: 0, missing_all_fields_count: counted.missing_all_fields_count, timestamp: Date.now() };
  }
  return out;
}
