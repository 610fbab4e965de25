/**
 * docs §11: POST _ml/trained_models/{deployment_id}/deployment/cache/_clear (8.5+). Upstream
 * 3rd_party_deployment.yml @07944097 "Test clear deployment cache": `{"cleared": true}`; the
 * next repeated input is no cache hit. TransportClearDeploymentCacheAction.java @03c681d0
 * (unknown deployment → missingModelDeployment 404).
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putPyTorchModel } from '../support/fixtures';

describe('clear deployment cache on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });

  it('answers cleared:true and 404 for an unknown deployment', async () => {
    await putPyTorchModel(sb().url, 'test_model');
    await raw(sb().url, 'POST', '/_ml/trained_models/test_model/deployment/_start?deployment_id=dep&cache_size=10kb');
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/dep/deployment/cache/_clear');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ cleared: true });
    const missing = await raw(sb().url, 'POST', '/_ml/trained_models/nope/deployment/cache/_clear');
    expect(missing.status).toBe(404);
    expect(missing.json.error.reason).toBe('No known model deployment with id [nope]');
  });
});
