import type { MetadataClient, RawAnswer } from '../../../src/es/metadata-client';
import { ClusterReads } from '../../../src/guard/facts/cluster-reads';
import { PipelineReferencesReader } from '../../../src/guard/facts/pipeline-references-reader';
import { CallerNotAuthorizedError, MetadataReadError } from '../../../src/errors';

const json = (statusCode: number, body: unknown): RawAnswer => ({ statusCode, headers: {}, body: Buffer.from(JSON.stringify(body)) });

function fakeClient(answers: Record<string, RawAnswer>): { client: MetadataClient; calls: string[] } {
  const calls: string[] = [];
  const answer = (label: string) => {
    calls.push(label);
    const found = answers[label];
    return found ? Promise.resolve(found) : Promise.reject(new MetadataReadError(label, 'connection failed'));
  };
  const client = {
    trainedModels: (label: string) => answer(label),
    trainedModelStats: (label: string) => answer(label),
    pipelines: (label: string) => answer(label),
    authenticate: (label: string) => answer(label),
    hasClusterPrivileges: (label: string) => answer(label),
  } as unknown as MetadataClient;
  return { client, calls };
}

const reads = (client: MetadataClient) => new ClusterReads(client, new PipelineReferencesReader(client, null), { authorization: 'Basic x' });

describe('ClusterReads: one named read layer', () => {
  it('starts a read once per label and shares it', async () => {
    const { client, calls } = fakeClient({ 'GET _ml/trained_models/m': json(200, { count: 1, trained_model_configs: [{ model_id: 'm' }] }) });
    const layer = reads(client);
    const [a, b] = await Promise.all([layer.modelConfigs('m').value(), layer.modelConfigs('m').value()]);
    expect(a).toEqual(b);
    expect(calls).toEqual(['GET _ml/trained_models/m']);
    expect(layer.labels).toEqual(['GET _ml/trained_models/m']);
  });

  it('answers ids that cannot name a model without asking', async () => {
    const { client, calls } = fakeClient({});
    const layer = reads(client);
    expect(await layer.modelConfigs('a,b').value()).toBeNull();
    expect(await layer.modelStats('_all').value()).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('keeps an unused read failure to itself, and names the read when it is used', async () => {
    const { client } = fakeClient({});
    const layer = reads(client);
    const unused = layer.modelStats('never-awaited');
    await new Promise((r) => setImmediate(r));
    await expect(layer.modelConfigs('m').value()).rejects.toMatchObject({ read: 'GET _ml/trained_models/m' });
    expect(unused.label).toBe('GET _ml/trained_models/never-awaited/_stats');
  });

  it('proves the caller with one _authenticate read unless a read already did', async () => {
    const ok = fakeClient({ 'GET _security/_authenticate': json(200, { username: 'u' }), 'GET _ml/trained_models/m': json(404, { error: { type: 'resource_not_found_exception', reason: 'x' }, status: 404 }) });
    const first = reads(ok.client);
    await first.proveCaller();
    expect(ok.calls).toEqual(['GET _security/_authenticate']);
    const second = reads(ok.client);
    await second.modelConfigs('m').value();
    await second.proveCaller();
    expect(ok.calls).toEqual(['GET _security/_authenticate', 'GET _ml/trained_models/m']);

    const refused = fakeClient({ 'GET _security/_authenticate': json(401, { error: { type: 'security_exception' }, status: 401 }) });
    await expect(reads(refused.client).proveCaller()).rejects.toBeInstanceOf(CallerNotAuthorizedError);
  });
});
