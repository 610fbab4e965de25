/**
 * The address sniffing clients are handed instead of the nodes' own: the
 * host and port of `PROXY_PUBLIC_URL`, or, when it is unset, the proxy's own
 * listen address (`PROXY_HOST` and the port actually bound).
 *
 * Only host and port reach the clients: a `publish_address` carries no
 * scheme and no path, and every client keeps the scheme of the connection it
 * sniffed through. A URL without a port stands for the scheme's default
 * (80, 443), written out, since clients require a port in the address.
 *
 * A wildcard listen address (`0.0.0.0`, `::`) is no address a client can
 * connect to, and the proxy cannot know the name it is reached by (a Docker
 * port mapping, a load balancer): it is replaced by `127.0.0.1`, which is
 * right for a proxy on the client's own machine (and the compose file's
 * default port mapping) and wrong everywhere else. Set PROXY_PUBLIC_URL
 * wherever clients reach the proxy by another name; the proxy logs a
 * warning at start when it had to guess.
 */
import type { PublicAddress } from './publish-address-rewrite';

const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::', '[::]', '::0', '0:0:0:0:0:0:0:0']);

export function publicAddressFromUrl(publicUrl: string): PublicAddress {
  const url = new URL(publicUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`PROXY_PUBLIC_URL must be an http:// or https:// URL, got ${url.protocol}`);
  }
  if (url.hostname === '') throw new TypeError('PROXY_PUBLIC_URL has no host');
  // WHATWG URL: an IPv6 hostname keeps its brackets, a default port reads as ''.
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return { host: url.hostname, port };
}

export function publicAddressFromListen(listenHost: string, port: number): PublicAddress {
  if (isWildcardHost(listenHost)) return { host: '127.0.0.1', port };
  const bare = listenHost.startsWith('[') && listenHost.endsWith(']') ? listenHost.slice(1, -1) : listenHost;
  return { host: bare.includes(':') ? `[${bare}]` : bare, port };
}

export function isWildcardHost(listenHost: string): boolean {
  return WILDCARD_HOSTS.has(listenHost);
}
