/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
  // Servers are started on port 0 per test file; files run in parallel on both cores.
  maxWorkers: 2,
  // Over a full run each worker grows to 0.8-1.1 GB RSS. Its event loop
  // drains at once after the last file ('exit' fires within 5 ms), but Node's
  // teardown of that heap took longer than jest's 500 ms default on a 2-core
  // VM, and jest then printed "A worker process has failed to exit
  // gracefully" although nothing was left open. A worker that something
  // really holds still never exits and is reported after these 3 s.
  workerGracefulExitTimeout: 3000,
};
