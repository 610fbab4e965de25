/**
 * Demo data for first runs: a tree-ensemble classification and a
 * regression model, two PyTorch text-embedding models (one deployed and allocated, one
 * not), an alias, and a pipeline that uses it. Built through the same state the REST
 * handlers use, so it looks exactly like data created through the API.
 */
import type { SandboxCore } from './server';
import { Assignment, setAllocation } from './state/assignments';
import { StoredModel } from './state/models';

const TREE_DEFINITION = {
  preprocessors: [],
  trained_model: {
    tree: {
      feature_names: ['field1', 'field2'],
      tree_structure: [
        { node_index: 0, split_feature: 0, threshold: 0.5, decision_type: 'lte', left_child: 1, right_child: 2 },
        { node_index: 1, leaf_value: 0 },
        { node_index: 2, leaf_value: 1 },
      ],
      target_type: 'regression',
    },
  },
};

function model(core: SandboxCore, partial: Partial<StoredModel> & Pick<StoredModel, 'model_id' | 'inference_config' | 'input'>): StoredModel {
  const withType = core.features.modelType;
  const m: StoredModel = {
    created_by: 'api_user',
    version: core.config.version.number,
    create_time: Date.now(),
    model_size_bytes: 1024,
    estimated_operations: 4,
    license_level: 'platinum',
    tags: [],
    definitionParts: new Map(),
    ...partial,
  };
  if (!withType) delete m.model_type;
  core.state.models.set(m.model_id, m);
  return m;
}

export const DEMO = {
  classification: 'demo-flight-delay-classifier',
  regression: 'demo-fare-regression',
  embeddingDeployed: 'demo-minilm-embedding-v1',
  embeddingIdle: 'demo-minilm-embedding-v2',
  alias: 'demo-embedding',
  pipeline: 'demo-embedding-pipeline',
  classifierV2: 'demo-flight-delay-classifier-v2',
} as const;

export function seedDemoData(core: SandboxCore): void {
  const st = core.state;
  model(core, {
    model_id: DEMO.classification,
    model_type: 'tree_ensemble',
    description: 'Demo: flight delay classification (tree ensemble)',
    tags: ['demo'],
    input: { field_names: ['distance', 'carrier', 'origin_weather'] },
    inference_config: { classification: { num_top_classes: 2, top_classes_results_field: 'top_classes', results_field: 'predicted_value', num_top_feature_importance_values: 0, prediction_field_type: 'string' } },
    definition: { ...TREE_DEFINITION, trained_model: { tree: { ...TREE_DEFINITION.trained_model.tree, target_type: 'classification', classification_labels: ['on_time', 'delayed'] } } },
  });
  model(core, {
    model_id: DEMO.regression,
    model_type: 'tree_ensemble',
    description: 'Demo: ticket fare regression (tree ensemble)',
    tags: ['demo'],
    input: { field_names: ['distance', 'carrier'] },
    inference_config: { regression: { results_field: 'predicted_value', num_top_feature_importance_values: 0 } },
    definition: TREE_DEFINITION,
  });
  if (core.features.modelType) {
    const emb = (id: string, desc: string): StoredModel =>
      model(core, {
        model_id: id,
        model_type: 'pytorch',
        description: desc,
        tags: ['demo'],
        model_size_bytes: 90_000_000,
        estimated_operations: 0,
        input: { field_names: ['text_field'] },
        inference_config: { text_embedding: { tokenization: { bert: { do_lower_case: true, with_special_tokens: true, max_sequence_length: 512, truncate: 'first', span: -1 } }, embedding_size: 384 } },
        definitionParts: new Map([[0, { bytes: 90_000_000, total_parts: 1, total_definition_length: 90_000_000 }]]),
        vocabulary: { size: 30522, merges: 0 },
      });
    emb(DEMO.embeddingDeployed, 'Demo: sentence embeddings v1 (deployed)');
    emb(DEMO.embeddingIdle, 'Demo: sentence embeddings v2 (not deployed)');
    const a: Assignment = {
      deployment_id: DEMO.embeddingDeployed,
      model_id: DEMO.embeddingDeployed,
      model_bytes: 90_000_000,
      number_of_allocations: 1,
      threads_per_allocation: 1,
      queue_capacity: 1024,
      priority: 'normal',
      per_deployment_memory_bytes: 0,
      per_allocation_memory_bytes: 0,
      assignment_state: 'starting',
      routing_table: {},
      start_time: Date.now(),
      max_assigned_allocations: 0,
    };
    setAllocation(a, core.node.id, 'fully_allocated');
    st.assignmentMap().set(a.deployment_id, a);
    st.aliasMap().set(DEMO.alias, DEMO.embeddingDeployed);
    st.pipelines.set(DEMO.pipeline, {
      description: 'Demo: embeds text_field through the model alias',
      processors: [{ inference: { model_id: DEMO.alias, target_field: 'text_embedding', field_map: { text: 'text_field' } } }],
    });
  } else {
    // 7.x: no PyTorch; the alias points at the classifier and the pipeline uses it
    st.aliasMap().set(DEMO.alias, DEMO.classification);
    st.pipelines.set(DEMO.pipeline, {
      description: 'Demo: classifies through the model alias',
      processors: [{ inference: { model_id: DEMO.alias, target_field: 'prediction' } }],
    });
  }
}

/**
 * Two curl commands for the start banner: an alias change the rules allow and one they
 * refuse, valid on every emulated version with the demo data. Allowed: pointing a new
 * alias at the classifier (reassign=true keeps it repeatable). Refused: moving the demo
 * alias to the regression model, whose inference config type differs (docs §2 step 11a).
 */
export function demoCurlExamples(baseUrl: string): { allowed: string; refused: string } {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    allowed: `curl -s -X PUT '${base}/_ml/trained_models/${DEMO.classification}/model_aliases/demo-classifier?reassign=true'`,
    refused: `curl -s -X PUT '${base}/_ml/trained_models/${DEMO.regression}/model_aliases/${DEMO.alias}?reassign=true'`,
  };
}
