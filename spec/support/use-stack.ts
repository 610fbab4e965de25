/**
 * The usual lifecycle of an end-to-end test file (or describe block): one
 * stack started in beforeAll and closed in afterAll.
 *
 *   const stack = useStack({ proxy: { GUARD_MODE: 'report' } });
 *   beforeEach(async () => stack.reset());
 *
 * The returned Stack stands for the started one: reading it outside the
 * started window (before beforeAll ran, or when it failed) throws.
 */
import { startStack, type Stack, type StackOptions } from './stack';

export function useStack(options: StackOptions = {}): Stack {
  let started: Stack | undefined;
  beforeAll(async () => {
    started = await startStack(options);
  });
  afterAll(async () => started?.close());
  const current = (): Stack => {
    if (!started) throw new Error('useStack: the stack is not started (only inside tests and hooks after beforeAll)');
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
