import { levenshteinSimilarity } from '../../src/rest/unrecognized-params';

describe('levenshteinSimilarity is Lucene\'s LevenshteinDistance.getDistance', () => {
  it('is 1 for equal strings and for two empty strings', () => {
    expect(levenshteinSimilarity('reassign', 'reassign')).toBe(1);
    expect(levenshteinSimilarity('', '')).toBe(1);
  });

  it('is 0 when exactly one string is empty', () => {
    expect(levenshteinSimilarity('', 'a')).toBe(0);
    expect(levenshteinSimilarity('a', '')).toBe(0);
  });

  it('is 1 - edits / longer length', () => {
    expect(levenshteinSimilarity('reasign', 'reassign')).toBe(Math.fround(1 - Math.fround(1 / 8)));
    expect(levenshteinSimilarity('kitten', 'sitting')).toBe(Math.fround(1 - Math.fround(3 / 7)));
  });

  it('is computed in 32-bit float', () => {
    const similarity = levenshteinSimilarity('abc', 'abd');
    expect(similarity).toBe(Math.fround(similarity));
    expect(similarity).not.toBe(1 - 1 / 3);
  });

  it('counts UTF-16 code units', () => {
    expect(levenshteinSimilarity('\u{1F600}', '\u{1F601}')).toBe(Math.fround(0.5));
  });
});
