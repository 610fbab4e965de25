/**
 * A path nginx's own URI parser refuses (malformed `%` escape, `%00`, dot
 * segments above the root) is answered 400 by nginx and reaches neither the
 * guard nor the cluster: the alias stays where it was. (Elasticsearch would
 * answer the malformed escape with a 405; README, "Beside your nginx".)
 */
import { useStack } from './support/use-edge-stack';
import { describeWithNginx } from './support/nginx';
import { sendRaw } from './support/raw-socket';
import { seedTypeMismatch } from '../support/fixtures';

const stack = useStack();

describeWithNginx('targets nginx refuses before routing', () => {
  beforeAll(async () => {
    await seedTypeMismatch(stack.direct, { regression: 'mag-test-reg-1', classification: 'mag-test-cls-1', alias: 'mag-test-alias' });
  });

  it.each([
    ['malformed escape', '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias%zz?reassign=true'],
    ['escaped NUL', '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias%00?reassign=true'],
    ['dot segments above the root', '/_ml/../../_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias?reassign=true'],
  ])('%s: 400 from nginx, nothing reaches the guard or the cluster', async (_name, target) => {
    await stack.control('DELETE', '/_sandbox/requests');
    const guardedBefore = stack.decisions.length;
    const answer = await sendRaw(Number(new URL(stack.proxyUrl).port), 'PUT', target);
    expect(answer.status).toBe(400);
    expect(answer.body.toString('latin1')).toContain('<center>nginx</center>');
    expect(stack.decisions.length).toBe(guardedBefore);
    const seen = await stack.control('GET', '/_sandbox/requests?path_prefix=/_ml/');
    expect(seen.requests).toEqual([]);
    const model = await stack.direct.ml.getTrainedModels({ model_id: 'mag-test-alias' });
    expect(model.trained_model_configs[0].model_id).toBe('mag-test-reg-1');
  });
});
