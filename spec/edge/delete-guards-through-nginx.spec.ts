/**
 * The DELETE guards (model, model alias, the legacy _ml/inference path; spec/e2e/delete-
 * guards.spec.ts, unchanged) through nginx with the generated configuration: each refusal is the
 * cluster's own answer.
 */
jest.mock('../support/use-stack', () => jest.requireActual('./support/use-edge-stack'));
import '../e2e/delete-guards.spec';
