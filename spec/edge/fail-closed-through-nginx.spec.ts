/**
 * Fail closed through the edge (spec/e2e/fail-closed.spec.ts, unchanged): when a metadata read fails,
 * the guard answers 503 and the change never reaches the cluster, though nginx sits in front.
 */
jest.mock('../support/use-stack', () => jest.requireActual('./support/use-edge-stack'));
import '../e2e/fail-closed.spec';
