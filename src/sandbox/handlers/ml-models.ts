/**
 * Trained models: PUT/GET/DELETE, _stats, definition parts, vocabulary, _infer, _cat
 * (docs §1.3–docs §1.7, docs §4.3, docs §11). One module per API under ./models/.
 */
import { Features } from '../version';
import { catTrainedModels } from './models/cat';
import { deleteModel } from './models/delete-model';
import { getModels } from './models/get-models';
import { deprecatedInferRoute, inferRoute } from './models/infer';
import { putDefinitionPart, putVocabulary } from './models/parts';
import { BASE } from './models/paths';
import { putModel } from './models/put-model';
import { getStats } from './models/stats';
import type { RouteSpec } from './types';

export { references } from './models/references';

export function mlModelRoutes(f: Features): RouteSpec[] {
  const routes: RouteSpec[] = [putModel, getModels, deleteModel, getStats, catTrainedModels];
  if (f.modelType) {
    routes.push(putDefinitionPart, putVocabulary);
    routes.push({ method: 'POST', path: `${BASE}/{model_id}/deployment/_infer`, handler: deprecatedInferRoute });
  }
  if (f.inferEndpoint) routes.push({ method: 'POST', path: `${BASE}/{model_id}/_infer`, handler: inferRoute });
  return routes;
}
