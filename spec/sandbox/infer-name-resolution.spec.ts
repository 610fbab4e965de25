/**
 * docs §10.1: `_infer` resolves a name as a model alias first, then as a deployment id, then
 * as a model id (TransportInternalInferModelAction.doInfer, elastic/elasticsearch
 * x-pack/plugin/ml/src/main/java/org/elasticsearch/xpack/ml/action/TransportInternalInferModelAction.java
 * @0234e884). An alias named like a deployment of another model hides that deployment.
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putPyTorchModel, putAlias } from '../support/fixtures';

describe('_infer name resolution on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  const infer = (name: string) => raw(sb().url, 'POST', `/_ml/trained_models/${name}/_infer`, { body: { docs: [{ text_field: 'words' }] } });
  const countOf = async (model: string, deployment: string): Promise<number> => {
    const stats = await raw(sb().url, 'GET', `/_ml/trained_models/${model}/_stats`);
    const entry = (stats.json.trained_model_stats as Array<{ deployment_stats?: { deployment_id: string; nodes: Array<{ inference_count: number }> } }>).find(
      (e) => e.deployment_stats?.deployment_id === deployment,
    );
    return entry!.deployment_stats!.nodes[0]!.inference_count;
  };

  beforeEach(async () => {
    await putPyTorchModel(sb().url, 'm1');
    await putPyTorchModel(sb().url, 'm2');
    await raw(sb().url, 'POST', '/_ml/trained_models/m1/deployment/_start?deployment_id=foo');
    await raw(sb().url, 'POST', '/_ml/trained_models/m2/deployment/_start');
  });

  it('a deployment id reaches its deployment while no alias has that name', async () => {
    expect((await infer('foo')).status).toBe(200);
    expect(await countOf('m1', 'foo')).toBe(1);
  });

  it('an alias named like the deployment wins: the request goes to the alias target', async () => {
    expect((await putAlias(sb().url, 'm2', 'foo')).status).toBe(200);
    expect((await infer('foo')).status).toBe(200);
    expect(await countOf('m2', 'm2')).toBe(1);
    expect(await countOf('m1', 'foo')).toBe(0);
  });

  it('an undeployed PyTorch model answers 409 "must be deployed"', async () => {
    await putPyTorchModel(sb().url, 'idle');
    const r = await infer('idle');
    expect(r.status).toBe(409);
    expect(r.json.error.reason).toBe('Model [idle] must be deployed to use. Please deploy with the start trained model deployment API.');
  });
});
