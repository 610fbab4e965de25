/**
 * docs §11: a PyTorch model without stored definition parts cannot be deployed. Upstream
 * 3rd_party_deployment.yml @07944097 "Test start deployment fails with missing model definition"
 * (Messages.MODEL_DEFINITION_NOT_FOUND).
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putPyTorchModel, putDefinitionPart } from '../support/fixtures';

describe('start deployment without a definition on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });

  it('fails with "Could not find trained model definition [id]" and creates no deployment', async () => {
    await putPyTorchModel(sb().url, 'distilbert-finetuned-sst', { config: 'ner', withDefinition: false });
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/distilbert-finetuned-sst/deployment/_start');
    expect(r.status).toBe(404);
    expect(r.json.error.reason).toBe('Could not find trained model definition [distilbert-finetuned-sst]');
    const stats = await raw(sb().url, 'GET', '/_ml/trained_models/distilbert-finetuned-sst/_stats');
    expect(stats.json.trained_model_stats[0].deployment_stats).toBeUndefined();
  });

  it('starts once a definition part is stored', async () => {
    await putPyTorchModel(sb().url, 'm', { withDefinition: false });
    await putDefinitionPart(sb().url, 'm');
    expect((await raw(sb().url, 'POST', '/_ml/trained_models/m/deployment/_start')).status).toBe(200);
  });
});
