/**
 * Inference endpoints (`_inference`, 8.11+, docs §9): what the sandbox stores per endpoint.
 * Endpoints of the Elasticsearch-hosted services (`elasticsearch`, `elser`) own a trained-model
 * deployment whose id is the inference id; external services (openai, cohere, ...) own none.
 */
export interface InferenceEndpoint {
  inference_id: string;
  task_type: string;
  service: string;
  service_settings: Record<string, unknown>;
  task_settings: Record<string, unknown>;
  /** The deployment the endpoint started (hosted services only). */
  deployment_id?: string;
}

/** Services whose endpoints run on a trained-model deployment of this cluster. */
export const HOSTED_SERVICES = ['elasticsearch', 'elser'];

/**
 * External services the sandbox accepts (no deployment; settings stored as given, secrets
 * dropped from answers as Elasticsearch drops them).
 */
export const EXTERNAL_SERVICES = [
  'openai',
  'cohere',
  'hugging_face',
  'azureopenai',
  'azureaistudio',
  'googleaistudio',
  'googlevertexai',
  'mistral',
  'anthropic',
  'amazonbedrock',
  'alibabacloud-ai-search',
  'watsonxai',
  'jinaai',
  'voyageai',
  'elastic',
];

/** Settings that are secrets: stored, never rendered (`secret_settings` in Elasticsearch). */
export const SECRET_SETTINGS = ['api_key', 'access_key', 'secret_key'];

export class InferenceEndpoints {
  private readonly byId = new Map<string, InferenceEndpoint>();

  get(id: string): InferenceEndpoint | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  put(e: InferenceEndpoint): void {
    this.byId.set(e.inference_id, e);
  }

  delete(id: string): void {
    this.byId.delete(id);
  }

  /** Sorted by inference id (ModelRegistry reads them sorted). */
  all(): InferenceEndpoint[] {
    return [...this.byId.values()].sort((a, b) => (a.inference_id < b.inference_id ? -1 : a.inference_id > b.inference_id ? 1 : 0));
  }

  /** The endpoint that owns a deployment, if any. */
  ownerOfDeployment(deploymentId: string): InferenceEndpoint | undefined {
    return [...this.byId.values()].find((e) => e.deployment_id === deploymentId);
  }

  clear(): void {
    this.byId.clear();
  }
}

/** One store per cluster state; reset with it (see ClusterState.clear). */
const stores = new WeakMap<object, InferenceEndpoints>();

export function endpointsOf(state: object): InferenceEndpoints {
  let s = stores.get(state);
  if (!s) {
    s = new InferenceEndpoints();
    stores.set(state, s);
  }
  return s;
}
