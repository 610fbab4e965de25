/**
 * The beyond-Elasticsearch rule of spec/e2e/beyond-inference-endpoint-delete.spec.ts (unchanged) through nginx with the
 * generated configuration: the guard's refusals and the forwarded requests are the same behind the edge.
 */
jest.mock('../support/use-stack', () => jest.requireActual('./support/use-edge-stack'));
import '../e2e/beyond-inference-endpoint-delete.spec';
