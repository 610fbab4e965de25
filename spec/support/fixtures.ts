/**
 * The one fixture API: every trained-model body, definition part, alias, deployment and pipeline
 * a test builds through the public APIs. Each builder takes a `Target`, the official `Client` (a
 * real cluster or the stack's clients) or a base URL (raw HTTP through spec/support/http-client.ts),
 * and both go through the one request path below.
 */
import { errors, type Client } from '@elastic/elasticsearch';
import type { IncomingHttpHeaders } from 'node:http';
import { raw, type HttpAnswer } from './http-client';

export type Target = Client | string;

/** One request, answered whatever its status (the builders decide what an error means). */
async function request(target: Target, method: string, path: string, body?: object): Promise<HttpAnswer> {
  if (typeof target === 'string') return raw(target, method, path, body === undefined ? {} : { body });
  let meta: { statusCode?: number; headers?: Record<string, unknown>; body?: unknown };
  try {
    meta = await target.transport.request({ method, path, body }, { meta: true });
  } catch (e) {
    if (!(e instanceof errors.ResponseError)) throw e;
    meta = e.meta;
  }
  const text = typeof meta.body === 'string' ? meta.body : meta.body === undefined ? '' : JSON.stringify(meta.body);
  return {
    status: meta.statusCode ?? 0,
    statusMessage: '',
    headers: (meta.headers ?? {}) as IncomingHttpHeaders,
    rawHeaders: [],
    bytes: Buffer.from(text),
    text,
    json: typeof meta.body === 'object' && meta.body !== null ? meta.body : undefined,
  };
}

async function requestOk(target: Target, what: string, method: string, path: string, body?: object): Promise<HttpAnswer> {
  const r = await request(target, method, path, body);
  if (r.status !== 200) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r;
}

// ---- tree models -------------------------------------------------------------------------------

/** A tree on field `a` that splits at 0.5 (leaf 1 or 2): the sandbox inference tests read these values. */
export const TREE_DEFINITION = {
  preprocessors: [],
  trained_model: {
    tree: {
      feature_names: ['a'],
      tree_structure: [
        { node_index: 0, split_feature: 0, threshold: 0.5, decision_type: 'lte', left_child: 1, right_child: 2 },
        { node_index: 1, leaf_value: 1 },
        { node_index: 2, leaf_value: 2 },
      ],
      target_type: 'regression',
    },
  },
};

/**
 * The same tree with a classification target: PUT refuses a regression definition under a
 * classification config ("Model [id] inference config type [classification] does not support
 * definition target type [regression]", docs §11.2).
 */
export const CLASSIFICATION_TREE_DEFINITION = {
  preprocessors: [],
  trained_model: { tree: { ...TREE_DEFINITION.trained_model.tree, target_type: 'classification', classification_labels: ['no', 'yes'] } },
};

/**
 * `split-on-a`: TREE_DEFINITION / CLASSIFICATION_TREE_DEFINITION (input fields default `a`).
 * `one-leaf`: a one-node tree over the input fields (default `f1`), small enough for a real cluster;
 * the deploy seed script stores exactly this body.
 */
export type TreeShape = 'split-on-a' | 'one-leaf';

export interface TreeModelOptions {
  /** The inference_config kind (default regression); only `classification` gives a classification tree. */
  config?: string;
  fields?: string[];
  /** Default `split-on-a`. */
  shape?: TreeShape;
}

function oneLeafDefinition(classification: boolean, fieldNames: string[]): object {
  const tree = classification
    ? { feature_names: fieldNames, tree_structure: [{ node_index: 0, leaf_value: [0.4, 0.6] }], target_type: 'classification', classification_labels: ['a', 'b'] }
    : { feature_names: fieldNames, tree_structure: [{ node_index: 0, leaf_value: 1.0 }], target_type: 'regression' };
  return { preprocessors: [], trained_model: { tree } };
}

export function treeModelBody(opts: TreeModelOptions = {}): Record<string, unknown> {
  const config = opts.config ?? 'regression';
  const classification = config === 'classification';
  if (opts.shape === 'one-leaf') {
    const fields = opts.fields ?? ['f1'];
    return { input: { field_names: fields }, inference_config: { [config]: {} }, definition: oneLeafDefinition(classification, fields) };
  }
  return {
    input: { field_names: opts.fields ?? ['a'] },
    inference_config: { [config]: {} },
    definition: classification ? CLASSIFICATION_TREE_DEFINITION : TREE_DEFINITION,
  };
}

/** PUT a tree model (regression, `split-on-a` unless told otherwise); throws unless 200. */
export async function putTreeModel(target: Target, id: string, opts: TreeModelOptions = {}): Promise<void> {
  await requestOk(target, `put model ${id}`, 'PUT', `/_ml/trained_models/${id}`, treeModelBody(opts));
}

// ---- PyTorch models, definitions, deployments --------------------------------------------------

/**
 * PUT a PyTorch model (text_embedding over `text_field` unless told otherwise), with a stored
 * one-part definition unless told otherwise; throws unless 200. Sandbox only: a real cluster
 * needs the model's weights to deploy it.
 */
export async function putPyTorchModel(target: Target, id: string, opts: { config?: string; fields?: string[]; withDefinition?: boolean } = {}): Promise<void> {
  await requestOk(target, `put model ${id}`, 'PUT', `/_ml/trained_models/${id}`, {
    model_type: 'pytorch',
    input: { field_names: opts.fields ?? ['text_field'] },
    inference_config: { [opts.config ?? 'text_embedding']: {} },
  });
  if (opts.withDefinition !== false) await putDefinitionPart(target, id);
}

