/**
 * Renders the nginx configuration of the edge topology (docs §12): nginx
 * carries passthrough to the cluster itself and sends the guard only the
 * targets that could reach a guarded or node-info route.
 *
 * Transparency is the point of every directive below: nothing buffered
 * either way, no body cap, long timeouts (`_start?wait_for=…`), keep-alive
 * to both upstreams over HTTP/1.1, headers passed as sent (underscores and
 * invalid names included), `Host` as the client sent it, the target as the
 * client sent it, nothing added (`X-Forwarded-*`, gzip). What nginx still
 * changes is listed in the README ("Beside your nginx").
 */
import { guardTargetRegex } from './edge-routing';

export interface NginxEdgeOptions {
  /** The cluster, `http(s)://host[:port]`. */
  esUrl: string;
  /** The guard's proxied port, `http://host[:port]`. */
  guardUrl: string;
  edgeHost: string;
  edgePort: number;
  workerProcesses: string;
  /** PEM of the cluster's CA (https clusters); else the system's CA bundle. */
  esCaCert?: string;
}

const SYSTEM_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const CLUSTER_UPSTREAM = 'mag_edge_cluster';
const GUARD_UPSTREAM = 'mag_edge_guard';
/** Idle keep-alive connections each worker keeps to an upstream. */
const KEEPALIVE_CONNECTIONS = 64;
/** Long enough for `_start?wait_for=fully_allocated&timeout=…` and slow scrolls; nginx's default is 60 s. */
const LONG_TIMEOUT = '1d';

interface UpstreamAddress {
  scheme: 'http' | 'https';
  /** `host:port`, IPv6 in brackets, for an `upstream { server …; }` line. */
  hostPort: string;
  hostname: string;
}

function upstreamAddress(rawUrl: string): UpstreamAddress {
  const url = new URL(rawUrl);
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port === '' ? (scheme === 'https' ? '443' : '80') : url.port;
  return { scheme, hostPort: `${url.hostname}:${port}`, hostname: url.hostname.replace(/^\[|\]$/g, '') };
}

function listenAddress(host: string, port: number): string {
  return host === '*' ? String(port) : `${host}:${port}`;
}

/** `upstream`s and the routing `map`: they belong at `http` level. */
function httpLevel(options: NginxEdgeOptions): string[] {
  const cluster = upstreamAddress(options.esUrl);
  const guard = upstreamAddress(options.guardUrl);
  const upstream = (name: string, address: UpstreamAddress) => [
    `upstream ${name} {`,
    `    server ${address.hostPort};`,
    `    keepalive ${KEEPALIVE_CONNECTIONS};`,
    '    keepalive_requests 1000000;',
    '    keepalive_timeout 60s;',
    '}',
  ];
  return [
    '# Routing on the RAW target ($request_uri), never on the normalised $uri: to the guard goes every',
    '# target not starting with "/", every path (before "?") holding "%" or "#", and every path holding a',
    '# literal a guarded or node-info route starts with. Everything else goes straight to the cluster.',
    `map $request_uri $mag_edge_upstream {`,
    `    default ${cluster.scheme}://${CLUSTER_UPSTREAM};`,
    `    "~${guardTargetRegex()}" http://${GUARD_UPSTREAM};`,
    '}',
    '',
    ...upstream(CLUSTER_UPSTREAM, cluster),
    '',
    ...upstream(GUARD_UPSTREAM, guard),
  ];
}

/** Directives of the `server` context that transparency needs (they cannot go inside a `location`). */
function serverLevel(): string[] {
  return [
    '# Header names are passed as sent: with underscores, and names nginx would call invalid.',
    'underscores_in_headers on;',
    'ignore_invalid_headers off;',
    '# Long request lines and headers are the cluster\'s to refuse (http.max_initial_line_length, http.max_header_size).',
    'large_client_header_buffers 8 64k;',
  ];
}

function tlsToCluster(options: NginxEdgeOptions): string[] {
  const cluster = upstreamAddress(options.esUrl);
  if (cluster.scheme !== 'https') return [];
  return [
    '    # https cluster: verify its certificate against ES_CA_CERT (or the system bundle), send SNI.',
    '    proxy_ssl_server_name on;',
    `    proxy_ssl_name ${cluster.hostname};`,
    '    proxy_ssl_verify on;',
    '    proxy_ssl_verify_depth 4;',
    `    proxy_ssl_trusted_certificate ${options.esCaCert ?? SYSTEM_CA_BUNDLE};`,
    '    proxy_ssl_session_reuse on;',
  ];
}

