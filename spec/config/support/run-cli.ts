/**
 * Runs a built command line (`npm run build` output in dist/) as a child
 * process, as `npm start` / `npm run sandbox` do, with exactly the given
 * environment (plus PATH) in an empty working directory, so no `.env` file
 * is read. Resolves when it exits, or kills it after `timeoutMs`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROXY_ENTRY = join(__dirname, '..', '..', '..', 'dist', 'src', 'index.js');
export const SANDBOX_ENTRY = join(__dirname, '..', '..', '..', 'dist', 'src', 'sandbox', 'cli.js');
/** `npm test` builds first; a bare `npx jest` without a build skips these files. */
export const describeBuilt = existsSync(PROXY_ENTRY) && existsSync(SANDBOX_ENTRY) ? describe : describe.skip;

export interface CliRun {
  /** null when it was killed after the timeout. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(entry: string, env: Record<string, string>, timeoutMs = 30_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], {
      env: { PATH: process.env.PATH ?? '', ...env },
      cwd: mkdtempSync(join(tmpdir(), 'mag-cli-')),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, stdout, stderr });
    });
  });
}

/** A TCP listener on 127.0.0.1 holding a port, as a local Elasticsearch on 9200 would. */
export async function occupyPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A Node stack frame line (`    at fn (file:line:col)`). */
export const STACK_FRAME = /^\s+at\s/m;
