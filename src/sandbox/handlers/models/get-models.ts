/**
 * GET _ml/trained_models[/{model_id}] (docs §1.3, docs §11.3).
 *
 * `include=definition` and `include=definition_status` each need exactly one model on the
 * page; definition status is only for PyTorch models (TransportGetTrainedModelsAction.java
 * @becc8c85; inference_crud.yml "Test include model definition status" @05ce9b41).
 */
import { badRequest, illegalArgument, missingTrainedModel } from '../../rest/errors';
import { expandIds, isMatchAll } from '../../state/resolve';
import { renderConfig } from '../ml-render';
import { PreparedAction, RouteSpec } from '../types';
import { BASE } from './paths';

const INCLUDES = ['definition', 'total_feature_importance', 'feature_importance_baseline', 'hyperparameters', 'definition_status'];

export const getModels: RouteSpec = {
  method: 'GET',
  path: [BASE, `${BASE}/{model_id}`],
  handler: {
    name: 'xpack_ml_get_trained_models_action',
    responseParams: ['decompress_definition', 'exclude_generated'],
    prepare(req, ctx): PreparedAction {
      const expr = req.params.get('model_id') ?? '_all';
      const allowNoMatch = req.params.bool('allow_no_match', true);
      const include = req.params.list('include') ?? [];
      const from = req.params.int('from', 0);
      const size = req.params.int('size', 100);
      const tags = req.params.list('tags') ?? [];
      if (ctx.features.modelType) req.params.get('include_model_definition');
      const excludeGenerated = req.params.bool('exclude_generated', false);
      const decompress = req.params.bool('decompress_definition', true);
      for (const i of include) {
        if (!INCLUDES.includes(i)) throw illegalArgument(`No valid include option found for [${i}]`);
      }
      return {
        action: 'cluster:monitor/xpack/ml/inference/get',
        run() {
          const st = ctx.state;
          let ids = expandIds(st, expr, allowNoMatch);
          if (tags.length > 0) ids = ids.filter((id) => tags.every((t) => st.models.get(id)!.tags.includes(t)));
          if (ids.length === 0 && !allowNoMatch && !isMatchAll(expr)) throw missingTrainedModel(expr);
          const page = ids.slice(from, from + size);
          if (include.includes('definition') && page.length > 1) throw badRequest('Getting model definition is not supported when getting more than one model');
          if (include.includes('definition_status') && page.length > 1) {
            throw badRequest('Getting the model download status is not supported when getting more than one model');
          }
          if (include.includes('definition_status') && page.length === 1 && st.models.get(page[0]!)!.model_type !== 'pytorch') {
            throw badRequest('Definition status is only relevant to PyTorch model types');
          }
          // docs §1.3 quirk: only resource models requested → no model_aliases
          const onlyResources = page.length > 0 && page.every((id) => st.models.get(id)!.resource === true);
          const configs = page.map((id) =>
            renderConfig(st.models.get(id)!, st, ctx.features, {
              includeDefinition: include.includes('definition'),
              decompressDefinition: decompress,
              includeDefinitionStatus: include.includes('definition_status'),
              excludeGenerated,
              withAliases: !onlyResources,
            }),
          );
          return { body: { count: ids.length, trained_model_configs: configs } };
        },
      };
    },
  },
};
