/** DELETE _ml/trained_models/{model_id} (docs §1.6). */
import { badRequest, conflict, missingTrainedModel } from '../../rest/errors';
import { PreparedAction, RouteSpec } from '../types';
import { references } from './references';
import { BASE } from './paths';

export const deleteModel: RouteSpec = {
  method: 'DELETE',
  path: `${BASE}/{model_id}`,
  handler: {
    name: 'xpack_ml_delete_trained_models_action',
    prepare(req, ctx): PreparedAction {
      const id = req.params.get('model_id')!;
      const force = req.params.bool('force', false);
      req.params.get('timeout');
      return {
        action: 'cluster:admin/xpack/ml/inference/delete',
        run() {
          const st = ctx.state;
          const refs = references(ctx);
          if (!force) {
            if (refs.has(id)) throw conflict(`Cannot delete model [${id}] as it is still referenced by ingest processors; use force to delete the model`);
            const refAlias = st.aliasesOf(id).find((a) => refs.has(a));
            if (refAlias !== undefined) {
              throw conflict(`Cannot delete model [${id}] as it has a model_alias [${refAlias}] that is still referenced by ingest processors; use force to delete the model`);
            }
          }
          const deployments = st.assignmentsForModel(id);
          if (deployments.length > 0) {
            if (!force) throw conflict(`Cannot delete model [${id}] as it is currently deployed; use force to delete the model`);
            for (const a of deployments) st.assignments!.delete(a.deployment_id);
          }
          const m = st.models.get(id);
          if (!m) throw missingTrainedModel(id);
          if (m.resource) throw badRequest(`Unable to delete model [${id}]`);
          for (const a of st.aliasesOf(id)) st.aliases!.delete(a);
          st.models.delete(id);
          return { body: { acknowledged: true } };
        },
      };
    },
  },
};
