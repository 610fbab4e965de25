/**
 * `npm run fuzz:edge [-- COUNT [SEED]]`: the edge routing check with at
 * least 100,000 generated targets (default 100,000, seed 1), through the real
 * nginx. Prints the counts per category and every failure; exit 1 on any.
 */
import { formatCounts, runRoutingDifferential } from './routing-differential';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 1);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    console.error('usage: npm run fuzz:edge -- [COUNT [SEED]]');
    process.exit(2);
  }
  const report = await runRoutingDifferential({ count, seed });
  console.log(`edge routing check: ${report.sent} targets, seed ${seed}, ${report.seconds.toFixed(1)} s`);
  console.log(formatCounts(report));
  for (const failure of report.failures.slice(0, 50)) {
    console.log(`FAIL ${failure.why}: ${failure.target.method} ${JSON.stringify(failure.target.target)}${failure.verdict ? ` (sandbox ${failure.verdict.version}: ${failure.verdict.method} ${failure.verdict.pattern})` : ''}`);
  }
  console.log(report.failures.length === 0 ? 'no target that Elasticsearch routes to a guarded or node-info handler reached the cluster' : `${report.failures.length} failures`);
  process.exit(report.failures.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
