/**
 * The count of Elasticsearch's YAML REST tests the sandbox reproduces (docs §11): every entry of
 * upstream-tests.ts is checked (a covered test has a test file that names it; a left-out or
 * skipped one says why), one jest test per upstream test, and the totals are printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UPSTREAM_TESTS, UpstreamStatus } from './upstream-tests';

const ROOT = join(__dirname, '..', '..', '..');

describe('upstream YAML REST tests', () => {
  afterAll(() => {
    const by = (s: UpstreamStatus): number => UPSTREAM_TESTS.filter((t) => t.status === s).length;
    const files = [...new Set(UPSTREAM_TESTS.map((t) => t.file))];
    const lines = files.map((f) => {
      const of = UPSTREAM_TESTS.filter((t) => t.file === f);
      const n = (s: UpstreamStatus): number => of.filter((t) => t.status === s).length;
      return `  ${f}: ${of.length} tests, ${n('covered')} covered, ${n('left-out')} left out, ${n('skipped-upstream')} skipped upstream`;
    });
    console.log(
      [`upstream YAML tests: ${UPSTREAM_TESTS.length} listed, ${by('covered')} covered, ${by('left-out')} left out, ${by('skipped-upstream')} skipped by their own skip block`, ...lines].join('\n'),
    );
  });

  it('lists each upstream test once', () => {
    const keys = UPSTREAM_TESTS.map((t) => `${t.file} :: ${t.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  for (const t of UPSTREAM_TESTS) {
    it(`[${t.status}] ${t.file} @${t.commit}: ${t.name}`, () => {
      expect(t.commit).toMatch(/^[0-9a-f]{8,40}$/);
      if (t.status !== 'covered') expect(t.reason ?? '').not.toBe('');
      if (t.status === 'covered' || t.spec !== undefined) {
        expect(t.spec).toBeDefined();
        const path = join(ROOT, t.spec!);
        expect(existsSync(path)).toBe(true);
        const text = readFileSync(path, 'utf8');
        // the test file names the upstream test and the copy it was written from
        expect(text).toContain(t.name);
        expect(text).toContain(t.commit);
      }
    });
  }
});
