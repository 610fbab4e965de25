/**
 * The DELETE guards that share the pipeline reference walker (docs §1.2, docs §1.6, docs §3.3).
 *
 * DELETE alias (`TransportDeleteTrainedModelAliasAction.java` @01ca585a) runs:
 *   1. alias unknown                    → 404 status_exception `model_alias [A] could not be found`;
 *   2. alias points at another model    → 409 `model_alias [A] does not refer to provided model_id [M]`;
 *   3. alias referenced by a processor  → 409 `Cannot delete model_alias [A] as it is still referenced by ingest processors`.
 * The proxy only ever answers 3, and only when 1 and 2 do not apply (the alias
 * exists and points at M). Otherwise it forwards and the cluster answers 1 or 2
 * itself, so ES's order is kept without the proxy copying those messages.
 *
 * DELETE model (`TransportDeleteTrainedModelAction.java` @01195333), without
 * force, in this order:
 *   1. the path id is referenced        → 409 `Cannot delete model [M] as it is still referenced by ingest processors; use force to delete the model`;
 *   2. an alias of M is referenced      → 409 `Cannot delete model [M] as it has a model_alias [A] that is still referenced by ingest processors; use force to delete the model`;
 *   3. M is deployed                    → 409 `Cannot delete model [M] as it is currently deployed; use force to delete the model`.
 * These run before the model is looked up, so an unknown but referenced id gets
 * the 409 from ES too; the proxy does the same. With force: forwarded (ES
 * force-stops the deployments and removes the aliases). The path id is never
 * alias-resolved by ES: facts must be gathered for the literal id (see
 * DeleteModelFacts). The alias named in 2 is the first referenced one in sorted
 * order (ES: HashMap order), as for stop.
 *
 * The only difference from ES is the reference set (see pipeline-references.ts):
 * the DELETE alias action at @01ca585a uses the older top-level-only
 * `getReferencedModelKeys`; DELETE model uses `InferenceProcessorInfoExtractor`.
 */
import { EsRejection } from '../../errors';
import { conflict, firstReferencedAlias } from './stop-rules';
import { paramAsBoolean } from '../../rest/param-boolean';
import type { DeleteAliasFacts, DeleteModelFacts } from '../facts/facts';
import { allow, refuse, type DeleteAliasRuleId, type DeleteModelRuleId, type Verdict } from './verdict';

export type { DeleteAliasFacts, DeleteModelFacts } from '../facts/facts';

export interface DeleteAliasRequest {
  /** Path `{model_id}` (percent-decoded). */
  modelId: string;
  /** Path `{model_alias}` (percent-decoded). */
  modelAlias: string;
}

export function decideDeleteAlias(request: DeleteAliasRequest, facts: DeleteAliasFacts): Verdict<DeleteAliasRuleId> {
  if (facts.aliasTarget === null) return allow('delete_alias.alias_missing.forward');
  if (facts.aliasTarget !== request.modelId) return allow('delete_alias.other_model.forward');
  if (facts.references.has(request.modelAlias)) {
    return refuse(
      'delete_alias.referenced',
      conflict(`Cannot delete model_alias [${request.modelAlias}] as it is still referenced by ingest processors`),
    );
  }
  return allow('delete_alias.not_referenced');
}

export interface DeleteModelRequest {
  /** Path `{model_id}`, literal (ES does not resolve aliases here). */
  modelId: string;
  force: boolean;
}

export function decideDeleteModel(request: DeleteModelRequest, facts: DeleteModelFacts): Verdict<DeleteModelRuleId> {
  if (request.force) return allow('delete_model.force');
  const m = request.modelId;
  if (facts.references.has(m)) {
    return refuse('delete_model.model_id_referenced', conflict(
        `Cannot delete model [${m}] as it is still referenced by ingest processors; use force to delete the model`,
      ));
  }
  const alias = firstReferencedAlias(facts.modelAliases, facts.references);
  if (alias !== undefined) {
    return refuse('delete_model.model_alias_referenced', conflict(
        `Cannot delete model [${m}] as it has a model_alias [${alias}] that is still referenced by ingest processors;` +
          ' use force to delete the model',
      ));
  }
  if (facts.deployed) {
    return refuse('delete_model.deployed', conflict(`Cannot delete model [${m}] as it is currently deployed; use force to delete the model`));
  }
  return allow('delete_model.not_referenced');
}

/**
 * `force` of DELETE model, read with `paramAsBoolean(force, false)` (docs §5.2).
 * NOTE (read in `RestDeleteTrainedModelAction.java`): the handler version
 * stored (@09b0d0fa, 7.x) reads only `model_id`; newer handlers also read
 * `force` and `timeout`. Which parameters are unrecognized is left to the delete guard's caller checks.
 */
export function parseDeleteModelForce(query: Map<string, string>): boolean | EsRejection {
  return paramAsBoolean(query, 'force', false);
}
