/**
 * docs §10.2: where _start reads its parameters. 8.15+ merges query and body
 * (sameParamInQueryAndBody, PR #109487); 8.8–8.14 read only the body when there is one (the
 * other query parameters are unrecognized); `deployment_id` is a query parameter only.
 * RestStartTrainedModelDeploymentAction.java (8.0 form @00203b9a and the merged form).
 */

import { raw } from '../support/http-client';
import { startSandbox, Sandbox } from '../../src/sandbox';
import { putPyTorchModel } from '../support/fixtures';

describe('_start query and body', () => {
  let v815: Sandbox;
  let v814: Sandbox;
  beforeAll(async () => {
    v815 = await startSandbox({ esVersion: '8.15.0' });
    v814 = await startSandbox({ esVersion: '8.14.0' });
  });
  afterAll(async () => {
    await v815.close();
    await v814.close();
  });
  beforeEach(async () => {
    for (const s of [v815, v814]) {
      await raw(s.url, 'POST', '/_sandbox/reset');
      await putPyTorchModel(s.url, 'torch');
    }
  });

  it('8.15: a query value next to a different body value is refused', async () => {
    const r = await raw(v815.url, 'POST', '/_ml/trained_models/torch/deployment/_start?number_of_allocations=2', { body: { number_of_allocations: 3 } });
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('The parameter 3 in the body is different from the parameter 2 in the query');
  });

  it('8.15: query and body complete each other', async () => {
    const r = await raw(v815.url, 'POST', '/_ml/trained_models/torch/deployment/_start?deployment_id=d&priority=normal', { body: { number_of_allocations: 2 } });
    expect(r.status).toBe(200);
    expect(r.json.assignment.task_parameters).toMatchObject({ deployment_id: 'd', number_of_allocations: 2, priority: 'normal' });
  });

  it('8.14: with a body, a query parameter other than deployment_id is unrecognized', async () => {
    const r = await raw(v814.url, 'POST', '/_ml/trained_models/torch/deployment/_start?priority=low', { body: { number_of_allocations: 1 } });
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toMatch(/contains unrecognized parameter: \[priority\]/);
    const ok = await raw(v814.url, 'POST', '/_ml/trained_models/torch/deployment/_start?deployment_id=d', { body: { number_of_allocations: 1 } });
    expect(ok.json.assignment.task_parameters.deployment_id).toBe('d');
  });
});
