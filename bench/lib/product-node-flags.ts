/**
 * The Node flags the product runs with, read from package.json's `start`
 * script (`node <flags> dist/src/index.js`; the Dockerfile's CMD is checked
 * against it by spec/deploy/dockerfile.spec.ts), so every bench process that
 * stands for the product runs as `npm start` runs it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const PACKAGE_JSON = path.resolve(__dirname, '..', '..', '..', 'package.json');
const ENTRY = 'dist/src/index.js';

export function productNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  const words = start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== ENTRY) {
    throw new Error(`package.json start script is not \`node [flags] ${ENTRY}\`: ${start}`);
  }
  return words.slice(1, -1);
}
