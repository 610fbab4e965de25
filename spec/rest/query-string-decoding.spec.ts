import { decodeQueryString } from '../../src/rest/query-string';

function paramsOf(rawUrl: string): Record<string, string> {
  const result = decodeQueryString(rawUrl);
  if (!(result instanceof Map)) throw new Error(`expected params, got ${result.reason}`);
  return Object.fromEntries(result);
}

describe('decodeQueryString reads the query as RestUtils.decodeQueryString does', () => {
  it('gives no parameters without a ?', () => {
    expect(paramsOf('/p')).toEqual({});
    expect(paramsOf('/p#reassign=true')).toEqual({});
  });

  it('starts after the first ? (a later ? belongs to the value)', () => {
    expect(paramsOf('/p?a=1?b=2')).toEqual({ a: '1?b=2' });
  });

  it('ends at the first #', () => {
    expect(paramsOf('/p?reassign=true#frag&x=1')).toEqual({ reassign: 'true' });
  });

  it('is empty when a # comes before the ?', () => {
    expect(paramsOf('/p#frag?reassign=true')).toEqual({});
  });

  it('splits pairs on & and on ;', () => {
    expect(paramsOf('/p?a=1;b=2&c=3')).toEqual({ a: '1', b: '2', c: '3' });
  });

  it('gives a name without = the empty value', () => {
    expect(paramsOf('/p?reassign')).toEqual({ reassign: '' });
    expect(paramsOf('/p?reassign=')).toEqual({ reassign: '' });
    expect(paramsOf('/p?a&b=1')).toEqual({ a: '', b: '1' });
  });

  it('keeps the last value of a repeated name', () => {
    expect(paramsOf('/p?reassign=false&reassign=true')).toEqual({ reassign: 'true' });
    expect(paramsOf('/p?reassign=true;reassign=false')).toEqual({ reassign: 'false' });
  });

  it('decodes names and values, with + as a space', () => {
    expect(paramsOf('/p?re%61ssign=tr%75e&x=a+b')).toEqual({ reassign: 'true', x: 'a b' });
  });

  it('splits only on the first =', () => {
    expect(paramsOf('/p?a=b=c')).toEqual({ a: 'b=c' });
  });

  it('reproduces Java\'s handling of an = with no name before it', () => {
    expect(paramsOf('/p?=x')).toEqual({ x: '' });
  });

  it('ignores empty pairs', () => {
    expect(paramsOf('/p?&&a=1;;')).toEqual({ a: '1' });
    expect(paramsOf('/p?')).toEqual({});
  });
});
