import { useProxyWithStub } from './support/proxy-with-stub';
import { send } from '../support/http-client';

describe('the raw request target reaches the cluster unchanged', () => {
  const { stub, proxy } = useProxyWithStub();

  const targets = [
    '/my%2Findex/_doc/a%2Fb',
    '/idx/_search?q=title:a+b&size=1',
    '/idx;v=1/_doc/1;x',
    '/idx/_doc/100%%25',
    '/caf%C3%A9/_doc/%E2%82%AC%F0%9F%98%80',
    '/_ml/trained_models/my-model/model_aliases/alias%20one?reassign=true',
    // (a raw '#' is refused instead: fragment-in-target-refused.spec.ts)
    '/idx/_doc/%zz?pretty&&filter_path=a,,b',
    '//double//slash/./and/../dots',
  ];

  it.each(targets)('%s', async (target) => {
    const answer = await send(proxy().port, { path: target });
    expect(answer.status).toBe(200);
    const seen = await stub().nextRequest();
    expect(seen.url).toBe(target);
    expect(seen.connection.bytes().includes(Buffer.from(`GET ${target} HTTP/1.1\r\n`))).toBe(true);
  });
});
