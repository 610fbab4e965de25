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
import { useStackStartedBy } from '../../support/stack-lifecycle';
import { describeWithNginx } from './nginx';

export function useStack(options: StackOptions = {}): Stack {
  return useStackStartedBy<EdgeStack>(startEdgeStack, options, { name: 'useStack (edge)', startTimeoutMs: 20_000 });
}

export { describeWithNginx };
