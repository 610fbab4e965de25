/**
 * `npm start`: read the configuration once, start the sandbox cluster when no
 * ES_URL is given, start the proxy in front of the cluster, and stop cleanly
 * on SIGTERM/SIGINT.
 */
import { loadConfig, ConfigError } from './config/load-config';
import { createLogger } from './log/logger';
import { loadTlsSettings } from './config/tls-settings';
import { startProxy } from './app/start-proxy';
import { startSandbox, demoCurlExamples, Sandbox } from './sandbox';

async function main(): Promise<void> {
  let config;
  let tls;
  try {
    config = loadConfig();
    tls = loadTlsSettings(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`model-alias-guard: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);

  let sandbox: Sandbox | undefined;
  let esUrl = config.ES_URL;
  if (!esUrl) {
    sandbox = await startSandbox({
      host: '127.0.0.1',
      port: config.SANDBOX_PORT,
      esVersion: config.SANDBOX_ES_VERSION,
      seedDemoData: true,
    });
    esUrl = sandbox.url;
    logger.warn({ sandbox: sandbox.url, es_version: sandbox.esVersion }, 'ES_URL is not set: guarding the built-in SANDBOX cluster');
  }

  const proxy = await startProxy({ ...config, ES_URL: esUrl }, logger, { processMetrics: true, tls });
  logger.info({ proxy: proxy.url, admin: proxy.adminUrl, cluster: redactUrl(esUrl) }, 'model-alias-guard is listening');
  process.stdout.write(banner(proxy.url, proxy.adminUrl, esUrl, sandbox !== undefined));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await proxy.close();
    await sandbox?.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function banner(proxyUrl: string, adminUrl: string, esUrl: string, isSandbox: boolean): string {
  const lines = [
    '',
    `  model-alias-guard  ${proxyUrl}  ->  ${redactUrl(esUrl)}`,
    `  admin              ${adminUrl}/healthz  ${adminUrl}/readyz  ${adminUrl}/metrics`,
  ];
  if (isSandbox) {
    const examples = demoCurlExamples(proxyUrl);
    lines.push(
      '',
      '  ************************************************************************',
      '  *  NO ES_URL GIVEN: this is the built-in SANDBOX cluster, not a real   *',
      '  *  Elasticsearch. Set ES_URL to guard your cluster.                    *',
      '  ************************************************************************',
      '',
      '  Try an allowed alias change:',
      `    ${examples.allowed}`,
      '  and one the guard refuses:',
      `    ${examples.refused}`,
    );
  }
  return `${lines.join('\n')}\n\n`;
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = 'redacted';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`model-alias-guard failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
