/**
 * docs §9.1: `_inference` routes and GET shape per version. 8.11–8.12: only
 * `_inference/{task_type}/{id}`; 8.13+: also `_inference/{id}` (PR #104483); GET answers
 * `models`/`model_id` before 8.15 and `endpoints`/`inference_id` from 8.15 (PR #107704, #111366);
 * none before 8.11.
 */
import { raw } from '../support/http-client';
import { startSandbox } from '../../src/sandbox';

const OPENAI = { service: 'openai', service_settings: { api_key: 'k', model_id: 'm' } };

async function withSandbox(version: string, fn: (url: string) => Promise<void>): Promise<void> {
  const sb = await startSandbox({ esVersion: version });
  try {
    await fn(sb.url);
  } finally {
    await sb.close();
  }
}

describe('_inference routes by version', () => {
  it('8.10 has no _inference API', () =>
    withSandbox('8.10.0', async (url) => {
      const r = await raw(url, 'GET', '/_inference/text_embedding/ep');
      expect(r.status).toBe(400);
      expect(r.json.error).toBe('no handler found for uri [/_inference/text_embedding/ep] and method [GET]');
    }));

  it('8.11 needs the task type in the path and answers models/model_id', () =>
    withSandbox('8.11.0', async (url) => {
      expect((await raw(url, 'PUT', '/_inference/text_embedding/ep', { body: OPENAI })).status).toBe(200);
      const one = await raw(url, 'GET', '/_inference/text_embedding/ep');
      expect(one.json).toEqual({ models: [{ model_id: 'ep', task_type: 'text_embedding', service: 'openai', service_settings: { model_id: 'm' }, task_settings: {} }] });
      const all = await raw(url, 'GET', '/_inference/_all');
      expect(all.json.models).toHaveLength(1);
      const noShortForm = await raw(url, 'DELETE', '/_inference/ep');
      expect(noShortForm.status).toBe(400);
      expect(noShortForm.json.error).toBe('no handler found for uri [/_inference/ep] and method [DELETE]');
    }));

  it('8.15 serves _inference/{id} and answers endpoints/inference_id; 404 names the endpoint', () =>
    withSandbox('8.15.0', async (url) => {
      expect((await raw(url, 'PUT', '/_inference/ep', { body: { task_type: 'text_embedding', ...OPENAI } })).status).toBe(200);
      const one = await raw(url, 'GET', '/_inference/ep');
      expect(one.json.endpoints[0]).toMatchObject({ inference_id: 'ep', task_type: 'text_embedding' });
      expect((await raw(url, 'GET', '/_inference')).json.endpoints).toHaveLength(1);
      const missing = await raw(url, 'GET', '/_inference/nope');
      expect(missing.status).toBe(404);
      expect(missing.json.error.reason).toBe('Inference endpoint not found [nope]');
      const dup = await raw(url, 'PUT', '/_inference/text_embedding/ep', { body: OPENAI });
      expect(dup.status).toBe(400);
      expect(dup.json.error.reason).toBe('Inference endpoint [ep] already exists');
      const badType = await raw(url, 'PUT', '/_inference/nonsense/x', { body: OPENAI });
      expect(badType.json.error.reason).toBe('Unknown task_type [nonsense]');
    }));
});
