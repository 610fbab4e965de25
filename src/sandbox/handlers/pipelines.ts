/**
 * Ingest pipelines PUT/GET/DELETE (docs §1.8, docs §4.4): stored as given.
 */
import { EsError, resourceNotFound } from '../rest/errors';
import { wildcardMatch } from '../state/resolve';
import { PreparedAction, RouteSpec } from './types';
import { simulatePipeline } from './pipeline-simulate';

/** A pipeline id pattern: a simple-match wildcard when it holds `*`, else the exact id. */
function pipelineIdMatches(pattern: string, id: string): boolean {
  return pattern.includes('*') ? wildcardMatch(pattern, id) : pattern === id;
}

/**
 * `InferenceProcessor.Factory.create` (InferenceProcessor.java @1d8b286f) reads `model_id` with
 * ConfigurationUtils.readStringProperty:
 * a missing one is a parse_exception naming the processor type, its tag and the property
 * (inference_processor.yml "Test create processor with missing mandatory fields" @11921be3, docs §11.5).
 */
function checkInferenceProcessor(p: Record<string, unknown>): void {
  const cfg = p.inference as Record<string, unknown> | undefined;
  if (cfg === undefined || cfg === null || typeof cfg !== 'object') return;
  if (cfg.model_id === undefined || cfg.model_id === null) {
    const tag = typeof cfg.tag === 'string' ? { processor_tag: cfg.tag } : {};
    throw new EsError(400, 'parse_exception', '[model_id] required property is missing', {
      metadata: { processor_type: 'inference', ...tag, property_name: 'model_id' },
    });
  }
}

const putPipeline: RouteSpec = {
  method: 'PUT',
  path: '/_ingest/pipeline/{id}',
  handler: {
    name: 'ingest_put_pipeline_action',
    prepare(req, ctx): PreparedAction {
      const id = req.params.get('id')!;
      req.params.get('timeout');
      req.params.get('master_timeout');
      req.params.get('if_version');
      if (!req.hasContent) throw new EsError(400, 'parse_exception', 'request body is required');
      const body = req.json();
      return {
        action: 'cluster:admin/ingest/pipeline/put',
        validate() {
          if (!Array.isArray(body.processors)) {
            throw new EsError(400, 'parse_exception', '[processors] required property is missing', { metadata: { property_name: 'processors' } });
          }
          for (const p of body.processors as unknown[]) {
            if (p === null || typeof p !== 'object' || Array.isArray(p) || Object.keys(p as object).length !== 1) {
              throw new EsError(400, 'parse_exception', 'processor definition must be an object with exactly one key');
            }
            checkInferenceProcessor(p as Record<string, unknown>);
          }
        },
        run() {
          ctx.state.pipelines.set(id, body);
          return { body: { acknowledged: true } };
        },
      };
    },
  },
};

const getPipeline: RouteSpec = {
  method: 'GET',
  path: ['/_ingest/pipeline', '/_ingest/pipeline/{id}'],
  handler: {
    name: 'ingest_get_pipeline_action',
    prepare(req, ctx): PreparedAction {
      const expr = req.params.get('id');
      req.params.get('master_timeout');
      req.params.bool('summary', false);
      return {
        action: 'cluster:admin/ingest/pipeline/get',
        run() {
          // IngestService.innerGetPipelines: no id → every pipeline; a simple-match pattern
          // (`*` included) → the matching ones; anything else (`_all` too) an exact lookup.
          // GetPipelineResponse.status(): NOT_FOUND when the list is empty (isFound false),
          // the body still `{}` — also for `GET _ingest/pipeline` with nothing stored
          // (elastic/elasticsearch server/src/main/java/org/elasticsearch/action/ingest/GetPipelineResponse.java
          // @13a0e88f; RestGetPipelineAction answers through RestStatusToXContentListener).
          const all = [...ctx.state.pipelines.entries()];
          const ids = (expr ?? '').split(',').map((t) => t.trim()).filter((t) => t.length > 0); // Strings.splitStringByCommaToArray
          const out: Record<string, unknown> = {};
          if (ids.length === 0) for (const [id, p] of all) out[id] = p;
          for (const token of ids) {
            for (const [id, p] of all) if (pipelineIdMatches(token, id)) out[id] = p;
          }
          return { status: Object.keys(out).length === 0 ? 404 : 200, body: out };
        },
      };
    },
  },
};

const deletePipeline: RouteSpec = {
  method: 'DELETE',
  path: '/_ingest/pipeline/{id}',
  handler: {
    name: 'ingest_delete_pipeline_action',
    prepare(req, ctx): PreparedAction {
      const expr = req.params.get('id')!;
      req.params.get('timeout');
      req.params.get('master_timeout');
      return {
        action: 'cluster:admin/ingest/pipeline/delete',
        run() {
          const ids = [...ctx.state.pipelines.keys()].filter((id) => pipelineIdMatches(expr, id));
          if (ids.length === 0 && !expr.includes('*')) throw resourceNotFound(`pipeline [${expr}] is missing`);
          for (const id of ids) ctx.state.pipelines.delete(id);
          return { body: { acknowledged: true } };
        },
      };
    },
  },
};

export const pipelineRoutes: RouteSpec[] = [putPipeline, getPipeline, deletePipeline, simulatePipeline];
