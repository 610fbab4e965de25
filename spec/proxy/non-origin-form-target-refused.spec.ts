import { useProxyWithStub } from './support/proxy-with-stub';
import { sendRaw } from '../support/http-client';

describe('request targets not starting with / are refused, never forwarded', () => {
  const guardedCalls: string[] = [];
  const { stub, proxy } = useProxyWithStub<string>({
    proxy: {
      matchGuarded: (_method, rawUrl) => {
        guardedCalls.push(rawUrl);
        return null;
      },
    },
  });

  it.each([
    ['PUT', 'http://cluster:9200/_ml/trained_models/m/model_aliases/a'],
    ['OPTIONS', '*'],
  ])('%s %s gets Elasticsearch no-handler 400', async (method, target) => {
    const raw = (await sendRaw(proxy().port, `${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)).toString('latin1');
    const [head, body] = raw.split('\r\n\r\n');
    expect(head.startsWith('HTTP/1.1 400 Bad Request\r\n')).toBe(true);
    expect(head).toContain('\r\ncontent-type: application/json\r\n');
    expect(JSON.parse(body)).toEqual({ error: `no handler found for uri [${target}] and method [${method}]` });
    expect(stub().requests).toHaveLength(0);
    expect(guardedCalls).toHaveLength(0);
  });
});
