/**
 * ajv schemas for the cluster answers the guard trusts. Only the fields the
 * rules read are required; everything else may vary between versions.
 */
import Ajv, { JSONSchemaType, ValidateFunction } from 'ajv';

export interface TrainedModelConfigAnswer {
  model_id: string;
  model_type?: string;
  inference_config?: Record<string, unknown>;
  input?: { field_names: string[] };
  metadata?: { model_aliases?: string[] };
}

export interface TrainedModelsAnswer {
  count: number;
  trained_model_configs: TrainedModelConfigAnswer[];
}

export interface DeploymentStatsAnswer {
  deployment_id?: string;
  model_id: string;
  state?: string;
  allocation_status?: {
    allocation_count: number;
    target_allocation_count: number;
    state: 'starting' | 'started' | 'fully_allocated';
  };
}

export interface TrainedModelStatsAnswer {
  count: number;
  trained_model_stats: StatsEntry[];
}

/** One entry of `trained_model_stats`: a model, with the stats of one of its deployments when deployed. */
export interface StatsEntry {
  model_id: string;
  deployment_stats?: DeploymentStatsAnswer;
}

/** `{"error":{"type":..,"reason":..},"status":N}` (docs §5.4): how a 404 proves it came from Elasticsearch. */
export interface EsErrorAnswer {
  error: { type: string; reason: string };
  status: number;
}

export type PipelinesAnswer = Record<string, unknown>;

const ajv = new Ajv({ allErrors: false, strict: true });

const trainedModelsSchema: JSONSchemaType<TrainedModelsAnswer> = {
  type: 'object',
  required: ['count', 'trained_model_configs'],
  properties: {
    count: { type: 'integer', minimum: 0 },
    trained_model_configs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['model_id'],
        properties: {
          model_id: { type: 'string' },
          model_type: { type: 'string', nullable: true },
          // A single-key object; the key is the inference-config name (docs §1.3).
          inference_config: { type: 'object', nullable: true, minProperties: 1, maxProperties: 1, required: [] },
          input: {
            type: 'object',
            nullable: true,
            required: ['field_names'],
            properties: { field_names: { type: 'array', items: { type: 'string' } } },
          },
          metadata: {
            type: 'object',
            nullable: true,
            required: [],
            properties: { model_aliases: { type: 'array', nullable: true, items: { type: 'string' } } },
          },
        },
      },
    },
  },
};

const trainedModelStatsSchema: JSONSchemaType<TrainedModelStatsAnswer> = {
  type: 'object',
  required: ['count', 'trained_model_stats'],
  properties: {
    count: { type: 'integer', minimum: 0 },
    trained_model_stats: {
      type: 'array',
      items: {
        type: 'object',
        required: ['model_id'],
        properties: {
          model_id: { type: 'string' },
          deployment_stats: {
            type: 'object',
            nullable: true,
            required: ['model_id'],
            properties: {
              deployment_id: { type: 'string', nullable: true },
              model_id: { type: 'string' },
              state: { type: 'string', nullable: true },
              allocation_status: {
                type: 'object',
                nullable: true,
                required: ['allocation_count', 'target_allocation_count', 'state'],
                properties: {
                  allocation_count: { type: 'integer', minimum: 0 },
                  target_allocation_count: { type: 'integer', minimum: 0 },
                  state: { type: 'string', enum: ['starting', 'started', 'fully_allocated'] },
                },
              },
            },
          },
        },
      },
    },
  },
};

const esErrorSchema: JSONSchemaType<EsErrorAnswer> = {
  type: 'object',
  required: ['error', 'status'],
  properties: {
    error: {
      type: 'object',
      required: ['type', 'reason'],
      properties: { type: { type: 'string' }, reason: { type: 'string' } },
    },
    status: { type: 'integer' },
  },
};

// Pipelines are walked as untrusted JSON by the reference walker; the answer
// itself must be an object of objects.
const pipelinesSchema = {
  type: 'object',
  additionalProperties: { type: 'object' },
} as const;

export const validateTrainedModels: ValidateFunction<TrainedModelsAnswer> = ajv.compile(trainedModelsSchema);
export const validateTrainedModelStats: ValidateFunction<TrainedModelStatsAnswer> = ajv.compile(trainedModelStatsSchema);
export const validateEsError: ValidateFunction<EsErrorAnswer> = ajv.compile(esErrorSchema);
export const validatePipelines: ValidateFunction<PipelinesAnswer> = ajv.compile<PipelinesAnswer>(pipelinesSchema);

/** The part of `_has_privileges` the guard reads. */
export interface HasPrivilegesAnswer {
  has_all_requested: boolean;
}

const hasPrivilegesSchema: JSONSchemaType<HasPrivilegesAnswer> = {
  type: 'object',
  required: ['has_all_requested'],
  properties: { has_all_requested: { type: 'boolean' } },
};

export const validateHasPrivileges: ValidateFunction<HasPrivilegesAnswer> = ajv.compile(hasPrivilegesSchema);
