import { escapeAndEncode, formatWarningHeader } from '../../../src/guard/exchange/warning-header';

describe('Warning header values are written as HeaderWarning.formatWarning writes them', () => {
  it('names version and hash when the version is semantic', () => {
    expect(formatWarningHeader('some text', { version: '8.15.1', hash: 'abc1234' })).toBe(
      '299 Elasticsearch-8.15.1-abc1234 "some text"',
    );
    expect(formatWarningHeader('t', { version: '9.0.0-SNAPSHOT', hash: 'h' })).toBe('299 Elasticsearch-9.0.0-SNAPSHOT-h "t"');
    expect(formatWarningHeader('t', { version: '8.0.0-rc2', hash: 'h' })).toBe('299 Elasticsearch-8.0.0-rc2-h "t"');
  });

  it('names only the hash otherwise', () => {
    expect(formatWarningHeader('t', { version: 'serverless', hash: 'abc1234' })).toBe('299 Elasticsearch-abc1234 "t"');
    expect(formatWarningHeader('t', { version: undefined, hash: 'abc1234' })).toBe('299 Elasticsearch-abc1234 "t"');
  });

  it('backslash-escapes \\ and "', () => {
    expect(escapeAndEncode('a "q" \\ b')).toBe('a \\"q\\" \\\\ b');
  });

  it('percent-encodes %, controls and chars above 0xFF, in upper-case UTF-8', () => {
    expect(escapeAndEncode('100%')).toBe('100%25');
    expect(escapeAndEncode('a\nb')).toBe('a%0Ab');
    expect(escapeAndEncode('\u20ac')).toBe('%E2%82%AC');
    expect(escapeAndEncode('\u{1F600}')).toBe('%F0%9F%98%80');
  });

  it('keeps chars 0x80–0xFF raw (obs-text) and the qdtext set', () => {
    expect(escapeAndEncode('caf\u00e9 [a]#$&~!\t')).toBe('caf\u00e9 [a]#$&~!\t');
  });

  it('encodes a lone surrogate as ? like Java\'s getBytes', () => {
    expect(escapeAndEncode('x\ud800y')).toBe('x%3Fy');
  });

  it('formats the alias warning unchanged (its text needs no escaping)', () => {
    const text =
      'The input fields for new model [m2] and for old model [m1] differ significantly, model results may change drastically.';
    expect(formatWarningHeader(text, { version: '8.8.0', hash: 'deadbee' })).toBe(`299 Elasticsearch-8.8.0-deadbee "${text}"`);
  });
});
