/**
 * `npm start`: read the configuration once, start the sandbox cluster when no
 * ES_URL is given, start the proxy in front of the cluster, and stop cleanly
 * on SIGTERM/SIGINT.
 *
 * Exit status: 2 for a configuration or start-up problem the operator fixes
 * by changing a variable (one message naming each variable, no stack trace),
 * 1 for anything else (a bug: with its stack).
 */
import { loadConfig, ConfigError } from './config/load-config';
import { createLogger } from './log/logger';
import { loadTlsSettings } from './config/tls-settings';
import { startProxy } from './app/start-proxy';
import { ListenError, asListenError } from './app/server-lifecycle';
import { startSandbox, demoCurlExamples, Sandbox } from './sandbox';

/** Configuration errors and listeners that cannot open: the operator's to fix. */
export const EXIT_CONFIGURATION = 2;

async function main(): Promise<void> {
  const config = loadConfig();
  const tls = loadTlsSettings(config);
  const logger = createLogger(config.LOG_LEVEL);

  let sandbox: Sandbox | undefined;
  let esUrl = config.ES_URL;
  if (!esUrl) {
    try {
      sandbox = await startSandbox({
        host: '127.0.0.1',
        port: config.SANDBOX_PORT,
        esVersion: config.SANDBOX_ES_VERSION,
        seedDemoData: true,
      });
    } catch (error) {
      throw asListenError(error, { port: 'SANDBOX_PORT', host: 'SANDBOX_HOST' }, '127.0.0.1', config.SANDBOX_PORT);
    }
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

/** What the operator reads when the start fails for a reason they can fix. */
function startProblem(error: unknown): string | null {
  if (error instanceof ConfigError) return error.message;
  if (!(error instanceof ListenError)) return null;
  let message = `cannot start: ${error.message}`;
  if (error.portSetting === 'SANDBOX_PORT' && error.code === 'EADDRINUSE') {
    // The likely case: a local Elasticsearch on 9200 and `npm start` without ES_URL.
    message +=
      `\n  ES_URL is not set, so the proxy starts its built-in sandbox on SANDBOX_PORT (${error.port}).` +
      `\n  If an Elasticsearch already listens there, set ES_URL=http://127.0.0.1:${error.port} to guard it instead.`;
  }
  return message;
}

main().catch((error: unknown) => {
  const problem = startProblem(error);
  if (problem !== null) {
    process.stderr.write(`model-alias-guard: ${problem}\n`);
    process.exit(EXIT_CONFIGURATION);
  }
  process.stderr.write(`model-alias-guard failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
