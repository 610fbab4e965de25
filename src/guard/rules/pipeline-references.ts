/**
 * Which model ids, model aliases and deployment ids the stored ingest pipelines
 * reference through `inference` processors (docs §1.8, docs §3.3).
 *
 * Input: the answer of `GET _ingest/pipeline`, `{ "<pipeline id>": <config as stored> }`,
 * treated as untrusted JSON. The walk is a pure, total function: it never throws
 * on odd shapes, it is iterative (an explicit work stack, so a pipeline nested a
 * thousand levels deep cannot overflow the call stack) and it keeps a visited set
 * so a caller that hands it a cyclic object graph (impossible from JSON.parse,
 * possible from code) still terminates.
 *
 * WHAT COUNTS AS A REFERENCE (the rule as documented, docs §3.3 "DELETE-alias and
 * DELETE-model use the same reference set"): the `model_id` string of every
 * `{"inference": {...}}` processor found anywhere in a pipeline:
 *   - the pipeline's `processors` list;
 *   - the pipeline-level `on_failure` list;
 *   - every processor's own `on_failure` list, whatever its type
 *     (the `inference` and `foreach` processors' own `on_failure` included);
 *   - `foreach.processor` (a single-entry map `{type: config}`; every entry is
 *     walked, as ES does "for simplicity's sake");
 *   - recursively, at any depth.
 * `if`, `ignore_failure`, `tag` and `description` do not matter: a conditional
 * or failure-tolerant inference processor still calls the model when it runs.
 *
 * DECISIONS
 *   - `pipeline` processors (`{"pipeline": {"name": "other"}}`) are NOT followed.
 *     Following is unnecessary: the input is every stored pipeline, so the
 *     pipeline `other` is walked on its own and its inference processors are
 *     recorded under `other`. A reference is a reference whichever pipeline
 *     calls it, so the set of referenced ids is the same. (`name` may also be a
 *     mustache template, which could not be followed anyway.)
 *   - `model_id` that looks like a mustache template (`{{...}}`): the inference
 *     processor's factory reads `model_id` as a plain string (it is not rendered
 *     as a template), so the literal text is what the processor asks for. It is
 *     kept as a reference under its literal text, exactly as ES keeps it. It can
 *     never equal a real model id, alias or deployment id (all of them are
 *     restricted to `[a-z0-9_.-]`), so it never blocks anything; it is also
 *     reported in `templatedModelIds` so an operator can see it.
 *   - `model_id` missing, null or not a string: not a reference (ES:
 *     `if (modelId != null)`; a non-string would fail ES's cast). Reported in
 *     `inferenceWithoutModelId`.
 *   - Processor entries whose config is not an object, lists that are not
 *     arrays, and similar malformed shapes are skipped silently; the walk
 *     continues with the rest.
 *
 * WHERE THIS FINDS MORE THAN ELASTICSEARCH
 * Newer ES: `InferenceProcessorInfoExtractor.getModelIdsFromInferenceProcessors`
 * (x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/ml/utils/
 * InferenceProcessorInfoExtractor.java @0b58984b), used by stop (8.8+ newer
 * variant) and DELETE model (@01195333):
 *   1. ES never reads the pipeline-level `on_failure` list; this walk does.
 *   2. ES returns right after an `inference` processor, so it never searches
 *      the inference processor's own `on_failure`; this walk does.
 *   3. ES returns right after descending into `foreach.processor`, so it never
 *      searches the foreach processor's own `on_failure`; this walk does.
 *   4. ES stops at nesting level 10 (`MAX_INFERENCE_PROCESSOR_SEARCH_RECURSIONS`,
 *      levels above 10 ignored); this walk has no depth limit.
 *   5. ES throws (ClassCastException) on a processor config that is not a map
 *      or a non-string `model_id`, failing the whole check; this walk skips the
 *      odd entry and keeps walking.
 * Older ES: `TransportDeleteTrainedModelAction.getReferencedModelKeys` (used by
 * stop and DELETE alias in 8.x up to at least 8.8, `TransportStopTrainedModel
 * DeploymentAction` @0a22cbe8, `TransportDeleteTrainedModelAliasAction`
 * @01ca585a) instantiates each pipeline with `Pipeline.create` and keeps only
 * top-level processors that are `InferenceProcessor` instances:
 *   6. nothing nested is seen (foreach, any on_failure);
 *   7. an inference processor with `if`, `on_failure` or `ignore_failure` is
 *      wrapped (ConditionalProcessor / CompoundProcessor) and is not seen
 *      (docs §3.3 marks this [unverified]); this walk sees it;
 *   8. a pipeline that fails to build is skipped with a warning; this walk reads
 *      the stored map and needs no processor factories.
 */

