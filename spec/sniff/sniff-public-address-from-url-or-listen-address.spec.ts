/**
 * The address sniffing clients are sent to: PROXY_PUBLIC_URL's host and port
 * (default port of the scheme written out), else the listen address, with a
 * wildcard read as 127.0.0.1 and an IPv6 literal in brackets.
 */
import { publicAddressFromListen, publicAddressFromUrl } from '../../src/sniff/public-address';

describe('publicAddressFromUrl', () => {
  it.each([
    ['http://proxy.example.com:9201', { host: 'proxy.example.com', port: 9201 }],
    ['https://proxy.example.com', { host: 'proxy.example.com', port: 443 }],
    ['http://proxy.example.com/', { host: 'proxy.example.com', port: 80 }],
    ['https://Proxy.Example.COM:9243', { host: 'proxy.example.com', port: 9243 }],
    ['http://[::1]:9201', { host: '[::1]', port: 9201 }],
    ['http://10.1.2.3:80', { host: '10.1.2.3', port: 80 }],
  ])('%s', (url, expected) => {
    expect(publicAddressFromUrl(url)).toEqual(expected);
  });

  it('refuses what is no http(s) URL', () => {
    expect(() => publicAddressFromUrl('ftp://x:1')).toThrow(/http/);
    expect(() => publicAddressFromUrl('http://x:99999')).toThrow();
  });
});

describe('publicAddressFromListen', () => {
  it.each([
    ['127.0.0.1', { host: '127.0.0.1', port: 9201 }],
    ['10.0.0.5', { host: '10.0.0.5', port: 9201 }],
    ['proxy.local', { host: 'proxy.local', port: 9201 }],
    ['0.0.0.0', { host: '127.0.0.1', port: 9201 }],
    ['::', { host: '127.0.0.1', port: 9201 }],
    ['::1', { host: '[::1]', port: 9201 }],
    ['fd00::7', { host: '[fd00::7]', port: 9201 }],
  ])('%s', (host, expected) => {
    expect(publicAddressFromListen(host, 9201)).toEqual(expected);
  });
});
