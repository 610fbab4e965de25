import { respondAbruptClose } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';
import { send } from '../support/http-client';

describe('a cluster connection reset before the answer gives 502', () => {
  const { proxy } = useProxyWithStub({ stub: { responder: respondAbruptClose() } });

  it('answers 502 naming the closed connection', async () => {
    const answer = await send(proxy().port, { path: '/idx/_doc/1' });
    expect(answer.status).toBe(502);
    const body = JSON.parse(answer.bytes.toString());
    expect(body.status).toBe(502);
    expect(body.error.type).toBe('model_alias_guard_upstream_exception');
    expect(body.error.reason).toBe('model-alias-guard could not reach the Elasticsearch cluster: connection closed before the answer');
  });
});
