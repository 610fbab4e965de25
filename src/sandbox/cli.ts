/**
 * `npm run sandbox`: runs the emulator on its own.
 * Env: SANDBOX_PORT (default 9200), SANDBOX_ES_VERSION (default 8.15.0),
 * SANDBOX_HOST (default 127.0.0.1), SANDBOX_ALLOCATION_DELAY_MS (default 0),
 * SANDBOX_SEED (default 1: demo data), SANDBOX_LICENSE (trial|basic).
 */
import { startSandbox, demoCurlExamples } from './index';

async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 9200);
  const sandbox = await startSandbox({
    port,
    host: process.env.SANDBOX_HOST ?? '127.0.0.1',
    esVersion: process.env.SANDBOX_ES_VERSION ?? '8.15.0',
    allocationDelayMs: Number(process.env.SANDBOX_ALLOCATION_DELAY_MS ?? 0),
    seedDemoData: (process.env.SANDBOX_SEED ?? '1') !== '0',
    license: process.env.SANDBOX_LICENSE === 'basic' ? 'basic' : 'trial',
  });
  const ex = demoCurlExamples(sandbox.url);
  process.stdout.write(
    `Elasticsearch sandbox ${sandbox.esVersion} listening on ${sandbox.url}\n` +
      `  control API: ${sandbox.url}/_sandbox/{reset,faults,requests,deployments/<id>/state,license,state}\n` +
      `  allowed alias change: ${ex.allowed}\n  refused alias change: ${ex.refused}\n`,
  );
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
