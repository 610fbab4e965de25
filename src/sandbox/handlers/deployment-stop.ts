/**
 * POST _ml/trained_models/{id}/deployment/_stop (docs §3.1 for 8.8+, docs §3.2 before).
 */
import { EsError, badRequest, conflict, illegalArgument, resourceNotFound } from '../rest/errors';
import { expandIds } from '../state/resolve';
import { references } from './ml-models';
import { PreparedAction, RestRequest, RouteHandler } from './types';
import { Features } from '../version';

const STOP_PARSER = 'cluster:admin/xpack/ml/trained_models/deployment/stop';

/** 1-based line:column of the first occurrence of `needle` in `text` (ObjectParser error locations, approximated). */
function locate(text: string, needle: string): string {
  const at = Math.max(0, text.indexOf(needle));
  const before = text.slice(0, at).split('\n');
  return `[${before.length}:${before[before.length - 1]!.length + 1}]`;
}

/**
 * RestStopTrainedModelDeploymentAction.prepareRequest (elastic/elasticsearch
 * x-pack/plugin/ml/src/main/java/org/elasticsearch/xpack/ml/rest/inference/RestStopTrainedModelDeploymentAction.java
 * @1dc80d4a) reads EITHER the body, when `restRequest.hasContentOrSourceParam()` (a body or a
 * `source` query parameter): `Request.parseRequest(modelId, contentOrSourceParamParser())`;
 * OR the query parameters allow_no_match, force, finish_pending_work. Never both: with a
 * body those query parameters stay unconsumed and give "unrecognized parameter" (docs §5.3).
 * `contentOrSourceParam()` consumes `source`/`source_content_type` only when there is no
 * body (RestRequest.java), so `?source=` next to a body is unrecognized too.
 * Body parser (StopTrainedModelDeploymentAction.Request.PARSER @08b91421): model_id (must equal
 * the path id), allow_no_match, force, finish_pending_work; other fields are unknown.
 */
function readStopParams(req: RestRequest, modelId: string): { id: string; allowNoMatch: boolean; force: boolean } {
  if (!req.hasContent && !req.params.has('source')) {
    const allowNoMatch = req.params.bool('allow_no_match', true);
    const force = req.params.bool('force', false);
    req.params.bool('finish_pending_work', false);
    return { id: modelId, allowNoMatch, force };
  }
  let text: string;
  let body: Record<string, unknown>;
  if (req.hasContent) {
    body = req.json();
    text = req.content().toString('utf8');
  } else {
    const source = req.params.get('source');
    const sourceType = req.params.get('source_content_type');
    // [unverified rendering] IllegalStateException → 500 in the versions read; newer
    // RestRequest throws a validation exception instead
    if (source === undefined || sourceType === undefined) throw new EsError(500, 'illegal_state_exception', 'source and source_content_type parameters are required');
    if (!/^application\/(json|x-ndjson|vnd\.elasticsearch\+json)\s*(;.*)?$/i.test(sourceType.trim())) {
      throw new EsError(500, 'illegal_state_exception', `Unknown value for source_content_type [${sourceType}]`);
    }
    text = source;
    try {
      body = JSON.parse(source) as Record<string, unknown>;
    } catch (e) {
      throw new EsError(400, 'x_content_parse_exception', `[1:1] Unexpected character: ${(e as Error).message}`);
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new EsError(400, 'x_content_parse_exception', '[1:1] Unexpected token, expected START_OBJECT');
  }
  const bool = (name: string, dflt: boolean): boolean => {
    const v = body[name];
    if (v === undefined) return dflt;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw new EsError(400, 'x_content_parse_exception', `${locate(text, JSON.stringify(v))} [${STOP_PARSER}] failed to parse field [${name}]`);
  };
  for (const k of Object.keys(body)) {
    if (!['model_id', 'allow_no_match', 'force', 'finish_pending_work'].includes(k)) {
      throw new EsError(400, 'x_content_parse_exception', `${locate(text, JSON.stringify(k))} [${STOP_PARSER}] unknown field [${k}]`);
    }
  }
  const allowNoMatch = bool('allow_no_match', true);
  const force = bool('force', false);
  bool('finish_pending_work', false);
  // parseRequest: the body's model_id wins over an empty path id, and must equal a non-empty one
  if (body.model_id === undefined) return { id: modelId, allowNoMatch, force };
  const bodyId = String(body.model_id);
  if (modelId !== '' && bodyId !== modelId) {
    throw illegalArgument(`Inconsistent model_id; '${bodyId}' specified in the body differs from '${modelId}' specified as a URL argument`);
  }
  return { id: bodyId, allowNoMatch, force };
}

export function stopHandler(f: Features): RouteHandler {
  return {
    name: 'xpack_ml_stop_trained_models_deployment_action',
    prepare(req, ctx): PreparedAction {
      const { id: X, allowNoMatch, force } = readStopParams(req, req.params.get('model_id')!);
      return {
        action: 'cluster:admin/xpack/ml/trained_models/deployment/stop',
        run() {
          const st = ctx.state;
          if (f.multiDeployments) {
            // docs §3.1: exact deployment-id lookup, no alias resolution, no wildcards
            const a = st.assignments?.get(X);
            if (!a) {
              if (allowNoMatch) return { body: { stopped: true } };
              throw resourceNotFound(`No known model deployment with id [${X}]`);
            }
            if (!force) {
              const refs = references(ctx);
              if (refs.has(X)) throw conflict(`Cannot stop deployment [${X}] as it is referenced by ingest processors; use force to stop the deployment`);
              // aliases whose target model_id equals the *deployment* id (docs §3.1 step 3b)
              const refAlias = st.aliasesOf(X).find((al) => refs.has(al));
              if (refAlias !== undefined) {
                throw conflict(`Cannot stop deployment [${X}] as it has a model_alias [${refAlias}] that is still referenced by ingest processors; use force to stop the deployment`);
              }
            }
            a.assignment_state = 'stopping';
            st.assignments!.delete(X);
            return { body: { stopped: true } };
          }
          // docs §3.2 (8.0–8.7): resolved through GET trained models
          const ids = expandIds(st, X, allowNoMatch);
          if (ids.length === 0) return { body: { stopped: true } };
          if (ids.length > 1) throw badRequest('cannot undeploy multiple models at the same time');
          const M = ids[0]!;
          const deployments = st.assignmentsForModel(M);
          if (deployments.length === 0) return { body: { stopped: true } };
          if (!force) {
            const refs = references(ctx);
            if (refs.has(M)) throw conflict(`Cannot stop deployment for model [${M}] as it is referenced by ingest processors; use force to stop the deployment`);
            if (f.stopAliasRefCheck) {
              const refAlias = st.aliasesOf(M).find((al) => refs.has(al));
              if (refAlias !== undefined) {
                throw conflict(`Cannot stop deployment for model [${M}] as it has a model_alias [${refAlias}] that is still referenced by ingest processors; use force to stop the deployment`);
              }
            }
          }
          for (const d of deployments) st.assignments!.delete(d.deployment_id);
          return { body: { stopped: true } };
        },
      };
    },
  };
}