/** A plain JSON object (not an array, not null). */
type JsonObject = Record<string, unknown>;

export interface PipelineReferenceScan {
  /** referenced id (model id, alias or deployment id) → ids of the pipelines referencing it, sorted, without duplicates. */
  references: Map<string, string[]>;
  /** Inference processors whose `model_id` is a `{{...}}` template (kept literally in `references` too). */
  templatedModelIds: Array<{ pipelineId: string; modelId: string }>;
  /** Pipelines holding an inference processor with no string `model_id`. */
  inferenceWithoutModelId: string[];
}

const INFERENCE = 'inference';
const FOREACH = 'foreach';
const PROCESSORS_KEY = 'processors';
const ON_FAILURE_KEY = 'on_failure';
const MUSTACHE = /\{\{.*\}\}/s;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ownValue(object: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** Keeps the walk total even for objects with throwing getters or proxies. */
function safeKeys(object: JsonObject): string[] {
  try {
    return Object.keys(object);
  } catch {
    return [];
  }
}

function safeOwnValue(object: JsonObject, key: string): unknown {
  try {
    return ownValue(object, key);
  } catch {
    return undefined;
  }
}

/**
 * Walks every pipeline and returns the referenced ids plus what could not be
 * resolved. See the module comment for the rule and the differences from ES.
 */
export function scanPipelineReferences(pipelines: unknown): PipelineReferenceScan {
  const referencing = new Map<string, Set<string>>();
  const templatedModelIds: Array<{ pipelineId: string; modelId: string }> = [];
  const withoutModelId = new Set<string>();

  if (!isJsonObject(pipelines)) {
    return { references: new Map(), templatedModelIds, inferenceWithoutModelId: [] };
  }

  for (const pipelineId of safeKeys(pipelines)) {
    const pipeline = safeOwnValue(pipelines, pipelineId);
    if (!isJsonObject(pipeline)) continue;

    // Work items are processor lists (arrays of `{type: config}` maps) or
    // single `{type: config}` maps (foreach.processor). The visited set guards
    // against cyclic graphs handed in by code; JSON cannot produce them.
    const work: unknown[] = [safeOwnValue(pipeline, PROCESSORS_KEY), safeOwnValue(pipeline, ON_FAILURE_KEY)];
    const visited = new Set<object>();

    while (work.length > 0) {
      const item = work.pop();
      if (typeof item !== 'object' || item === null || visited.has(item)) continue;
      visited.add(item);

      if (Array.isArray(item)) {
        // A processor list: each element is a `{type: config}` map.
        for (let i = item.length - 1; i >= 0; i--) work.push(item[i]);
        continue;
      }

      // A `{type: config}` map; ES iterates every entry although one is expected.
      const processorMap = item as JsonObject;
      for (const type of safeKeys(processorMap)) {
        const config = safeOwnValue(processorMap, type);
        if (!isJsonObject(config)) continue;

        if (type === INFERENCE) {
          const modelId = safeOwnValue(config, 'model_id');
          if (typeof modelId === 'string') {
            let pipelineIds = referencing.get(modelId);
            if (pipelineIds === undefined) {
              pipelineIds = new Set();
              referencing.set(modelId, pipelineIds);
            }
            pipelineIds.add(pipelineId);
            if (MUSTACHE.test(modelId)) templatedModelIds.push({ pipelineId, modelId });
          } else {
            withoutModelId.add(pipelineId);
          }
        } else if (type === FOREACH) {
          work.push(safeOwnValue(config, 'processor'));
        }
        // Every processor type, inference and foreach included (differences 2 and 3).
        work.push(safeOwnValue(config, ON_FAILURE_KEY));
      }
    }
  }

  const references = new Map<string, string[]>();
  for (const [id, pipelineIds] of referencing) references.set(id, [...pipelineIds].sort());
  return { references, templatedModelIds, inferenceWithoutModelId: [...withoutModelId].sort() };
}

/**
 * Model id / alias / deployment id → ids of the pipelines whose inference
 * processors name it (sorted). Total over any input; see the module comment.
 */
export function findInferenceModelIds(pipelines: unknown): Map<string, string[]> {
  return scanPipelineReferences(pipelines).references;
}
