/**
 * `useStack` with the edge topology (see edge-stack.ts): same lifecycle, same
 * Stack shape. An edge spec swaps it in for `spec/support/use-stack` and
 * loads an end-to-end spec written for the all-in-one proxy:
 *
 *   jest.mock('../support/use-stack', () => jest.requireActual('./support/use-edge-stack'));
 *   import '../e2e/alias-rules.spec';
 */
import type { Stack, StackOptions } from '../../support/stack';
import { startEdgeStack, type EdgeStack } from './edge-stack';
import { describeWithNginx } from './nginx';

export function useStack(options: StackOptions = {}): Stack {
  let started: EdgeStack | undefined;
  beforeAll(async () => {
    started = await startEdgeStack(options);
  }, 20_000);
  afterAll(async () => started?.close());
  const current = (): EdgeStack => {
    if (!started) throw new Error('useStack (edge): the stack is not started (only inside tests and hooks after beforeAll)');
    return started;
  };
  return {
    get esUrl() {
      return current().esUrl;
    },
    get proxyUrl() {
      return current().proxyUrl;
    },
    get adminUrl() {
      return current().adminUrl;
    },
    get viaProxy() {
      return current().viaProxy;
    },
    get direct() {
      return current().direct;
    },
    get auth() {
      return current().auth;
    },
    get sandbox() {
      return current().sandbox;
    },
    get decisions() {
      return current().decisions;
    },
    get logs() {
      return current().logs;
    },
    control: (method, path, body) => current().control(method, path, body),
    reset: () => current().reset(),
    close: () => current().close(),
  };
}

export { describeWithNginx };
