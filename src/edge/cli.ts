/**
 * `npm run -s edge-config [-- --snippet]`: prints the edge's nginx
 * configuration (complete, or the snippet for an existing `server` block)
 * to stdout. Bad configuration: one message naming every problem on stderr,
 * exit status 2, nothing on stdout.
 */
import { resolve } from 'node:path';
import { ConfigError } from '../config/load-config';
import { loadEdgeConfig, type EdgeConfig } from './load-edge-config';
import { renderNginxConfig, renderNginxSnippet, type NginxEdgeOptions } from './nginx-config';

const USAGE = 'usage: npm run -s edge-config [-- --snippet]';

export function edgeOptions(config: EdgeConfig): NginxEdgeOptions {
  return {
    esUrl: config.ES_URL,
    guardUrl: config.GUARD_URL,
    edgeHost: config.EDGE_HOST,
    edgePort: config.EDGE_PORT,
    workerProcesses: config.EDGE_WORKER_PROCESSES,
    esCaCert: config.ES_CA_CERT === undefined ? undefined : resolve(config.ES_CA_CERT),
  };
}

function main(argv: string[]): number {
  const unknown = argv.filter((arg) => arg !== '--snippet');
  if (unknown.length > 0) {
    process.stderr.write(`model-alias-guard edge-config: unknown argument ${unknown.join(' ')}\n${USAGE}\n`);
    return 2;
  }
  let config: EdgeConfig;
  try {
    config = loadEdgeConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`model-alias-guard edge-config: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const options = edgeOptions(config);
  process.stdout.write(argv.includes('--snippet') ? renderNginxSnippet(options) : renderNginxConfig(options));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
