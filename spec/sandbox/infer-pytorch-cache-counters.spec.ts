/**
 * PyTorch `_infer` is counted per deployment in `_stats` (docs §11.5): every document adds to the
 * node's `inference_count`; a repeated document is an `inference_cache_hit_count` unless the
 * deployment was started with `cache_size=0`. From Elasticsearch's 3rd_party_deployment.yml
 * @07944097 "Test start and stop deployment with cache" (three calls, one repeated: 3 and 1).
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

async function deployedModel(url: string, id: string, startQuery: string): Promise<void> {
  await raw(url, 'PUT', `/_ml/trained_models/${id}`, { body: { model_type: 'pytorch', inference_config: { pass_through: {} } } });
  const definition = Buffer.from('model-bytes').toString('base64');
  await raw(url, 'PUT', `/_ml/trained_models/${id}/definition/0`, { body: { definition, total_definition_length: 11, total_parts: 1 } });
  await raw(url, 'PUT', `/_ml/trained_models/${id}/vocabulary`, { body: { vocabulary: ['[PAD]', '[UNK]', 'words', 'are'] } });
  const started = await raw(url, 'POST', `/_ml/trained_models/${id}/deployment/_start?wait_for=started${startQuery}`);
  expect(started.status).toBe(200);
}

async function nodeCounters(url: string, id: string): Promise<{ inference_count: number; inference_cache_hit_count: number }> {
  const r = await raw(url, 'GET', `/_ml/trained_models/${id}/_stats`);
  const node = r.json.trained_model_stats[0].deployment_stats.nodes[0];
  return { inference_count: node.inference_count, inference_cache_hit_count: node.inference_cache_hit_count };
}

describe('PyTorch _infer counters on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  const infer = (id: string, input: string): Promise<unknown> => raw(sb().url, 'POST', `/_ml/trained_models/${id}/_infer`, { body: { docs: [{ input }] } });

  it('counts three documents and one cache hit with a cache', async () => {
    await deployedModel(sb().url, 'test_model', '&cache_size=10kb');
    expect(await nodeCounters(sb().url, 'test_model')).toEqual({ inference_count: 0, inference_cache_hit_count: 0 });
    for (const input of ['words', 'are', 'words']) await infer('test_model', input);
    expect(await nodeCounters(sb().url, 'test_model')).toEqual({ inference_count: 3, inference_cache_hit_count: 1 });
  });

  it('counts no cache hit with cache_size=0', async () => {
    await deployedModel(sb().url, 'no_cache', '&cache_size=0');
    for (const input of ['words', 'words']) await infer('no_cache', input);
    expect(await nodeCounters(sb().url, 'no_cache')).toEqual({ inference_count: 2, inference_cache_hit_count: 0 });
  });
});
