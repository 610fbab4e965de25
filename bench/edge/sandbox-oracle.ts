/**
 * The oracle of the edge routing check: the SANDBOX's own router
 * (`src/sandbox/rest/router.ts`, written from Elasticsearch's PathTrie and
 * RestController independently of `src/rest/`), asked for every supported
 * version profile and every method whether a raw target reaches a handler
 * the guard must see: any route under `_ml`, `_inference` or `_nodes`
 * (a superset of the guarded and node-info handlers, docs §12).
 */
import { SandboxCore } from '../../src/sandbox/server';
import { parseVersion } from '../../src/sandbox/version';
import { splitUri } from '../../src/sandbox/rest/query';
import { DecodeError } from '../../src/sandbox/rest/decode';
import { METHOD_ORDER } from '../../src/sandbox/rest/router';

/** The version profiles the proxy supports (7.13 to 9.x), at the edges of each behaviour change. */
export const ORACLE_VERSIONS = ['7.13.0', '7.17.0', '8.0.0', '8.7.0', '8.8.0', '8.11.0', '8.15.0', '9.0.0'];
/** First literals of the handlers the guard must see; written here by hand, not taken from src/rest/. */
const MUST_SEE_LITERALS = new Set(['_ml', '_inference', '_nodes']);

export interface OracleVerdict {
  version: string;
  method: string;
  pattern: string;
}

export class SandboxOracle {
  private readonly cores = ORACLE_VERSIONS.map((version) => ({
    version,
    core: new SandboxCore({ version: parseVersion(version), allocationDelayMs: 0, security: null, license: 'trial', seed: null }, '127.0.0.1'),
  }));

  /** The first (version, method, route) that takes `target` to a handler the guard must see, or null. */
  mustReachGuard(target: string): OracleVerdict | null {
    const { rawPath } = splitUri(target);
    for (const { version, core } of this.cores) {
      let matches;
      try {
        matches = core.router.match(rawPath);
      } catch (error) {
        // A malformed escape: Elasticsearch answers 405 before any handler runs.
        if (error instanceof DecodeError) continue;
        throw error;
      }
      for (const method of METHOD_ORDER) {
        const route = matches.find((match) => match.handlers.has(method));
        if (route !== undefined && MUST_SEE_LITERALS.has(firstLiteral(route.pattern))) return { version, method, pattern: route.pattern };
      }
    }
    return null;
  }
}

function firstLiteral(pattern: string): string {
  return pattern.split('/').find((segment) => segment !== '' && !segment.startsWith('{')) ?? '';
}
