/**
 * Options stricter than Elasticsearch, off by default. Each refusal is
 * answered in Elasticsearch's error shape (400 `status_exception`) with a
 * reason that names the option, so an operator can tell it from a rule of
 * Elasticsearch's own.
 */
import { EsRejection } from '../../errors';
import type { AliasVerdict } from './alias-rules';
import { refuse } from './verdict';
import type { AliasChangeFacts, DeploymentFacts } from '../facts/facts';

export interface StrictOptions {
  STRICT_INPUT_FIELDS: boolean;
  STRICT_CAPACITY: boolean;
}

function totalAllocations(deployments: DeploymentFacts[]): number {
  return deployments.reduce((sum, d) => sum + (d.allocation?.allocationCount ?? 0), 0);
}

/** Applies the enabled options to a verdict the rules allowed; refusals pass through unchanged. */
export function applyStrictOptions(
  verdict: AliasVerdict,
  request: { modelId: string; modelAlias: string },
  facts: AliasChangeFacts,
  options: StrictOptions,
): AliasVerdict {
  if (!verdict.allowed) return verdict;
  if (options.STRICT_INPUT_FIELDS && verdict.warning) {
    return refuse('strict_input_fields', new EsRejection(400, 'status_exception', `STRICT_INPUT_FIELDS is set on model-alias-guard: ${verdict.warning}`));
  }
  // Elasticsearch lets an alias move from a fully allocated deployment to one
  // that is only `started` (docs §2 step 11c), which drops serving capacity during
  // the swap; this option refuses any move to fewer allocations.
  const old = facts.oldModel;
  if (options.STRICT_CAPACITY && old && facts.newModel?.modelType === 'pytorch' && facts.oldDeployments.length > 0) {
    const before = totalAllocations(facts.oldDeployments);
    const after = totalAllocations(facts.newDeployments);
    if (after < before) {
      return refuse(
        'strict_capacity',
        new EsRejection(
          400,
          'status_exception',
          `STRICT_CAPACITY is set on model-alias-guard: cannot reassign model_alias [${request.modelAlias}] to model [${request.modelId}] ` +
            `whose deployments hold [${after}] allocations, fewer than the [${before}] of model [${old.modelId}]`,
        ),
      );
    }
  }
  return verdict;
}
