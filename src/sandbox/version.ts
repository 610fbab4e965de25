/**
 * What changes with the emulated Elasticsearch version (docs §6).
 */
import { createHash } from 'node:crypto';

export interface EsVersion {
  number: string;
  major: number;
  minor: number;
  patch: number;
  /** 40-hex build hash, deterministic per version (used in GET / and Warning headers, docs §5.5). */
  buildHash: string;
  buildDate: string;
  luceneVersion: string;
}

export function parseVersion(v: string): EsVersion {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v.trim());
  if (!m) throw new Error(`SANDBOX_ES_VERSION must look like 8.15.0, got [${v}]`);
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const patch = Number(m[3]);
  if (major < 7 || major > 9 || (major === 7 && minor < 13)) {
    // model aliases exist since 7.13 (docs §6)
    throw new Error(`the sandbox emulates 7.13.0 and later, got [${v}]`);
  }
  const buildHash = createHash('sha1').update(`elasticsearch-${v}`).digest('hex');
  return {
    number: `${major}.${minor}.${patch}`,
    major,
    minor,
    patch,
    buildHash,
    buildDate: '2024-08-05T10:05:34.233336849Z',
    luceneVersion: major >= 9 ? '10.1.0' : major === 8 ? '9.11.1' : '8.11.1',
  };
}

export function atLeast(v: EsVersion, major: number, minor = 0): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** Feature switches derived from the version (docs §6). */
export interface Features {
  /** X-elastic-product on every dispatched answer since 7.14 (docs §5.6). */
  productHeader: boolean;
  /** `model_type` and PyTorch models since 8.0. */
  modelType: boolean;
  /** Alias PUT model-type + PyTorch checks since 8.6 (docs §2.1). */
  aliasTypeChecks: boolean;
  /** Several deployments per model, deployment_id, docs §3.1 stop semantics: 8.8+. */
  multiDeployments: boolean;
  /** Stop-deployment alias reference check: 8.6+ (docs §3.2). */
  stopAliasRefCheck: boolean;
  /** Cluster-state custom name (docs §4.2). */
  assignmentCustom: 'trained_model_assignment' | 'trained_model_allocation';
  /** Routing entries carry current/target allocations since 8.4 (docs §4.2). */
  routingAllocations: boolean;
  /** POST _ml/trained_models/{id}/_infer since 8.3 (docs §6). */
  inferEndpoint: boolean;
  /** `adaptive_allocations` in stats/assignments since 8.16 (docs §6). */
  adaptiveAllocations: boolean;
  /** POST …/deployment/cache/_clear since 8.5 (docs §10.3). */
  deploymentCacheClear: boolean;
  /** POST …/deployment/_update since 8.6 (docs §10.3). */
  deploymentUpdate: boolean;
  /** _start merges query and body parameters since 8.15 (PR #109487, docs §10.2). */
  startMergesQueryAndBody: boolean;
  /**
   * Inference endpoint API generation (docs §9): 0 none (< 8.11); 1: 8.11–8.12 (task type
   * required in the path, GET `models`/`model_id`); 2: 8.13–8.14 (task type optional);
   * 3: 8.15+ (`endpoints`/`inference_id`, DELETE `force`/`dry_run` and the pipeline check).
   */
  inferenceApi: 0 | 1 | 2 | 3;
  /** `fill_mask.mask_token` parsed, checked and rendered since 8.10 (docs §11.4). */
  fillMaskToken: boolean;
  /** `prefix_strings` in trained model configs since 8.12 (elastic/elasticsearch#102089, docs §11.4). */
  prefixStrings: boolean;
  /** `platform_architecture` in trained model configs since 8.11 (elastic/elasticsearch#99584, docs §11.4). */
  platformArchitecture: boolean;
  /**
   * Map-based InferenceProcessorInfoExtractor (docs §3.3). The release is not pinned (docs §7 Q6);
   * [decision] we use it from 8.9 on (after the 8.8 source read for docs §3.1, @0a22cbe8, which still
   * used the older top-level walk) and the older walk before.
   */
  mapBasedReferenceWalk: boolean;
  /** JSON answer content type (docs §5.6): 7.x with charset, 8.x+ bare [decision]. */
  jsonContentType: string;
  /** Compatible-with majors accepted: current and the one before (7.x: only 7) [decision]. */
  minimumCompatibleMajor: number;
  /** Security denial message shape: 8.x "with effective roles [..]"; 7.x "with roles [..]". */
  effectiveRolesText: boolean;
}

export function features(v: EsVersion): Features {
  return {
    productHeader: atLeast(v, 7, 14),
    modelType: atLeast(v, 8, 0),
    aliasTypeChecks: atLeast(v, 8, 6),
    multiDeployments: atLeast(v, 8, 8),
    stopAliasRefCheck: atLeast(v, 8, 6),
    assignmentCustom: atLeast(v, 8, 3) ? 'trained_model_assignment' : 'trained_model_allocation',
    routingAllocations: atLeast(v, 8, 4),
    inferEndpoint: atLeast(v, 8, 3),
    adaptiveAllocations: atLeast(v, 8, 16),
    deploymentCacheClear: atLeast(v, 8, 5),
    deploymentUpdate: atLeast(v, 8, 6),
    startMergesQueryAndBody: atLeast(v, 8, 15),
    inferenceApi: atLeast(v, 8, 15) ? 3 : atLeast(v, 8, 13) ? 2 : atLeast(v, 8, 11) ? 1 : 0,
    fillMaskToken: atLeast(v, 8, 10),
    prefixStrings: atLeast(v, 8, 12),
    platformArchitecture: atLeast(v, 8, 11),
    mapBasedReferenceWalk: atLeast(v, 8, 9),
    jsonContentType: v.major >= 8 ? 'application/json' : 'application/json; charset=UTF-8',
    minimumCompatibleMajor: v.major >= 8 ? v.major - 1 : 7,
    effectiveRolesText: v.major >= 8,
  };
}
