/**
 * filter_path filters answers but never error bodies: Elasticsearch builds
 * error responses with filtering disabled (AbstractRestChannel.newErrorBuilder).
 */
import { startSandbox, Sandbox } from '../../src/sandbox';
import { request } from 'undici';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());

async function get(path: string) {
  const answer = await request(`${sandbox.url}${path}`);
  return { status: answer.statusCode, json: JSON.parse(await answer.body.text()) };
}

describe('filter_path and errors', () => {
  it('leaves a 404 error body whole', async () => {
    const answer = await get('/_ml/trained_models/missing?filter_path=error.type');
    expect(answer.status).toBe(404);
    expect(answer.json.error.reason).toBe('No known trained model with model_id [missing]');
    expect(answer.json.status).toBe(404);
  });

  it('still filters a successful answer', async () => {
    const answer = await get('/?filter_path=version.number');
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json)).toEqual(['version']);
    expect(Object.keys(answer.json.version)).toEqual(['number']);
  });
});
