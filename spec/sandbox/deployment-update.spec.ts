/**
 * docs §10.3: POST _ml/trained_models/{deployment_id}/deployment/_update. Upstream
 * update_trained_model_deployment.yml @6d85dcd5 "Test with unknown model id" (404) and
 * 3rd_party_deployment.yml @07944097 "Test update deployment" (answer `assignment`, the path id
 * is the deployment id). Parameters per version: UpdateTrainedModelDeploymentAction.java
 * @018794d6 (number_of_allocations, body required) and the 8.16 form (adaptive_allocations).
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { startSandbox } from '../../src/sandbox';
import { putPyTorchModel } from '../support/fixtures';

describe('_update on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  beforeEach(() => putPyTorchModel(sb().url, 'torch'));

  it('answers 404 for an unknown deployment id', async () => {
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/missing-model/deployment/_update', { body: { number_of_allocations: 4 } });
    expect(r.status).toBe(404);
    expect(r.json.error.type).toBe('resource_not_found_exception');
    expect(r.json.error.reason).toBe('No known model deployment with id [missing-model]');
  });

  it('updates a deployment found by its deployment id, not by its model id', async () => {
    await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start?deployment_id=torch-d');
    const byModel = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_update', { body: { number_of_allocations: 3 } });
    expect(byModel.status).toBe(404);
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/torch-d/deployment/_update', { body: { number_of_allocations: 3 } });
    expect(r.status).toBe(200);
    expect(r.json.assignment.task_parameters).toMatchObject({ model_id: 'torch', deployment_id: 'torch-d', number_of_allocations: 3 });
  });

  it('requires a body and a positive number_of_allocations; adaptive_allocations is unknown before 8.16', async () => {
    await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start');
    const none = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_update');
    expect(none.status).toBe(400);
    expect(none.json.error.reason).toBe('request body is required');
    const empty = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_update', { body: {} });
    expect(empty.json.error.reason).toBe('Validation Failed: 1: [number_of_allocations] must be a positive integer;');
    const adaptive = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_update', { body: { adaptive_allocations: { enabled: true } } });
    expect(adaptive.status).toBe(400);
    expect(adaptive.json.error.type).toBe('x_content_parse_exception');
  });
});

describe('_update on 8.16 (adaptive allocations)', () => {
  it('accepts adaptive_allocations with min/max, validates them, and reports them', async () => {
    const sb = await startSandbox({ esVersion: '8.16.0' });
    try {
      await putPyTorchModel(sb.url, 'torch');
      await raw(sb.url, 'POST', '/_ml/trained_models/torch/deployment/_start');
      const r = await raw(sb.url, 'POST', '/_ml/trained_models/torch/deployment/_update', {
        body: { adaptive_allocations: { enabled: true, min_number_of_allocations: 0, max_number_of_allocations: 4 } },
      });
      expect(r.status).toBe(200);
      expect(r.json.assignment.adaptive_allocations).toEqual({ enabled: true, min_number_of_allocations: 0, max_number_of_allocations: 4 });
      const both = await raw(sb.url, 'POST', '/_ml/trained_models/torch/deployment/_update', { body: { number_of_allocations: 2, adaptive_allocations: { enabled: true } } });
      expect(both.json.error.reason).toBe('Validation Failed: 1: [number_of_allocations] cannot be set if adaptive allocations is enabled;');
      const bad = await raw(sb.url, 'POST', '/_ml/trained_models/torch/deployment/_update', {
        body: { adaptive_allocations: { enabled: true, min_number_of_allocations: 5, max_number_of_allocations: 2 } },
      });
      expect(bad.json.error.reason).toBe('Validation Failed: 1: [min_number_of_allocations] must not be larger than [max_number_of_allocations];');
      const query = await raw(sb.url, 'POST', '/_ml/trained_models/torch/deployment/_update?number_of_allocations=2');
      expect(query.json.assignment.task_parameters.number_of_allocations).toBe(2);
    } finally {
      await sb.close();
    }
  });
});

describe('_update by version', () => {
  it('does not exist on 8.5 and takes the model id on 8.7', async () => {
    const v85 = await startSandbox({ esVersion: '8.5.0' });
    const v87 = await startSandbox({ esVersion: '8.7.0' });
    try {
      const none = await raw(v85.url, 'POST', '/_ml/trained_models/torch/deployment/_update', { body: { number_of_allocations: 1 } });
      expect(none.status).toBe(400);
      expect(none.json.error).toBe('no handler found for uri [/_ml/trained_models/torch/deployment/_update] and method [POST]');
      await putPyTorchModel(v87.url, 'torch');
      await raw(v87.url, 'POST', '/_ml/trained_models/torch/deployment/_start');
      const r = await raw(v87.url, 'POST', '/_ml/trained_models/torch/deployment/_update', { body: { number_of_allocations: 2 } });
      expect(r.status).toBe(200);
      expect(r.json.assignment.task_parameters.number_of_allocations).toBe(2);
    } finally {
      await v85.close();
      await v87.close();
    }
  });
});
