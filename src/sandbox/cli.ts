/**
 * `npm run sandbox`: runs the emulator on its own.
 * Env (validated by `sandboxConfigSchema`, src/config/schema.ts, like the
 * proxy's settings): SANDBOX_PORT (default 9200), SANDBOX_ES_VERSION (default
 * 8.15.0), SANDBOX_HOST (default 127.0.0.1), SANDBOX_ALLOCATION_DELAY_MS
 * (default 0), SANDBOX_SEED (default 1: demo data; 0: none), SANDBOX_LICENSE
 * (trial|basic). A bad value or a busy port: one message naming the
 * variables, exit status 2, no stack trace.
 */
import { ConfigError, loadSandboxConfig } from '../config/load-config';
import { ListenError, asListenError } from '../app/server-lifecycle';
import { startSandbox, demoCurlExamples } from './index';

const EXIT_CONFIGURATION = 2;

async function main(): Promise<void> {
  const config = loadSandboxConfig();
  let sandbox;
  try {
    sandbox = await startSandbox({
      port: config.SANDBOX_PORT,
      host: config.SANDBOX_HOST,
      esVersion: config.SANDBOX_ES_VERSION,
      allocationDelayMs: config.SANDBOX_ALLOCATION_DELAY_MS,
      seedDemoData: config.SANDBOX_SEED,
      license: config.SANDBOX_LICENSE,
    });
  } catch (error) {
    throw asListenError(error, { port: 'SANDBOX_PORT', host: 'SANDBOX_HOST' }, config.SANDBOX_HOST, config.SANDBOX_PORT);
  }
  const ex = demoCurlExamples(sandbox.url);
  process.stdout.write(
    `Elasticsearch sandbox ${sandbox.esVersion} listening on ${sandbox.url}\n` +
      `  control API: ${sandbox.url}/_sandbox/{reset,faults,requests,deployments/<id>/state,license,state}\n` +
      `  allowed alias change: ${ex.allowed}\n  refused alias change: ${ex.refused}\n`,
  );
  const running = sandbox;
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof ListenError) {
    process.stderr.write(`sandbox: ${e instanceof ListenError ? `cannot start: ${e.message}` : e.message}\n`);
    process.exit(EXIT_CONFIGURATION);
  }
  process.stderr.write(`sandbox failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
