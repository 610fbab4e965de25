import { endpointInAnswer } from '../../../src/guard/facts/inference-endpoint-facts';
import { CallerNotAuthorizedError, MetadataReadError } from '../../../src/errors';

const answer = (statusCode: number, body: unknown) => ({
  statusCode,
  headers: {},
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});
const label = 'GET /_inference/ep';

describe('the endpoint in a GET _inference answer (docs §9.1)', () => {
  it('reads the 8.15+ endpoints shape, with an existing deployment_id', () => {
    const body = {
      endpoints: [
        { inference_id: 'other', task_type: 'text_embedding', service: 'openai', service_settings: {} },
        { inference_id: 'ep', task_type: 'text_embedding', service: 'elasticsearch', service_settings: { model_id: 'e5', deployment_id: 'd1' } },
      ],
    };
    expect(endpointInAnswer('ep', answer(200, body), label)).toEqual({
      inferenceId: 'ep',
      taskType: 'text_embedding',
      service: 'elasticsearch',
      existingDeploymentId: 'd1',
    });
  });

  it('reads the older models shape', () => {
    const body = { models: [{ model_id: 'ep', task_type: 'sparse_embedding', service: 'elser', service_settings: { num_allocations: 1 } }] };
    expect(endpointInAnswer('ep', answer(200, body), label)).toEqual({ inferenceId: 'ep', taskType: 'sparse_embedding', service: 'elser' });
  });

  it('gives null for Elasticsearch not-found, 405, no handler, and a list without the id (GET _inference/_all)', () => {
    const notFound = { error: { type: 'resource_not_found_exception', reason: 'Inference endpoint not found [ep]' }, status: 404 };
    expect(endpointInAnswer('ep', answer(404, notFound), label)).toBeNull();
    expect(endpointInAnswer('ep', answer(405, { error: 'Incorrect HTTP method', status: 405 }), label)).toBeNull();
    expect(endpointInAnswer('ep', answer(400, { error: 'no handler found for uri [/_inference/ep] and method [GET]' }), label)).toBeNull();
    expect(endpointInAnswer('_all', answer(200, { endpoints: [{ inference_id: 'ep', task_type: 'x', service: 'y' }] }), label)).toBeNull();
    // Another handler's answer (GET _inference/_services).
    expect(endpointInAnswer('_services', answer(200, [{ service: 'openai' }]), label)).toBeNull();
  });

  it('relays 401/403 and fails closed on anything else', () => {
    expect(() => endpointInAnswer('ep', answer(403, { error: { type: 'security_exception' } }), label)).toThrow(CallerNotAuthorizedError);
    expect(() => endpointInAnswer('ep', answer(404, 'nginx says no'), label)).toThrow(MetadataReadError);
    expect(() => endpointInAnswer('ep', answer(500, {}), label)).toThrow(MetadataReadError);
    expect(() => endpointInAnswer('ep', answer(200, 'not json'), label)).toThrow(MetadataReadError);
    expect(() => endpointInAnswer('ep', answer(200, { endpoints: [{ inference_id: 'ep', service: 'elser' }] }), label)).toThrow(MetadataReadError);
  });
});
