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
import { useStackStartedBy } from './stack-lifecycle';

export function useStack(options: StackOptions = {}): Stack {
  return useStackStartedBy(startStack, options);
}
