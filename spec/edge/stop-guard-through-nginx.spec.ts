/**
 * The deployment _stop guard (spec/e2e/stop-guard.spec.ts, unchanged) through nginx with the generated
 * configuration: each refusal is the cluster's own answer, an allowed stop is forwarded.
 */
jest.mock('../support/use-stack', () => jest.requireActual('./support/use-edge-stack'));
import '../e2e/stop-guard.spec';
