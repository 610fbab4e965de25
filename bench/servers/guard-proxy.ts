/**
 * The whole product as `npm start` assembles it: startProxy (front door,
 * forwarder, guards, metrics, admin port) in front of the cluster URL given
 * on the command line. Log lines are produced at `info` as in production,
 * but written to /dev/null so they cost what they cost without flooding the
 * bench output.
 */
import pino from 'pino';
import { startProxy } from '../../src/app/start-proxy';
import { createLogger } from '../../src/log/logger';
import { announceReady, upstreamUrlArgument } from './child-ready';

async function main(): Promise<void> {
  const logger = createLogger('info', pino.destination({ dest: '/dev/null', sync: true }));
  const proxy = await startProxy(
    {
      ES_URL: upstreamUrlArgument(),
      PROXY_HOST: '127.0.0.1',
      PROXY_PORT: 0,
      ADMIN_PORT: 0,
      UPSTREAM_TIMEOUT_MS: 0,
      METADATA_TIMEOUT_MS: 10_000,
      UPSTREAM_CONNECTIONS: 128,
      GUARD_MODE: 'enforce',
      STRICT_INPUT_FIELDS: false,
      STRICT_CAPACITY: false,
      SHUTDOWN_GRACE_MS: 1_000,
    },
    logger,
  );
  announceReady({ port: Number(new URL(proxy.url).port), adminUrl: proxy.adminUrl });
}

main().catch((err: unknown) => {
  console.error('guard proxy failed to start:', err);
  process.exit(1);
});
