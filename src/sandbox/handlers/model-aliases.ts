/**
 * PUT and DELETE model aliases (docs §1.1, docs §1.2, docs §2 with its ordered rule list, docs §2.1).
 */
import { EsError, badRequest, conflict, missingTrainedModel, statusException, validationError } from '../rest/errors';
import { allocationStatus } from '../state/assignments';
import { inferenceConfigName, StoredModel } from '../state/models';
import { references } from './ml-models';
import { PreparedAction, RouteSpec } from './types';

const PATH = '/_ml/trained_models/{model_id}/model_aliases/{model_alias}';

/** `[a-z0-9](?:[a-z0-9_\-\.]*[a-z])?`, fully matched (docs §2 step 6b). */
const VALID_ALIAS = /^[a-z0-9](?:[a-z0-9_\-.]*[a-z])?$/;

/** A missing type is printed as tree_ensemble (docs §2 step 11b). */
function typeOf(m: StoredModel): string {
  return m.model_type ?? 'tree_ensemble';
}

/** Java integer division semantics for non-negative ints. */
const half = (n: number): number => Math.floor(n / 2);

/** docs §2 step 12: |O\N| > |O|/2 or |N∩O| < |O|/2. */
export function inputsDifferSignificantly(oldFields: string[], newFields: string[]): boolean {
  const o = new Set(oldFields);
  const n = new Set(newFields);
  const onlyOld = [...o].filter((x) => !n.has(x)).length;
  const both = [...n].filter((x) => o.has(x)).length;
  return onlyOld > half(o.size) || both < half(o.size);
}

const putAlias: RouteSpec = {
  method: 'PUT',
  path: PATH,
  handler: {
    name: 'ml_put_trained_model_alias_action',
    prepare(req, ctx): PreparedAction {
      // docs §2 step 3: reassign parsed first; the handler reads nothing else (no body, docs §1.1)
      const A = req.params.get('model_alias')!;
      const M = req.params.get('model_id')!;
      const R = req.params.bool('reassign', false);
      return {
        action: 'cluster:admin/xpack/ml/inference/model_aliases/put',
        validate() {
          // docs §2 step 6: both problems collected, in this order
          const errors: string[] = [];
          if (A === M) errors.push(`model_alias [${A}] cannot equal model_id [${M}]`);
          if (!VALID_ALIAS.test(A)) {
            errors.push(
              `Invalid model_alias; '${A}' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start with alphanumeric and cannot end with numbers`,
            );
          }
          if (errors.length > 0) throw validationError(errors);
        },
        run() {
          const st = ctx.state;
          const f = ctx.features;
          // step 9: reassign, even when old == M
          const old = st.aliases?.get(A);
          if (old !== undefined && !R) {
            throw badRequest(
              `cannot assign model_alias [${A}] to model_id [${M}] as model_alias already refers to [${old}]. Set parameter [reassign] to [true] if model_alias should be reassigned.`,
            );
          }
          // step 10: one lookup of {A, M, old}, scanned in model_id order, no alias resolution
          const found = [A, M, ...(old !== undefined ? [old] : [])]
            .filter((id, i, arr) => arr.indexOf(id) === i)
            .map((id) => st.models.get(id))
            .filter((m): m is StoredModel => m !== undefined)
            .sort((a, b) => (a.model_id < b.model_id ? -1 : a.model_id > b.model_id ? 1 : 0));
          let newModel: StoredModel | undefined;
          let oldModel: StoredModel | undefined;
          for (const m of found) {
            if (m.model_id === A) throw badRequest('model_alias cannot be the same as an existing trained model_id');
            if (m.model_id === M) newModel = m;
            if (old !== undefined && m.model_id === old) oldModel = m;
          }
          if (!newModel) throw missingTrainedModel(M);
          // step 10c: licence of the new model only
          if (st.license === 'basic' && newModel.license_level !== 'basic') {
            throw new EsError(403, 'security_exception', 'current license is non-compliant for [ml]', { metadata: { 'license.expired.feature': 'ml' } });
          }
          const warnings: string[] = [];
          if (old !== undefined && oldModel) {
            // step 11a
            const newName = inferenceConfigName(newModel);
            const oldName = inferenceConfigName(oldModel);
            if (newName !== undefined && oldName !== undefined && newName !== oldName) {
              throw badRequest(`cannot reassign model_alias [${A}] to model [${M}] with inference config type [${newName}] from model [${old}] with type [${oldName}]`);
            }
            if (f.aliasTypeChecks) {
              // step 11b
              if (typeOf(newModel) !== typeOf(oldModel)) {
                throw badRequest(`cannot reassign model_alias [${A}] to model [${M}] with type [${typeOf(newModel)}] from model [${old}] with type [${typeOf(oldModel)}]`);
              }
              // step 11c (8.6+)
              if (typeOf(newModel) === 'pytorch') {
                const oldAssignments = st.assignmentsForModel(old);
                const newAssignments = st.assignmentsForModel(M);
                if (oldAssignments.length > 0) {
                  if (newAssignments.length === 0) {
                    throw badRequest(`cannot reassign model_alias [${A}] to model [${M}] from model [${old}] as it is not yet deployed`);
                  }
                  for (const oa of oldAssignments) {
                    const os = allocationStatus(oa);
                    if (!os || (os.state !== 'started' && os.state !== 'fully_allocated')) continue;
                    for (const na of newAssignments) {
                      const ns = allocationStatus(na);
                      if (!ns || ns.state === 'starting') {
                        // two spaces before "from": string concatenation in the source (docs §2 step 11c)
                        throw badRequest(`cannot reassign model_alias [${A}] to model [${M}]  from model [${old}] as it is not yet allocated to any nodes`);
                      }
                    }
                  }
                }
              }
            }
          }
          // step 12: a warning only
          if (oldModel && inputsDifferSignificantly(oldModel.input.field_names, newModel.input.field_names)) {
            const msg = `The input fields for new model [${M}] and for old model [${oldModel.model_id}] differ significantly, model results may change drastically.`;
            st.audit.push({ model_id: oldModel.model_id, message: msg, level: 'warning' });
            warnings.push(msg);
          }
          // step 13
          st.aliasMap().set(A, M);
          return { body: { acknowledged: true }, warnings };
        },
      };
    },
  },
};

const deleteAlias: RouteSpec = {
  method: 'DELETE',
  path: PATH,
  handler: {
    name: 'ml_delete_trained_model_alias_action',
    prepare(req, ctx): PreparedAction {
      const A = req.params.get('model_alias')!;
      const M = req.params.get('model_id')!;
      return {
        action: 'cluster:admin/xpack/ml/inference/model_aliases/delete',
        run() {
          const st = ctx.state;
          const target = st.aliases?.get(A);
          // docs §1.2: a status_exception with NOT_FOUND, not resource_not_found_exception
          if (target === undefined) throw statusException(404, `model_alias [${A}] could not be found`);
          if (target !== M) throw conflict(`model_alias [${A}] does not refer to provided model_id [${M}]`);
          if (references(ctx).has(A)) throw conflict(`Cannot delete model_alias [${A}] as it is still referenced by ingest processors`);
          st.aliases!.delete(A);
          st.audit.push({ model_id: M, message: `deleting model_alias [${A}]`, level: 'info' });
          return { body: { acknowledged: true } };
        },
      };
    },
  },
};

export const modelAliasRoutes: RouteSpec[] = [putAlias, deleteAlias];
