/**
 * A real nginx with the generated edge configuration, as the README runs it:
 * `nginx -p DIR -c DIR/nginx.conf -g 'daemon off;'` from a fresh temp prefix,
 * as the current user, on a 127.0.0.1 free port. Missing nginx fails the
 * suite under CI=true or MAG_REQUIRE_NGINX=1 (`.ci/run` installs nginx and
 * sets it) and skips it elsewhere.
 */
import { existsSync } from 'node:fs';
import { renderNginxConfig, type NginxEdgeOptions } from '../../../src/edge/nginx-config';
import { freePort, NGINX_BINARY, startNginxWithConfig, type RunningNginx } from '../../../bench/edge/edge-nginx';

export { freePort, startNginxWithConfig, type RunningNginx };

const nginxMissing = !existsSync(NGINX_BINARY);

if (nginxMissing && (process.env.CI === 'true' || process.env.MAG_REQUIRE_NGINX === '1')) {
  throw new Error(`${NGINX_BINARY} is missing: the edge suite needs nginx (apt-get install nginx; .ci/run does it)`);
}

/** `describe` for the edge suites: skipped without nginx outside CI, never under CI=true (see above). */
export const describeWithNginx: jest.Describe = nginxMissing ? describe.skip : describe;

/** nginx with the generated edge configuration in front of `esUrl`, guarded requests to `guardUrl`. */
export async function startEdgeNginx(
  options: Omit<NginxEdgeOptions, 'edgeHost' | 'edgePort' | 'workerProcesses'> & { port?: number; workerProcesses?: string },
): Promise<RunningNginx> {
  const port = options.port ?? (await freePort());
  const config = renderNginxConfig({ workerProcesses: '1', ...options, edgeHost: '127.0.0.1', edgePort: port });
  return startNginxWithConfig(config, port);
}
