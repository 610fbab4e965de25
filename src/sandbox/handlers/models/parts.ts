/** PyTorch definition parts and vocabulary (docs §1.7). */
import { badRequest, illegalArgument, missingTrainedModel, validationError } from '../../rest/errors';
import { PreparedAction, RouteSpec } from '../types';
import { BASE } from './paths';

export const putDefinitionPart: RouteSpec = {
  method: 'PUT',
  path: `${BASE}/{model_id}/definition/{part}`,
  handler: {
    name: 'xpack_ml_put_trained_model_definition_part_action',
    prepare(req, ctx): PreparedAction {
      const id = req.params.get('model_id')!;
      const partRaw = req.params.get('part')!;
      if (!/^\d+$/.test(partRaw)) throw illegalArgument(`Failed to parse int parameter [part] with value [${partRaw}]`);
      const part = Number(partRaw);
      if (!req.hasContent) throw badRequest('requires body');
      const body = req.json();
      return {
        action: 'cluster:admin/xpack/ml/trained_models/part/put',
        validate() {
          const errors: string[] = [];
          const total = Number(body.total_parts);
          if (typeof body.definition !== 'string') errors.push('[definition] must not be null.');
          if (!(total > 0)) errors.push('[total_parts] must be greater than 0');
          else if (part >= total) errors.push(`[part] must be less than total_parts`);
          if (!(Number(body.total_definition_length) > 0)) errors.push('[total_definition_length] must be greater than 0');
          if (errors.length > 0) throw validationError(errors);
        },
        run() {
          const m = ctx.state.models.get(id);
          if (!m) throw missingTrainedModel(id);
          const bytes = Buffer.from(String(body.definition), 'base64').length;
          m.definitionParts.set(part, { bytes, total_parts: Number(body.total_parts), total_definition_length: Number(body.total_definition_length) });
          m.model_size_bytes = Number(body.total_definition_length);
          return { body: { acknowledged: true } };
        },
      };
    },
  },
};

export const putVocabulary: RouteSpec = {
  method: 'PUT',
  path: `${BASE}/{model_id}/vocabulary`,
  handler: {
    name: 'xpack_ml_put_trained_model_vocabulary_action',
    prepare(req, ctx): PreparedAction {
      const id = req.params.get('model_id')!;
      if (!req.hasContent) throw badRequest('requires body');
      const body = req.json();
      return {
        action: 'cluster:admin/xpack/ml/trained_models/vocabulary/put',
        validate() {
          if (!Array.isArray(body.vocabulary)) throw validationError(['[vocabulary] must not be null.']);
        },
        run() {
          const m = ctx.state.models.get(id);
          if (!m) throw missingTrainedModel(id);
          if (m.model_type !== 'pytorch') throw badRequest(`cannot put vocabulary for model [${id}] as it is not a pytorch model`);
          m.vocabulary = { size: (body.vocabulary as unknown[]).length, merges: Array.isArray(body.merges) ? body.merges.length : 0 };
          return { body: { acknowledged: true } };
        },
      };
    },
  },
};
