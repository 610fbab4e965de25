/**
 * rewritePublishAddresses: each `nodes.<id>.http.publish_address` value is
 * replaced by the proxy's address in the form it had, and every other byte of
 * the answer stays as it was (compared by splicing the expected value into the
 * original text, not by re-serialising).
 */
import { formatPublishAddress, rewritePublishAddresses, type PublicAddress } from '../../src/sniff/publish-address-rewrite';

const proxy: PublicAddress = { host: 'proxy.example.com', port: 9201 };

function rewrite(text: string, address: PublicAddress = proxy): { text: string; rewritten: number } | null {
  const result = rewritePublishAddresses(Buffer.from(text, 'utf8'), address);
  return result && { text: result.body.toString('utf8'), rewritten: result.rewritten };
}

describe('formatPublishAddress keeps the form of the original', () => {
  it.each([
    ['10.0.0.1:9200', proxy, 'proxy.example.com:9201'],
    ['[::1]:9200', proxy, 'proxy.example.com:9201'],
    ['es-1.internal/10.0.0.1:9200', proxy, 'proxy.example.com/proxy.example.com:9201'],
    ['10.0.0.1:9200', { host: '[fd00::7]', port: 443 }, '[fd00::7]:443'],
    ['es-1/[fd00::1]:9200', { host: '[fd00::7]', port: 443 }, '[fd00::7]/[fd00::7]:443'],
  ])('%s → %s', (original, address, expected) => {
    expect(formatPublishAddress(original, address as PublicAddress)).toBe(expected);
  });
});

describe('rewritePublishAddresses', () => {
  it('replaces the http publish address of every node, and nothing else (compact)', () => {
    const original =
      '{"_nodes":{"total":2,"successful":2,"failed":0},"cluster_name":"prod","nodes":{' +
      '"a1":{"name":"es-1","transport_address":"10.0.0.1:9300","host":"10.0.0.1","ip":"10.0.0.1","version":"8.15.0",' +
      '"transport":{"bound_address":["10.0.0.1:9300"],"publish_address":"10.0.0.1:9300"},' +
      '"http":{"bound_address":["10.0.0.1:9200","[::1]:9200"],"publish_address":"10.0.0.1:9200","max_content_length_in_bytes":104857600}},' +
      '"b2":{"name":"es-2","http":{"publish_address":"es-2.internal/10.0.0.2:9200","bound_address":["10.0.0.2:9200"]},"remote_cluster_server":{"publish_address":"10.0.0.2:9443"}}}}';
    const expected = original
      .replace('"publish_address":"10.0.0.1:9200"', '"publish_address":"proxy.example.com:9201"')
      .replace('"publish_address":"es-2.internal/10.0.0.2:9200"', '"publish_address":"proxy.example.com/proxy.example.com:9201"');
    expect(expected).not.toBe(original);
    expect(rewrite(original)).toEqual({ text: expected, rewritten: 2 });
  });

  it('keeps pretty-printing, key order, number spelling, escapes and non-ASCII text byte for byte', () => {
    const original = [
      '{',
      '  "nodes" : {',
      '    "Zx_9" : {',
      '      "name" : "nœud-\\u00e9\\"1\\"",',
      '      "http" : {',
      '        "max_content_length_in_bytes" : 1.0E8,',
      '        "publish_address" : "[fd00::1]:9200",',
      '        "bound_address" : [ "[fd00::1]:9200" ]',
      '      },',
      '      "attributes" : { "publish_address" : "10.9.9.9:1", "n" : -0.50e-3, "t" : true, "f" : null }',
      '    }',
      '  },',
      '  "publish_address" : "top-level is not a node"',
      '}',
      '',
    ].join('\n');
    const expected = original.replace('"publish_address" : "[fd00::1]:9200"', '"publish_address" : "proxy.example.com:9201"');
    expect(rewrite(original)).toEqual({ text: expected, rewritten: 1 });
  });

  it('works on the shape filter_path leaves (nodes.*.http.publish_address only)', () => {
    const original = '{"nodes":{"n1":{"http":{"publish_address":"10.0.0.1:9200"}},"n2":{"http":{"publish_address":"10.0.0.2:9200"}}}}';
    expect(rewrite(original, { host: '127.0.0.1', port: 1234 })).toEqual({
      text: '{"nodes":{"n1":{"http":{"publish_address":"127.0.0.1:1234"}},"n2":{"http":{"publish_address":"127.0.0.1:1234"}}}}',
      rewritten: 2,
    });
  });

  it('leaves an answer without http publish addresses as the same bytes (rewritten: 0)', () => {
    for (const text of ['{"nodes":{}}', '{"nodes":{"n1":{"name":"x"}}}', '{"nodes":[]}', '{"cluster_name":"x"}', '[]', '"x"', '{"nodes":{"n":{"http":{"publish_address":null}}}}']) {
      const body = Buffer.from(text);
      const result = rewritePublishAddresses(body, proxy);
      expect(result).not.toBeNull();
      expect(result!.rewritten).toBe(0);
      expect(result!.body).toBe(body);
    }
  });

  it('refuses what is not one JSON document (null: the caller relays it untouched)', () => {
    for (const text of ['', 'nodes: {}', '{"nodes":{"n":{"http":{"publish_address":"1.2.3.4:9200"}}}', '{"a":1} x', '{"a":tru}', '{"a":"\u0001"}', '{"a" 1}', '---\nnodes:\n']) {
      expect(rewritePublishAddresses(Buffer.from(text), proxy)).toBeNull();
    }
  });
});
