/**
 * Deployment routes by version (docs §1.5, docs §3, docs §10): start and stop since 8.0,
 * cache clear since 8.5, update since 8.6.
 */
import { RouteSpec } from './types';
import { Features } from '../version';
import { startHandler } from './deployment-start';
import { stopHandler } from './deployment-stop';
import { clearCacheHandler, updateHandler } from './deployment-update';

export { scheduleAllocation } from './deployment-start';

export function deploymentRoutes(f: Features): RouteSpec[] {
  if (!f.modelType) return []; // no PyTorch deployments before 8.0
  const routes: RouteSpec[] = [
    { method: 'POST', path: '/_ml/trained_models/{model_id}/deployment/_start', handler: startHandler(f) },
    { method: 'POST', path: '/_ml/trained_models/{model_id}/deployment/_stop', handler: stopHandler(f) },
  ];
  if (f.deploymentCacheClear) routes.push({ method: 'POST', path: '/_ml/trained_models/{model_id}/deployment/cache/_clear', handler: clearCacheHandler });
  if (f.deploymentUpdate) routes.push({ method: 'POST', path: '/_ml/trained_models/{model_id}/deployment/_update', handler: updateHandler(f) });
  return routes;
}
