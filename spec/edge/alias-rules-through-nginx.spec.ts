/**
 * Every alias rule of docs §2 (spec/e2e/alias-rules.spec.ts, unchanged),
 * through nginx with the generated configuration in front of the guard: the
 * refusal is the cluster's own answer and never reaches the cluster.
 */
jest.mock('../support/use-stack', () => jest.requireActual('./support/use-edge-stack'));
import '../e2e/alias-rules.spec';
