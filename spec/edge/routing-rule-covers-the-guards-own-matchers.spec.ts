/**
 * The edge's routing rule (src/edge/edge-routing.ts, the regex the nginx
 * `map` uses) against the guard's own matchers, in-process: every generated
 * target that `matchGuardedRoute` or `matchSniffRoute` takes, for any
 * method, is one the rule sends to the guard; and the rule's literals are
 * exactly the first segments the two matchers export, so a route added to
 * their tables is routed to the guard without touching the edge.
 */
import { guardedLiterals, goesToGuard, guardTargetRegex } from '../../src/edge/edge-routing';
import { GUARDED_FIRST_SEGMENTS, matchGuardedRoute } from '../../src/rest/route-matcher';
import { matchSniffRoute, SNIFF_FIRST_SEGMENTS } from '../../src/sniff/sniff-route';
import { TargetGenerator } from '../../bench/edge/routing-targets';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

describe('the edge routing rule', () => {
  it('is built from the matchers\' own first segments', () => {
    expect(guardedLiterals()).toEqual([...new Set([...GUARDED_FIRST_SEGMENTS, ...SNIFF_FIRST_SEGMENTS])].sort());
    expect(guardedLiterals()).toEqual(expect.arrayContaining(['_ml', '_nodes']));
    for (const literal of guardedLiterals()) expect(guardTargetRegex()).toContain(literal);
  });

  it('sends the guard every target its matchers take, for 20,000 generated targets and every method', () => {
    const generator = new TargetGenerator(4242);
    const missed: string[] = [];
    let taken = 0;
    for (let i = 0; i < 20_000; i++) {
      const { target } = generator.next();
      for (const method of METHODS) {
        let matched: unknown;
        try {
          matched = matchGuardedRoute(method, target) ?? matchSniffRoute(method, target);
        } catch {
          matched = true; // a target the matcher cannot even read must not be passthrough either
        }
        if (matched === null) continue;
        taken += 1;
        if (!goesToGuard(target)) missed.push(`${method} ${target}`);
      }
    }
    expect(missed).toEqual([]);
    expect(taken).toBeGreaterThan(1_000);
  });

  it.each([
    ['/logs/_search?q=a%20b', false],
    ['/_bulk', false],
    ['/my_index/_doc/1?routing=_ml', false],
    ['/_ml/trained_models/m/model_aliases/a', true],
    ['//_ml/x', true],
    ['/x%2Fy', true],
    ['/x#y', true],
    ['/_nodes/http', true],
    ['*', true],
    ['/_ML/x', false],
  ])('%s → guard: %s', (target, expected) => {
    expect(goesToGuard(target)).toBe(expected);
  });
});
