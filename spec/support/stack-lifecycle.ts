/**
 * One stack per test file (or describe block): started in beforeAll, closed in
 * afterAll, read through a Stack that throws outside that window. Its own
 * module so that an edge spec can swap `use-stack` for `use-edge-stack` with
 * jest.mock while both share this lifecycle.
 */
import type { Stack, StackOptions } from './stack';

export function useStackStartedBy<S extends Stack>(
  start: (options: StackOptions) => Promise<S>,
  options: StackOptions,
  { name = 'useStack', startTimeoutMs }: { name?: string; startTimeoutMs?: number } = {},
): Stack {
  let started: S | undefined;
  beforeAll(async () => {
    started = await start(options);
  }, startTimeoutMs);
  afterAll(async () => started?.close());
  const current = (): S => {
    if (!started) throw new Error(`${name}: the stack is not started (only inside tests and hooks after beforeAll)`);
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
