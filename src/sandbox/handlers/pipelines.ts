/**
 * Ingest pipelines PUT/GET/DELETE (es-semantics §1.8, §4.4): stored as given.
 */
import { EsError, resourceNotFound } from '../rest/errors';
import { wildcardMatch } from '../state/resolve';
import { PreparedAction, RouteSpec } from './types';

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
          const all = [...ctx.state.pipelines.entries()];
          if (expr === undefined || expr === '' || expr === '*' || expr === '_all') return { body: Object.fromEntries(all) };
          const out: Record<string, unknown> = {};
          for (const token of expr.split(',')) {
            for (const [id, p] of all) if (token.includes('*') ? wildcardMatch(token, id) : token === id) out[id] = p;
          }
          // a missing pipeline answers 404 with an empty object
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
          const ids = [...ctx.state.pipelines.keys()].filter((id) => (expr.includes('*') ? wildcardMatch(expr, id) : id === expr));
          if (ids.length === 0 && !expr.includes('*')) throw resourceNotFound(`pipeline [${expr}] is missing`);
          for (const id of ids) ctx.state.pipelines.delete(id);
          return { body: { acknowledged: true } };
        },
      };
    },
  },
};

export const pipelineRoutes: RouteSpec[] = [putPipeline, getPipeline, deletePipeline];
