import { decodeComponent, decodeQueryComponent } from '../../src/rest/decode-component';

describe('decodeComponent decodes percent escapes as RestUtils does', () => {
  it('returns a string without % unchanged, whatever else it holds', () => {
    const raw = 'a+b\u00e9\u20ac';
    expect(decodeComponent(raw)).toBe(raw);
  });

  it('decodes %2F to a slash inside the value', () => {
    expect(decodeComponent('a%2Fb')).toBe('a/b');
  });

  it('accepts upper and lower case hex digits', () => {
    expect(decodeComponent('%2f%2F%5a%5A')).toBe('//ZZ');
  });

  it('turns %% into a single %', () => {
    expect(decodeComponent('100%%')).toBe('100%');
    expect(decodeComponent('%%41')).toBe('%41');
  });

  it('decodes multi-byte UTF-8 escapes', () => {
    expect(decodeComponent('caf%C3%A9')).toBe('caf\u00e9');
    expect(decodeComponent('%F0%9F%98%80')).toBe('\u{1F600}');
  });

  it('keeps + as + in a path segment, even when other escapes force decoding', () => {
    expect(decodeComponent('a+b%20c')).toBe('a+b c');
  });

  it('turns + into a space in the query variant', () => {
    expect(decodeQueryComponent('a+b')).toBe('a b');
    expect(decodeQueryComponent('a%2Bb')).toBe('a+b');
  });

  it('decodes raw latin1 UTF-8 bytes together with escapes (one char per byte, as Netty and Node read the target)', () => {
    // "é" sent raw is the two bytes C3 A9, which arrive as the chars \u00c3 \u00a9.
    expect(decodeComponent('\u00c3\u00a9%21')).toBe('\u00e9!');
  });

  it('returns the empty string unchanged', () => {
    expect(decodeComponent('')).toBe('');
  });
});
