/**
 * POST/GET _ingest/pipeline[/{id}]/_simulate with the processors the trained-model world needs
 * (docs §11.5): `inference` (a tree-ensemble model evaluated from its definition, a deployed PyTorch model's stand-in result, the result and
 * `model_id` written under `target_field`, default `ml.inference`; `field_map` renames document
 * fields to model fields), `set` and `remove`. Other processor types are left as no-ops: the
 * sandbox does not claim to run them.
 *
 * Response shape: SimulatePipelineResponse / WriteableIngestDocument (`_index` "_index", `_id`
 * "_id", `_version` "-3" when the document does not say, `_ingest.timestamp`); the inference
 * processor's target and model_id fields from InferenceProcessor.java @1d8b286f; the upstream test
 * using this API, inference_processor.yml "Test simulate" @11921be3, is skipped by its own skip block.
 */
import { EsError, errorBody, resourceNotFound } from '../rest/errors';
import { resolveInferTarget } from '../state/infer-target';
import { recordInference } from '../state/inference-counters';
import type { ClusterState } from '../state/store';
import { inferTreeModel } from './models/infer';
import { PreparedAction, RouteSpec } from './types';

type Doc = Record<string, unknown>;

function getPath(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Doc)[part];
  }
  return cur;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const part of parts.slice(0, -1)) {
    if (cur[part] === null || typeof cur[part] !== 'object' || Array.isArray(cur[part])) cur[part] = {};
    cur = cur[part] as Doc;
  }
  cur[parts[parts.length - 1]!] = value;
}

function removePath(doc: Doc, path: string): void {
  const parts = path.split('.');
  const parent = parts.length === 1 ? doc : getPath(doc, parts.slice(0, -1).join('.'));
  if (parent !== null && typeof parent === 'object') delete (parent as Doc)[parts[parts.length - 1]!];
}

function runInference(st: ClusterState, cfg: Doc, source: Doc): void {
  const modelRef = String(cfg.model_id);
  // the processor resolves its model_id as _infer does: alias, deployment id, model id (docs §10.1)
  const { model, assignment } = resolveInferTarget(st, modelRef);
  const fieldMap = { ...(model.default_field_map ?? {}), ...((cfg.field_map ?? cfg.field_mappings ?? {}) as Record<string, string>) };
  const input: Doc = { ...source };
  for (const [docField, modelField] of Object.entries(fieldMap)) {
    const v = getPath(source, docField);
    if (v !== undefined) input[modelField] = v;
  }
  if (assignment) recordInference(assignment, JSON.stringify(input));
  const result = { ...inferTreeModel(model, input, cfg.inference_config as Doc | undefined), model_id: modelRef };
  setPath(source, String(cfg.target_field ?? 'ml.inference'), result);
}

function runProcessors(st: ClusterState, processors: unknown[], source: Doc): void {
  for (const p of processors) {
    const [type, raw] = Object.entries(p as Doc)[0] ?? [];
    const cfg = (raw ?? {}) as Doc;
    if (type === 'inference') runInference(st, cfg, source);
    else if (type === 'set') setPath(source, String(cfg.field), cfg.value);
    else if (type === 'remove') for (const f of Array.isArray(cfg.field) ? cfg.field : [cfg.field]) removePath(source, String(f));
  }
}

export const simulatePipeline: RouteSpec = {
  method: ['GET', 'POST'],
  path: ['/_ingest/pipeline/_simulate', '/_ingest/pipeline/{id}/_simulate'],
  handler: {
    name: 'ingest_simulate_pipeline_action',
    prepare(req, ctx): PreparedAction {
      const id = req.params.get('id');
      req.params.bool('verbose', false);
      if (!req.hasContent) throw new EsError(400, 'parse_exception', 'request body or source parameter is required');
      const body = req.json();
      return {
        action: 'cluster:admin/ingest/pipeline/simulate',
        validate() {
          if (!Array.isArray(body.docs)) throw new EsError(400, 'parse_exception', '[docs] required property is missing', { metadata: { property_name: 'docs' } });
        },
        run() {
          const st = ctx.state;
          const pipeline = id !== undefined ? st.pipelines.get(id) : (body.pipeline as Doc | undefined);
          if (id !== undefined && !pipeline) throw resourceNotFound(`pipeline [${id}] does not exist`);
          if (!pipeline) throw new EsError(400, 'parse_exception', '[pipeline] required property is missing', { metadata: { property_name: 'pipeline' } });
          const processors = Array.isArray(pipeline.processors) ? pipeline.processors : [];
          const docs = (body.docs as Doc[]).map((d) => {
            const source = structuredClone((d._source ?? {}) as Doc);
            try {
              runProcessors(st, processors, source);
            } catch (e) {
              if (e instanceof EsError) return { error: (errorBody(e).error as Doc) };
              throw e;
            }
            return {
              doc: {
                _index: String(d._index ?? '_index'),
                _version: String(d._version ?? '-3'),
                _id: String(d._id ?? '_id'),
                _source: source,
                _ingest: { timestamp: new Date().toISOString() },
              },
            };
          });
          return { body: { docs } };
        },
      };
    },
  },
};
