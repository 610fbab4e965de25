import { decodeComponent, decodeQueryComponent, MalformedEscapeError } from '../../src/rest/decode-component';

function failureOf(decode: () => string): string {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedEscapeError);
    return (error as Error).message;
  }
  throw new Error('expected a malformed escape');
}

describe('decodeComponent refuses malformed escapes with Java\'s three messages', () => {
  it('reports a % as the last char as unterminated, quoting the whole component', () => {
    expect(failureOf(() => decodeComponent('abc%'))).toBe('unterminated escape sequence at end of string: abc%');
  });

  it('reports a % followed by one char as partial', () => {
    expect(failureOf(() => decodeComponent('abc%4'))).toBe('partial escape sequence at end of string: abc%4');
  });

  it('reports a non-hex pair with the two chars and the index of the %', () => {
    expect(failureOf(() => decodeComponent('ab%ZZcd'))).toBe("invalid escape sequence `%ZZ' at index 2 of: ab%ZZcd");
  });

  it('reports a pair with one bad digit the same way', () => {
    expect(failureOf(() => decodeComponent('%4G'))).toBe("invalid escape sequence `%4G' at index 0 of: %4G");
  });

  it('checks escapes left to right: the first bad one is reported', () => {
    expect(failureOf(() => decodeComponent('%zz%'))).toBe("invalid escape sequence `%zz' at index 0 of: %zz%");
  });

  it('treats %% followed by a lone % as unterminated', () => {
    expect(failureOf(() => decodeComponent('%%%'))).toBe('unterminated escape sequence at end of string: %%%');
  });

  it('applies the same messages to the query variant', () => {
    expect(failureOf(() => decodeQueryComponent('a+%'))).toBe('unterminated escape sequence at end of string: a+%');
  });
});
