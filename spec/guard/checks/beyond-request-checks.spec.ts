import { matchGuardedRoute, type GuardedRoute } from '../../../src/rest/route-matcher';
import { checkStartRequest } from '../../../src/guard/checks/start-request';
import { checkInferenceDeleteRequest } from '../../../src/guard/checks/inference-delete-request';
import { checkUpdateRequest } from '../../../src/guard/checks/update-request';
import { EsRejection } from '../../../src/errors';

const noBody = { present: false, contentType: undefined };
const jsonBody = { present: true, contentType: 'application/json' };

function route(method: string, url: string): GuardedRoute {
  const match = matchGuardedRoute(method, url);
  if (match === null || match.kind === 'malformed') throw new Error(`no guarded route for ${method} ${url}`);
  return match;
}

describe('the beyond-Elasticsearch request checks', () => {
  it('_start: the deployment id is the query deployment_id (last one wins), else the model id', () => {
    expect(checkStartRequest(route('POST', '/_ml/trained_models/m/deployment/_start?deployment_id=a&deployment_id=b'), noBody)).toEqual({
      modelId: 'm',
      deploymentId: 'b',
    });
    expect(checkStartRequest(route('POST', '/_ml/trained_models/m/deployment/_start'), noBody)).toEqual({ modelId: 'm', deploymentId: 'm' });
  });

  it('_start: answers the REST layer’s own refusals first', () => {
    expect(checkStartRequest(route('POST', '/_ml/trained_models/m/deployment/_start?pretty=yes'), noBody)).toBeInstanceOf(EsRejection);
  });

  it('DELETE _inference: id, task type and flags from either route', () => {
    expect(checkInferenceDeleteRequest(route('DELETE', '/_inference/ep?force'), noBody)).toEqual({
      inferenceId: 'ep',
      force: true,
      dryRun: false,
      rawPath: '/_inference/ep',
    });
    expect(checkInferenceDeleteRequest(route('DELETE', '/_inference/sparse_embedding/e%70?dry_run=true'), noBody)).toEqual({
      inferenceId: 'ep',
      taskType: 'sparse_embedding',
      force: false,
      dryRun: true,
      rawPath: '/_inference/sparse_embedding/e%70',
    });
    // A flag Elasticsearch refuses to parse forces nothing.
    expect(checkInferenceDeleteRequest(route('DELETE', '/_inference/ep?force=yes'), noBody)).toMatchObject({ force: false });
  });

  it('_update: reads adaptive_allocations from a JSON body, marks other bodies unreadable, skips the body with a query number_of_allocations', () => {
    const update = route('POST', '/_ml/trained_models/dep/deployment/_update');
    const body = Buffer.from('{"adaptive_allocations":{"enabled":true,"min_number_of_allocations":0}}');
    expect(checkUpdateRequest(update, jsonBody, body)).toEqual({
      deploymentId: 'dep',
      adaptiveAllocations: { enabled: true, minNumberOfAllocations: 0 },
    });
    expect(checkUpdateRequest(update, jsonBody, Buffer.from('{/* c */"adaptive_allocations":{}}'))).toEqual({
      deploymentId: 'dep',
      adaptiveAllocations: 'unreadable',
    });
    expect(checkUpdateRequest(update, { present: true, contentType: 'application/yaml' }, Buffer.from('adaptive_allocations: {}'))).toEqual({
      deploymentId: 'dep',
      adaptiveAllocations: 'unreadable',
    });
    expect(checkUpdateRequest(route('POST', '/_ml/trained_models/dep/deployment/_update?number_of_allocations=2'), jsonBody, body)).toEqual({
      deploymentId: 'dep',
    });
  });
});
