/**
 * PUT _ml/trained_models/{model_id} (docs §1.7, docs §11.1–docs §11.4).
 *
 * The order follows Elasticsearch: the REST layer parses the body (inference config checks,
 * a string `input.field_names` read as one name) and runs `TrainedModelConfig.Builder.validate`
 * (TrainedModelConfig.java @00d40e61); the request's `validate()` checks
 * `defer_definition_decompression` (PutTrainedModelAction.java @08b91421); the master operation
 * then decompresses and validates the definition, checks its target type, and refuses an id
 * used by a model alias or a deployment (TransportPutTrainedModelAction.java @ae2cf79f).
 */
import { EsError, badRequest, illegalArgument, validationError } from '../../rest/errors';
import { StoredModel } from '../../state/models';
import { DefinitionDef, checkDefinition, estimatedOperations, targetTypeOf } from '../../state/tree-definition';
import { inflateDefinition } from '../../state/definition-codec';
import { renderConfig } from '../ml-render';
import { HandlerContext, PreparedAction, RouteSpec } from '../types';
import { checkInferenceConfig, withInferenceDefaults } from './inference-config';
import { BASE } from './paths';

/** MlStrings.isValidId + length 64 (PutTrainedModelAction validation). */
const VALID_ID = /^[a-z0-9](?:[a-z0-9_\-.]*[a-z0-9])?$/;

/** Fields the caller may not set at creation: 8.x (TrainedModelConfig.Builder.validate) and 7.x (the older list). */
const GENERATED_8X = ['version', 'created_by', 'create_time', 'license_level'];
const GENERATED_7X = ['created_by', 'version', 'create_time', 'license_level', 'model_size_bytes', 'estimated_operations'];

/** `declareStringArray` also accepts one string: `"field_names": "f"` is the list ["f"] (inference_crud.yml). */
function fieldNames(input: unknown): string[] | undefined {
  const names = (input as { field_names?: unknown } | undefined)?.field_names;
  if (names === undefined) return undefined;
  return Array.isArray(names) ? names.map(String) : [String(names)];
}

function builderErrors(modelId: string, body: Record<string, unknown>, ctx: HandlerContext, names: string[] | undefined): string[] {
  const errors: string[] = [];
  const hasDefinition = body.definition !== undefined || body.compressed_definition !== undefined;
  if (ctx.features.modelType) {
    if (hasDefinition && body.location !== undefined) errors.push('[definition] and [location] are both defined but only one can be used.');
    if (!hasDefinition && body.location === undefined && body.model_type === undefined) errors.push('[model_type] must be set if [definition] is not defined.');
  }
  if (body.inference_config === undefined) errors.push('[inference_config] must not be null.');
  if (!VALID_ID.test(modelId) || modelId.length > 64) {
    errors.push(`Invalid model_id; '${modelId}' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric`);
  }
  if (body.model_id !== undefined && body.model_id !== modelId) errors.push(`model_id [${String(body.model_id)}] does not match URL path model_id [${modelId}]`);
  if (Array.isArray(body.tags) && (body.tags as unknown[]).some((t) => t === modelId)) errors.push('none of the tags must equal the model_id');
  if (names !== undefined && names.length === 0) errors.push('[input.field_names] must not be empty');
  if (names?.some((n) => n.includes('.') && n.split('.').some((part) => part.length === 0))) {
    errors.push('[input.field_names] must only contain valid dot delimited field names');
  }
  for (const generated of ctx.features.modelType ? GENERATED_8X : GENERATED_7X) {
    if (body[generated] !== undefined) errors.push(`illegal to set [${generated}] at inference model creation`);
  }
  const md = body.metadata as Record<string, unknown> | undefined;
  for (const key of ['total_feature_importance', 'model_aliases']) {
    if (md?.[key] !== undefined) errors.push(`illegal to set [metadata.${key}] at inference model creation`);
  }
  if (body.model_package !== undefined) errors.push('illegal to set [model_package] at inference model creation');
  if (!ctx.features.modelType && !hasDefinition && body.location === undefined) errors.push('[definition] must not be null.');
  return errors;
}

/** Decompressed (unless deferred) and validated definition; undefined when there is none to parse. */
function parsedDefinition(modelId: string, body: Record<string, unknown>, defer: boolean): DefinitionDef | undefined {
  if (body.definition !== undefined) return body.definition as DefinitionDef;
  if (typeof body.compressed_definition !== 'string' || defer) return undefined;
  const inflated = inflateDefinition(body.compressed_definition);
  if (!inflated) {
    throw badRequest(`Failed to parse definition for [${modelId}]`, { causedBy: { type: 'zip_exception', reason: 'invalid compressed definition', java: true } });
  }
  return inflated as DefinitionDef;
}

function checkDefinitionAgainstConfig(modelId: string, body: Record<string, unknown>, def: DefinitionDef): void {
  checkDefinition(modelId, def);
  const tm = def.trained_model;
  if (!tm || (!tm.tree && !tm.ensemble)) return;
  if (body.model_type !== undefined && body.model_type !== 'tree_ensemble') {
    throw badRequest(`model_type [${String(body.model_type)}] does not match the model definition type [tree_ensemble]`);
  }
  const configName = Object.keys(body.inference_config as object)[0];
  const target = targetTypeOf(tm);
  // RegressionConfig supports the regression target, ClassificationConfig the classification one
  if ((configName === 'regression' || configName === 'classification') && configName !== target) {
    throw badRequest(`Model [${modelId}] inference config type [${configName}] does not support definition target type [${target}]`);
  }
}

