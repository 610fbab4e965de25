import { hasWarning, warningTexts } from '../../../src/guard/exchange/warning-header';

const TEXT = 'The input fields for new model [m2] and for old model [m1] differ significantly, model results may change drastically.';

describe('hasWarning tells whether the cluster already sent a warning', () => {
  it('finds the text in a single header value', () => {
    expect(hasWarning(`299 Elasticsearch-8.8.0-deadbee "${TEXT}"`, TEXT)).toBe(true);
  });

  it('finds it among several header values', () => {
    expect(hasWarning(['299 Elasticsearch-8.8.0-deadbee "other"', `299 Elasticsearch-deadbee "${TEXT}"`], TEXT)).toBe(true);
  });

  it('finds it in values Node joined with ", ", with commas inside the quoted texts', () => {
    const joined = `299 Elasticsearch-8.8.0-deadbee "a, b", 299 Elasticsearch-8.8.0-deadbee "${TEXT}"`;
    expect(warningTexts(joined)).toEqual(['a, b', TEXT]);
    expect(hasWarning(joined, TEXT)).toBe(true);
  });

  it('accepts an RFC 1123 warn-date after the text', () => {
    const value = `299 Elasticsearch-7.13.0-abc "${TEXT}" "Mon, 01 Jan 2024 00:00:00 GMT", 299 Elasticsearch-7.13.0-abc "x"`;
    expect(warningTexts(value)).toEqual([TEXT, 'x']);
  });

  it('compares in the escaped form ES writes', () => {
    expect(hasWarning('299 Elasticsearch-1.2.3-h "say \\"hi\\" 100%25"', 'say "hi" 100%')).toBe(true);
    expect(hasWarning('299 Elasticsearch-1.2.3-h "say "hi" 100%"', 'say "hi" 100%')).toBe(false);
  });

  it('does not find a different or partial text', () => {
    expect(hasWarning(`299 Elasticsearch-8.8.0-deadbee "${TEXT} extra"`, TEXT)).toBe(false);
    expect(hasWarning('299 Elasticsearch-8.8.0-deadbee "[m2] differ"', TEXT)).toBe(false);
  });

  it('finds nothing without a header', () => {
    expect(hasWarning(undefined, TEXT)).toBe(false);
    expect(hasWarning([], TEXT)).toBe(false);
  });
});
