/** Every Elasticsearch route the sandbox serves, by emulated version. */
import type { Features } from '../version';
import type { Security } from '../security/auth';
import { clusterRoutes } from './cluster';
import { deploymentRoutes } from './deployments';
import { documentRoutes } from './documents';
import { inferenceEndpointRoutes } from './inference-endpoints';
import { mlModelRoutes } from './ml-models';
import { modelAliasRoutes } from './model-aliases';
import { pipelineRoutes } from './pipelines';
import { securityRoutes } from './security';
import type { RouteSpec } from './types';

export function allRoutes(f: Features, getSecurity: () => Security | null): RouteSpec[] {
  return [
    ...clusterRoutes(f),
    ...mlModelRoutes(f),
    ...modelAliasRoutes,
    ...deploymentRoutes(f),
    ...inferenceEndpointRoutes(f),
    ...pipelineRoutes,
    ...documentRoutes,
    ...securityRoutes(getSecurity),
  ];
}