/** RAM estimate of a parsed definition (TrainedModelDefinition.ramBytesUsed); the sandbox uses its JSON size. */
function definitionBytes(def: unknown): number {
  return Math.max(1, JSON.stringify(def).length);
}

export const putModel: RouteSpec = {
  method: 'PUT',
  path: `${BASE}/{model_id}`,
  handler: {
    name: 'xpack_ml_put_trained_model_action',
    prepare(req, ctx): PreparedAction {
      const modelId = req.params.get('model_id')!;
      const defer = req.params.bool('defer_definition_decompression', false);
      if (ctx.features.modelType) req.params.get('wait_for_completion');
      if (!req.hasContent) throw badRequest('requires body');
      const body = req.json();
      // fields a version did not have are unknown to its strict parser (docs §11.4)
      const unknown = [...(ctx.features.modelType ? [] : ['model_type']), ...(ctx.features.prefixStrings ? [] : ['prefix_strings']), ...(ctx.features.platformArchitecture ? [] : ['platform_architecture'])].find((k) => body[k] !== undefined);
      if (unknown !== undefined) throw new EsError(400, 'x_content_parse_exception', `[1:2] [trained_model_config] unknown field [${unknown}]`);
      const type = body.model_type;
      if (type !== undefined && !['tree_ensemble', 'lang_ident', 'pytorch'].includes(String(type))) {
        throw illegalArgument(`unknown model_type [${String(type)}]`);
      }
      if (body.inference_config !== undefined) {
        const ic = body.inference_config;
        if (typeof ic !== 'object' || ic === null || Object.keys(ic).length !== 1) {
          throw illegalArgument('[inference_config] must be an object with exactly one inference config');
        }
        const [name, cfg] = Object.entries(ic as Record<string, unknown>)[0]!;
        checkInferenceConfig(name, (cfg ?? {}) as Record<string, unknown>, ctx.features);
      }
      const names = fieldNames(body.input);
      return {
        action: 'cluster:admin/xpack/ml/inference/put',
        validate() {
          const errors = builderErrors(modelId, body, ctx, names);
          if (errors.length > 0) throw validationError(errors);
          if (type !== 'pytorch' && body.input === undefined) throw validationError(['[input] must not be null.']);
          const declaredSize = ctx.features.modelType ? body.model_size_bytes : body.estimated_heap_memory_usage_bytes;
          if (defer && typeof body.compressed_definition === 'string' && !(Number(declaredSize) > 0)) {
            throw validationError(['when [defer_definition_decompression] is true and a compressed definition is provided, model_size_bytes must be set']);
          }
        },
        run() {
          const st = ctx.state;
          const def = parsedDefinition(modelId, body, defer);
          if (def !== undefined) checkDefinitionAgainstConfig(modelId, body, def);
          // docs §1.7: a new id equal to an existing alias, then to a deployment id
          if (st.aliases?.has(modelId)) {
            throw badRequest(`requested model_id [${modelId}] is the same as an existing model_alias. Model model_aliases and ids must be unique`);
          }
          if (st.assignments?.has(modelId)) throw badRequest(`Cannot create model [${modelId}] the id is the same as an current model deployment`);
          if (st.models.has(modelId)) throw badRequest(`Trained machine learning model [${modelId}] already exists`);
          const storedType = (type as string | undefined) ?? (ctx.features.modelType ? 'tree_ensemble' : undefined);
          const declaredSize = Number((ctx.features.modelType ? body.model_size_bytes : body.estimated_heap_memory_usage_bytes) ?? 0);
          const m: StoredModel = {
            model_id: modelId,
            ...(storedType !== undefined ? { model_type: storedType } : {}),
            created_by: 'api_user',
            version: ctx.version.number,
            create_time: Date.now(),
            // a parsed definition sets both figures; otherwise the request's own (docs §11.3)
            model_size_bytes: def?.trained_model ? definitionBytes(def) : declaredSize,
            estimated_operations: def?.trained_model ? estimatedOperations(def.trained_model) : Number(body.estimated_operations ?? 0),
            license_level: 'platinum',
            ...(body.description !== undefined ? { description: String(body.description) } : {}),
            tags: Array.isArray(body.tags) ? (body.tags as unknown[]).map(String) : [],
            ...(body.metadata !== undefined ? { metadata: body.metadata as Record<string, unknown> } : {}),
            input: { field_names: names ?? (storedType === 'pytorch' ? ['input'] : []) },
            ...(body.default_field_map !== undefined ? { default_field_map: body.default_field_map as Record<string, string> } : {}),
            inference_config: withInferenceDefaults(body.inference_config as Record<string, unknown>, ctx.features),
            ...(body.location !== undefined ? { location: body.location } : {}),
            ...(body.prefix_strings !== undefined ? { prefix_strings: body.prefix_strings } : {}),
            ...(body.platform_architecture !== undefined ? { platform_architecture: String(body.platform_architecture) } : {}),
            ...(def !== undefined ? { definition: def } : {}),
            ...(typeof body.compressed_definition === 'string' ? { compressed_definition: body.compressed_definition } : {}),
            definitionParts: new Map(),
          };
          st.models.set(modelId, m);
          return { body: renderConfig(m, st, ctx.features, { includeDefinition: false, includeDefinitionStatus: false, excludeGenerated: false, withAliases: false }) };
        },
      };
    },
  },
};
