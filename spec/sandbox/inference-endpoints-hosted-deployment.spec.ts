/**
 * docs §9: an `elasticsearch` / `elser` inference endpoint runs on a trained-model deployment
 * whose id is the inference id; DELETE stops it. An external service creates none.
 * Facts: TransportDeleteInferenceEndpointAction.java @038918c5 (service stop, then delete).
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putPyTorchModel } from '../support/fixtures';

describe('inference endpoints of hosted services on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });

  it('PUT with the elasticsearch service starts a deployment named like the endpoint', async () => {
    await putPyTorchModel(sb().url, 'my-e5');
    const r = await raw(sb().url, 'PUT', '/_inference/text_embedding/my-endpoint', {
      body: { service: 'elasticsearch', service_settings: { model_id: 'my-e5', num_allocations: 1, num_threads: 1 } },
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      inference_id: 'my-endpoint',
      task_type: 'text_embedding',
      service: 'elasticsearch',
      service_settings: { model_id: 'my-e5', num_allocations: 1, num_threads: 1 },
      task_settings: {},
    });
    const stats = await raw(sb().url, 'GET', '/_ml/trained_models/my-e5/_stats');
    expect(stats.json.trained_model_stats[0].deployment_stats).toMatchObject({ deployment_id: 'my-endpoint', model_id: 'my-e5' });
  });

  it('PUT with the elser service deploys .elser_model_2 under the inference id', async () => {
    const r = await raw(sb().url, 'PUT', '/_inference/sparse_embedding/my-elser', { body: { service: 'elser', service_settings: { num_allocations: 1, num_threads: 1 } } });
    expect(r.status).toBe(200);
    expect(r.json.service_settings.model_id).toBe('.elser_model_2');
    const stats = await raw(sb().url, 'GET', '/_ml/trained_models/.elser_model_2/_stats');
    expect(stats.json.trained_model_stats[0].deployment_stats.deployment_id).toBe('my-elser');
  });

  it('DELETE stops the endpoint deployment', async () => {
    await putPyTorchModel(sb().url, 'my-e5');
    await raw(sb().url, 'PUT', '/_inference/my-endpoint', {
      body: { task_type: 'text_embedding', service: 'elasticsearch', service_settings: { model_id: 'my-e5', num_allocations: 1, num_threads: 1 } },
    });
    const d = await raw(sb().url, 'DELETE', '/_inference/my-endpoint');
    expect(d.status).toBe(200);
    expect(d.json).toEqual({ acknowledged: true, pipelines: [] });
    const stats = await raw(sb().url, 'GET', '/_ml/trained_models/my-e5/_stats');
    expect(stats.json.trained_model_stats[0].deployment_stats).toBeUndefined();
    expect((await raw(sb().url, 'GET', '/_inference/my-endpoint')).status).toBe(404);
  });

  it('an openai endpoint creates no deployment and hides its api_key', async () => {
    const r = await raw(sb().url, 'PUT', '/_inference/text_embedding/oa', { body: { service: 'openai', service_settings: { api_key: 'sk-secret', model_id: 'text-embedding-3-small' } } });
    expect(r.status).toBe(200);
    expect(r.json.service_settings).toEqual({ model_id: 'text-embedding-3-small' });
    const state = await raw(sb().url, 'GET', '/_sandbox/state');
    expect(JSON.stringify(state.json.assignments ?? {})).not.toContain('oa');
  });

  it('a deployment start failure fails the PUT (no definition stored)', async () => {
    await putPyTorchModel(sb().url, 'bare', { withDefinition: false });
    const r = await raw(sb().url, 'PUT', '/_inference/text_embedding/e', { body: { service: 'elasticsearch', service_settings: { model_id: 'bare', num_allocations: 1, num_threads: 1 } } });
    expect(r.status).toBe(404);
    expect(r.json.error.reason).toBe('Could not find trained model definition [bare]');
    expect((await raw(sb().url, 'GET', '/_inference/e')).status).toBe(404);
  });
});
