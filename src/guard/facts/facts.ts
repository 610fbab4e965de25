/**
 * The facts the guard decides on, read live from the cluster for every
 * guarded request (`cluster-reads.ts`). Rules are pure functions of these
 * facts and the parsed request.
 */

/** One trained model config as `GET _ml/trained_models/<id>` shows it (docs §1.3). */
export interface ModelFacts {
  modelId: string;
  /** `model_type`; absent in 7.x answers, read as `tree_ensemble` (docs §2 step 11b). */
  modelType: string;
  /** The single key of `inference_config`, or undefined when the model has none (docs §2 step 11a). */
  inferenceConfigName: string | undefined;
  /** `input.field_names` (docs §2 step 12). */
  inputFieldNames: string[];
  /** `metadata.model_aliases`: every alias pointing at this model, sorted (docs §4.1). */
  aliases: string[];
}

/** `deployment_stats.allocation_status.state` (docs §2 step 11c). */
export type AllocationState = 'starting' | 'started' | 'fully_allocated';

/** One deployment (assignment) of a model, from `GET _ml/trained_models/<concrete id>/_stats` (docs §4.2). */
export interface DeploymentFacts {
  deploymentId: string;
  modelId: string;
  /** `deployment_stats.state`: starting, started, stopping or failed. */
  state: string;
  /** Absent exactly when the assignment is stopping (docs §1.4). */
  allocation?: {
    allocationCount: number;
    targetAllocationCount: number;
    state: AllocationState;
  };
}

/** What the alias name currently denotes in the cluster (docs §4.1). */
export type AliasTarget =
  | { kind: 'absent' }
  /** It is an alias of `modelId`; `oldModel` below holds that model when it still exists. */
  | { kind: 'alias'; modelId: string }
  /** It is itself the id of an existing model (docs §2 step 10a). */
  | { kind: 'model_id' };

export interface AliasChangeFacts {
  aliasTarget: AliasTarget;
  /** The model named by the path's `model_id`, matched exactly (never alias-resolved, docs §2 step 10); null when missing. */
  newModel: ModelFacts | null;
  /** The model the alias points at now, when it still exists (docs §2 step 11). */
  oldModel: ModelFacts | null;
  /** Every deployment of the new model (docs §2 step 11c); empty when not deployed. */
  newDeployments: DeploymentFacts[];
  /** Every deployment of the old model; empty when not deployed or no old model. */
  oldDeployments: DeploymentFacts[];
}

/** Facts for a deployment `_stop` without force (docs §3.1, docs §3.2). */
export interface StopFacts {
  /** The assignment found under `deploymentId` (exact lookup, no alias resolution), or null. */
  deployment: { deploymentId: string; modelId: string } | null;
  /** Every alias whose target is `deployment.modelId` (docs §4.1). */
  modelAliases: string[];
  /** `findInferenceModelIds` over every stored pipeline. */
  references: Map<string, string[]>;
}

/** Facts for `DELETE _ml/trained_models/{M}/model_aliases/{A}` (docs §1.2). */
export interface DeleteAliasFacts {
  /** The model id the alias points at in the cluster's alias metadata, or null when the alias does not exist. */
  aliasTarget: string | null;
  references: Map<string, string[]>;
}

/** Facts for `DELETE _ml/trained_models/{M}` (docs §1.6). */
export interface DeleteModelFacts {
  /**
   * Aliases whose target is exactly `modelId`, read through
   * `GET _ml/trained_models/<modelId>` and used only when the answer's
   * `model_id` equals `modelId` (that GET resolves aliases, ES's DELETE does not).
   */
  modelAliases: string[];
  /** Some assignment has `task_parameters.model_id == modelId` (`TrainedModelAssignmentMetadata.modelIsDeployed`). */
  deployed: boolean;
  references: Map<string, string[]>;
}
