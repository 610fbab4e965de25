/** The project's Elasticsearch emulator (src/sandbox), seeded with the demo data, in its own process. */
import { startSandbox } from '../../src/sandbox';
import { announceReady } from './child-ready';

startSandbox({ port: 0, host: '127.0.0.1', seedDemoData: true })
  .then((sandbox) => announceReady({ port: sandbox.port, esVersion: sandbox.esVersion }))
  .catch((err: unknown) => {
    console.error('sandbox failed to start:', err);
    process.exit(1);
  });
