/**
 * The edge routing check (docs §12) on a seeded sample of 5,000 generated
 * targets through the real nginx with the generated configuration: no target
 * that the sandbox's own router (independent of src/rest/) sends to a
 * guarded or node-info handler, in any supported version, reaches the
 * cluster side; every target nginx forwards arrives exactly as sent.
 * `npm run fuzz:edge` runs the same check on 100,000 targets.
 */
import { runRoutingDifferential, formatCounts } from '../../bench/edge/routing-differential';
import { describeWithNginx } from './support/nginx';

describeWithNginx('edge routing against the sandbox router', () => {
  it('sends every target Elasticsearch routes to a guarded or node-info handler to the guard', async () => {
    const report = await runRoutingDifferential({ count: 5_000, seed: 20261202 });
    const failures = report.failures.map((f) => `${f.why}: ${f.target.method} ${JSON.stringify(f.target.target)} ${f.verdict ? `${f.verdict.method} ${f.verdict.pattern} @${f.verdict.version}` : ''}`);
    expect(failures).toEqual([]);
    expect(report.sent).toBe(5_000);
    // The sample exercises both sides and the guarded routes (else the check proves nothing).
    const all = [...report.counts.values()];
    const sum = (key: 'mustReachGuard' | 'guard' | 'cluster') => all.reduce((n, c) => n + c[key], 0);
    expect(sum('mustReachGuard')).toBeGreaterThan(500);
    expect(sum('cluster')).toBeGreaterThan(500);
    expect(sum('guard')).toBeGreaterThan(sum('mustReachGuard'));
    expect(formatCounts(report)).toContain('near-miss route');
    // A few seconds on an idle machine; generous for a loaded CI runner.
  }, 120_000);
});