/**
 * Stores a one-part definition, which a PyTorch deployment start needs ("Could not find trained
 * model definition [..]" otherwise, upstream 3rd_party_deployment.yml, docs §11).
 */
export async function putDefinitionPart(target: Target, id: string): Promise<void> {
  const definition = Buffer.from(`sandbox-definition-of-${id}`).toString('base64');
  await requestOk(target, `put definition part of ${id}`, 'PUT', `/_ml/trained_models/${id}/definition/0`, {
    definition,
    total_definition_length: Buffer.from(definition, 'base64').length,
    total_parts: 1,
  });
}

/** POST `_start` (`query` is appended as written, e.g. `?wait_for=started`); throws unless 200. */
export async function startDeployment(target: Target, modelId: string, query = ''): Promise<HttpAnswer> {
  return requestOk(target, `start ${modelId}`, 'POST', `/_ml/trained_models/${modelId}/deployment/_start${query}`);
}

// ---- aliases -----------------------------------------------------------------------------------

/** PUT a model alias and return the answer, whatever its status (never throws on a refusal). */
export async function putAlias(target: Target, modelId: string, alias: string, reassign = false): Promise<HttpAnswer> {
  return request(target, 'PUT', `/_ml/trained_models/${modelId}/model_aliases/${alias}${reassign ? '?reassign=true' : ''}`);
}

/** PUT a model alias as a fixture: throws unless 200. */
export async function putAliasOrThrow(target: Target, modelId: string, alias: string, reassign = false): Promise<void> {
  const r = await putAlias(target, modelId, alias, reassign);
  if (r.status !== 200) throw new Error(`put alias ${alias} on ${modelId}: ${r.status} ${r.text}`);
}

// ---- scenarios ---------------------------------------------------------------------------------

/**
 * The type-mismatch scenario: `alias` on a regression model, and a
 * classification model the alias cannot be moved to.
 */
export async function seedTypeMismatch(
  target: Target,
  ids: { regression: string; classification: string; alias: string } = { regression: 'mag-test-reg', classification: 'mag-test-cls', alias: 'mag-test-alias' },
): Promise<void> {
  await putTreeModel(target, ids.regression, { shape: 'one-leaf' });
  await putTreeModel(target, ids.classification, { shape: 'one-leaf', config: 'classification' });
  await putAliasOrThrow(target, ids.regression, ids.alias);
}

/** The input-fields scenario: `mag-test-alias` on `mag-test-a` (field a); `mag-test-b` reads field b instead. */
export async function seedInputFieldsDiffer(target: Target): Promise<void> {
  await putTreeModel(target, 'mag-test-a', { shape: 'one-leaf', fields: ['a'] });
  await putTreeModel(target, 'mag-test-b', { shape: 'one-leaf', fields: ['b'] });
  await putAliasOrThrow(target, 'mag-test-a', 'mag-test-alias');
}

/** `mag-test-pt` deployed (default deployment id) with `mag-test-alias` on it (sandbox only). */
export async function seedDeployedModelWithAlias(target: Target): Promise<void> {
  await putPyTorchModel(target, 'mag-test-pt');
  await startDeployment(target, 'mag-test-pt', '?wait_for=started');
  await putAliasOrThrow(target, 'mag-test-pt', 'mag-test-alias');
}

// ---- pipelines ---------------------------------------------------------------------------------

/** PUT an ingest pipeline; throws unless 200. */
export async function putPipeline(target: Target, id: string, body: object): Promise<void> {
  await requestOk(target, `put pipeline ${id}`, 'PUT', `/_ingest/pipeline/${id}`, body);
}

export function inferencePipeline(modelId: string): object {
  return { processors: [{ inference: { model_id: modelId, target_field: 'out' } }] };
}

/** The shapes in which a pipeline references a model, each of which the reference walker must find. */
export type ReferenceShape =
  | 'top-level'
  | 'inside foreach'
  | 'in a processor on_failure'
  | 'in the inference processor own on_failure'
  | 'in the pipeline-level on_failure'
  | 'behind an if condition'
  | 'nested deeply';

export const REFERENCE_SHAPES: ReferenceShape[] = [
  'top-level',
  'inside foreach',
  'in a processor on_failure',
  'in the inference processor own on_failure',
  'in the pipeline-level on_failure',
  'behind an if condition',
  'nested deeply',
];

const inference = (modelId: string) => ({ inference: { model_id: modelId, target_field: 'ml' } });

export function pipelineReferencing(modelId: string, shape: ReferenceShape): Record<string, unknown> {
  switch (shape) {
    case 'top-level':
      return { processors: [inference(modelId)] };
    case 'inside foreach':
      return { processors: [{ foreach: { field: 'items', processor: inference(modelId) } }] };
    case 'in a processor on_failure':
      return { processors: [{ set: { field: 'a', value: 'b', on_failure: [inference(modelId)] } }] };
    case 'in the inference processor own on_failure':
      return { processors: [{ inference: { model_id: 'mag-test-unrelated', on_failure: [inference(modelId)] } }] };
    case 'in the pipeline-level on_failure':
      return { processors: [{ set: { field: 'a', value: 'b' } }], on_failure: [inference(modelId)] };
    case 'behind an if condition':
      return { processors: [{ inference: { model_id: modelId, if: 'ctx.text != null', ignore_failure: true, tag: 't' } }] };
    case 'nested deeply': {
      let processor: Record<string, unknown> = inference(modelId);
      for (let depth = 0; depth < 15; depth++) {
        processor = depth % 2 === 0 ? { foreach: { field: 'items', processor } } : { set: { field: 'x', value: 'y', on_failure: [processor] } };
      }
      return { processors: [processor] };
    }
  }
}