function locationBlock(options: NginxEdgeOptions): string[] {
  return [
    'location / {',
    '    # No URI part: the target goes upstream exactly as the client sent it.',
    '    proxy_pass $mag_edge_upstream;',
    '    proxy_http_version 1.1;',
    '    proxy_set_header Host $http_host;',
    '    proxy_set_header Connection "";',
    '    proxy_buffering off;',
    '    proxy_request_buffering off;',
    '    proxy_max_temp_file_size 0;',
    '    client_max_body_size 0;',
    `    proxy_read_timeout ${LONG_TIMEOUT};`,
    `    proxy_send_timeout ${LONG_TIMEOUT};`,
    `    client_body_timeout ${LONG_TIMEOUT};`,
    `    send_timeout ${LONG_TIMEOUT};`,
    '    proxy_redirect off;',
    '    proxy_intercept_errors off;',
    '    gzip off;',
    '    gunzip off;',
    '    chunked_transfer_encoding on;',
    '    if_modified_since off;',
    '    # Answer headers nginx would otherwise hide or act on are relayed untouched.',
    '    proxy_pass_header Server;',
    '    proxy_pass_header Date;',
    '    proxy_pass_header X-Pad;',
    '    proxy_pass_header X-Accel-Redirect;',
    '    proxy_pass_header X-Accel-Expires;',
    '    proxy_pass_header X-Accel-Limit-Rate;',
    '    proxy_pass_header X-Accel-Buffering;',
    '    proxy_pass_header X-Accel-Charset;',
    '    proxy_ignore_headers X-Accel-Redirect X-Accel-Expires X-Accel-Limit-Rate X-Accel-Buffering X-Accel-Charset Expires Cache-Control Set-Cookie Vary;',
    ...tlsToCluster(options),
    '}',
  ];
}

const indent = (lines: string[], by: string) => lines.map((line) => (line === '' ? '' : `${by}${line}`));

function header(options: NginxEdgeOptions, kind: string): string[] {
  return [
    `# model-alias-guard edge (${kind}), generated by \`npm run -s edge-config\`. Do not edit: regenerate.`,
    `# cluster ${redact(options.esUrl)}   guard ${options.guardUrl}   edge ${listenAddress(options.edgeHost, options.edgePort)}`,
    '# Run the guard (`npm start`) with PROXY_PORT at GUARD_URL and PROXY_PUBLIC_URL set to THIS nginx\'s',
    '# address as clients reach it, so sniffing clients are sent back to nginx, never to the guard or a node.',
  ];
}

function redact(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/** A complete `nginx.conf` for `nginx -p DIR -c DIR/nginx.conf -g 'daemon off;'`, any writable DIR, any user. */
export function renderNginxConfig(options: NginxEdgeOptions): string {
  const lines = [
    ...header(options, 'complete nginx.conf'),
    '# Every path is relative to the prefix (-p DIR); no `user` or `daemon` directive: it runs as whoever starts it.',
    `worker_processes ${options.workerProcesses};`,
    'pid nginx.pid;',
    'error_log stderr warn;',
    '',
    'events {',
    '    worker_connections 4096;',
    '}',
    '',
    'http {',
    '    client_body_temp_path client_body_temp;',
    '    proxy_temp_path proxy_temp;',
    '    fastcgi_temp_path fastcgi_temp;',
    '    uwsgi_temp_path uwsgi_temp;',
    '    scgi_temp_path scgi_temp;',
    '    access_log off;',
    '    server_tokens off;',
    '    keepalive_timeout 120s;',
    '    keepalive_requests 1000000;',
    '',
    ...indent(httpLevel(options), '    '),
    '',
    '    server {',
    `        listen ${listenAddress(options.edgeHost, options.edgePort)};`,
    ...indent(serverLevel(), '        '),
    '',
    ...indent(locationBlock(options), '        '),
    '    }',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

/** The parts for an operator's existing nginx: `map` and `upstream`s at http level, the rest in the `server` block. */
export function renderNginxSnippet(options: NginxEdgeOptions): string {
  const lines = [
    ...header(options, 'snippet'),
    '',
    '# ---- 1. at http level (inside `http { }`, outside any `server`) ----',
    ...httpLevel(options),
    '',
    '# ---- 2. inside the `server { }` block that serves Elasticsearch (replaces its `location /`) ----',
    ...serverLevel(),
    ...locationBlock(options),
  ];
  return `${lines.join('\n')}\n`;
}
