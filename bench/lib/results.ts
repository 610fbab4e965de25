/** Where a section leaves its raw figures: bench/results/<section>-<time>.json (git-ignored). */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BenchEnvironment } from '../run';

/**
 * Writes `{ environment, ...fields }` and says where; a failed write is
 * reported, never fatal, since the figures are already printed.
 * `what` names the figures in that line ("raw rounds", "per-slice figures").
 */
export function saveResults(env: BenchEnvironment, section: string, what: string, fields: Record<string, unknown>): void {
  const directory = path.resolve('bench', 'results');
  try {
    mkdirSync(directory, { recursive: true });
    const file = path.join(directory, `${section}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ environment: env.describe(), ...fields }, null, 2));
    console.log(`\n${what} saved to ${path.relative(process.cwd(), file)}`);
  } catch (err) {
    console.log(`(${what} not saved: ${(err as Error).message})`);
  }
}
