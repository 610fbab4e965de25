/**
 * REST API compatibility checks Elasticsearch makes before any handler
 * (RestRequest, RestCompatibleVersionHelper): an unparsable Accept, and a
 * `compatible-with` version the cluster does not serve, are answered 400
 * `media_type_header_exception` on guarded routes exactly as the cluster
 * answers them; served versions reach the rules as usual.
 */
import { useStack } from '../support/use-stack';
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { putTreeModel, putAliasOrThrow } from '../support/fixtures';

const CHANGE = '/_ml/trained_models/mag-test-cls/model_aliases/mag-test-alias?reassign=true';

async function seed(stack: ReturnType<typeof useStack>) {
  await stack.reset();
  await putTreeModel(stack.direct, 'mag-test-reg', { shape: 'one-leaf' });
  await putTreeModel(stack.direct, 'mag-test-cls', { shape: 'one-leaf', config: 'classification' });
  await putAliasOrThrow(stack.direct, 'mag-test-reg', 'mag-test-alias');
}

async function sameAnswer(stack: ReturnType<typeof useStack>, headers: Record<string, string>, body?: string) {
  const viaProxy = await raw(stack.proxyUrl, 'PUT', CHANGE, { headers, body });
  const direct = await raw(stack.esUrl, 'PUT', CHANGE, { headers, body });
  expect(viaProxy.status).toBe(direct.status);
  expect(viaProxy.json).toEqual(direct.json);
  return viaProxy;
}

describeSandboxOnly('compatible-with in front of 8.15', () => {
  const stack = useStack();
  beforeEach(() => seed(stack));

  it('refuses a version the cluster does not serve, before the rules', async () => {
    const answer = await sameAnswer(stack, { accept: 'application/vnd.elasticsearch+json;compatible-with=6' });
    expect(answer.status).toBe(400);
    expect(answer.json.error.type).toBe('media_type_header_exception');
    expect(answer.json.error.caused_by.reason).toBe(
      'Accept version must be either version 8 or 7, but found 6. Accept=application/vnd.elasticsearch+json;compatible-with=6',
    );
  });

  it('refuses an Accept it cannot parse', async () => {
    const answer = await sameAnswer(stack, { accept: 'not a media type' });
    expect(answer.status).toBe(400);
    expect(answer.json.error.reason).toBe('Invalid media-type value on headers [Accept]');
  });

  it('lets served versions reach the rules', async () => {
    for (const version of ['7', '8']) {
      const answer = await sameAnswer(stack, { accept: `application/vnd.elasticsearch+json;compatible-with=${version}` });
      expect(answer.status).toBe(400);
      expect(answer.json.error.type).toBe('status_exception');
    }
  });
});

describeSandboxOnly('compatible-with in front of 7.17', () => {
  const stack = useStack({ sandbox: { esVersion: '7.17.20' } });
  beforeEach(() => seed(stack));

  it('refuses compatible-with=8, which a 7.x cluster does not serve', async () => {
    const answer = await sameAnswer(stack, { accept: 'application/vnd.elasticsearch+json; compatible-with=8' });
    expect(answer.status).toBe(400);
    expect(answer.json.error.caused_by.reason).toMatch(/^Accept version must be either version 7 or 7, but found 8\./);
  });
});
