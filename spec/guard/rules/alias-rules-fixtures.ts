import { AliasChangeFacts, DeploymentFacts, ModelFacts } from '../../../src/guard/facts/facts';

export function model(modelId: string, overrides: Partial<ModelFacts> = {}): ModelFacts {
  return { modelId, modelType: 'tree_ensemble', inferenceConfigName: 'regression', inputFieldNames: ['f1', 'f2'], aliases: [], ...overrides };
}

export function pytorch(modelId: string, overrides: Partial<ModelFacts> = {}): ModelFacts {
  return model(modelId, { modelType: 'pytorch', inferenceConfigName: 'text_embedding', inputFieldNames: ['text_field'], ...overrides });
}

export function deployment(modelId: string, state: 'starting' | 'started' | 'fully_allocated' | 'stopping'): DeploymentFacts {
  if (state === 'stopping') return { deploymentId: `${modelId}-dep`, modelId, state };
  const counts = { starting: [0, 1], started: [1, 2], fully_allocated: [2, 2] }[state];
  return {
    deploymentId: `${modelId}-dep`,
    modelId,
    state: state === 'starting' ? 'starting' : 'started',
    allocation: { allocationCount: counts[0]!, targetAllocationCount: counts[1]!, state },
  };
}

/** The alias `al` currently points at `old`; the request moves it to `newModel`. */
export function reassigning(
  newModel: ModelFacts,
  oldModel: ModelFacts,
  deployments: { newDeployments?: DeploymentFacts[]; oldDeployments?: DeploymentFacts[] } = {},
): AliasChangeFacts {
  return {
    aliasTarget: { kind: 'alias', modelId: oldModel.modelId },
    newModel,
    oldModel,
    newDeployments: deployments.newDeployments ?? [],
    oldDeployments: deployments.oldDeployments ?? [],
  };
}
