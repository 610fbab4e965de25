/**
 * The caller's own credentials through the edge (spec/e2e/caller-credentials.spec.ts, unchanged): the
 * cluster's 401 or 403 reaches the caller as the cluster gave it, and an unauthenticated caller is
 * told no verdict.
 */
jest.mock('../support/use-stack', () => jest.requireActual('./support/use-edge-stack'));
import '../e2e/caller-credentials.spec';
