/**
 * Test helpers for the sandbox contract tests: control API calls, and a few fixtures built
 * through public APIs (raw HTTP is spec/support/http-client.ts).
 */
import { Sandbox, SandboxOptions, startSandbox } from '../../src/sandbox';
import { raw, type HttpAnswer } from '../support/http-client';

export async function control(base: string, method: string, path: string, body?: object): Promise<HttpAnswer> {
  const r = await raw(base, method, `/_sandbox${path}`, body === undefined ? {} : { body });
  if (r.status >= 300) throw new Error(`control ${method} ${path} failed: ${r.status} ${r.text}`);
  return r;
}

/** Starts a sandbox and registers its closing; returns a getter. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
  let sb: Sandbox | undefined;
  beforeAll(async () => {
    sb = await startSandbox(options);
  });
  afterAll(async () => {
    await sb?.close();
  });
  beforeEach(async () => {
    if (sb) await control(sb.url, 'POST', '/reset');
  });
  return () => {
    if (!sb) throw new Error('sandbox not started');
    return sb;
  };
}

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

/** PUT a tree model (regression unless told otherwise) through the public API. */
/**
 * The same tree with a classification target: PUT refuses a regression definition under a
 * classification config ("Model [id] inference config type [classification] does not support
 * definition target type [regression]", docs §11.2).
 */
export const CLASSIFICATION_TREE_DEFINITION = {
  preprocessors: [],
  trained_model: { tree: { ...TREE_DEFINITION.trained_model.tree, target_type: 'classification', classification_labels: ['no', 'yes'] } },
};

export async function putTreeModel(base: string, id: string, opts: { config?: string; fields?: string[] } = {}): Promise<void> {
  const config = opts.config ?? 'regression';
  const r = await raw(base, 'PUT', `/_ml/trained_models/${id}`, {
    body: { input: { field_names: opts.fields ?? ['a'] }, inference_config: { [config]: {} }, definition: config === 'classification' ? CLASSIFICATION_TREE_DEFINITION : TREE_DEFINITION },
  });
  if (r.status !== 200) throw new Error(`put model ${id}: ${r.status} ${r.text}`);
}

/** PUT a PyTorch text-embedding model (8.x) through the public API, with a stored one-part definition unless told otherwise. */
export async function putPyTorchModel(base: string, id: string, opts: { config?: string; fields?: string[]; withDefinition?: boolean } = {}): Promise<void> {
  const r = await raw(base, 'PUT', `/_ml/trained_models/${id}`, {
    body: { model_type: 'pytorch', input: { field_names: opts.fields ?? ['text_field'] }, inference_config: { [opts.config ?? 'text_embedding']: {} } },
  });
  if (r.status !== 200) throw new Error(`put model ${id}: ${r.status} ${r.text}`);
  if (opts.withDefinition !== false) await putDefinitionPart(base, id);
}

/**
 * Stores a one-part definition, which a PyTorch deployment start needs ("Could not find trained
 * model definition [..]" otherwise, upstream 3rd_party_deployment.yml, docs §11).
 */
export async function putDefinitionPart(base: string, id: string): Promise<void> {
  const definition = Buffer.from(`sandbox-definition-of-${id}`).toString('base64');
  const r = await raw(base, 'PUT', `/_ml/trained_models/${id}/definition/0`, {
    body: { definition, total_definition_length: Buffer.from(definition, 'base64').length, total_parts: 1 },
  });
  if (r.status !== 200) throw new Error(`put definition part of ${id}: ${r.status} ${r.text}`);
}

export async function startDeployment(base: string, modelId: string, query = ''): Promise<HttpAnswer> {
  const r = await raw(base, 'POST', `/_ml/trained_models/${modelId}/deployment/_start${query}`);
  if (r.status !== 200) throw new Error(`start ${modelId}: ${r.status} ${r.text}`);
  return r;
}

export async function putAlias(base: string, modelId: string, alias: string, reassign = false): Promise<HttpAnswer> {
  return raw(base, 'PUT', `/_ml/trained_models/${modelId}/model_aliases/${alias}${reassign ? '?reassign=true' : ''}`);
}

export async function putPipeline(base: string, id: string, body: object): Promise<void> {
  const r = await raw(base, 'PUT', `/_ingest/pipeline/${id}`, { body });
  if (r.status !== 200) throw new Error(`put pipeline ${id}: ${r.status} ${r.text}`);
}

export function inferencePipeline(modelId: string): object {
  return { processors: [{ inference: { model_id: modelId, target_field: 'out' } }] };
}
