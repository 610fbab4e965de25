import { decodeComponent } from '../../src/rest/decode-component';
import { decodeUtf8AsJava } from '../../src/rest/java-utf8';

const R = '\ufffd';

describe('invalid UTF-8 decodes to U+FFFD as Java\'s new String(bytes, UTF_8) does', () => {
  it('replaces a stray continuation byte', () => {
    expect(decodeComponent('a%80b')).toBe(`a${R}b`);
  });

  it('replaces a truncated multi-byte sequence at the end with one replacement', () => {
    expect(decodeComponent('%E2%82')).toBe(R);
    expect(decodeComponent('%F0%9F%98')).toBe(R);
  });

  it('replaces a lead byte followed by a non-continuation and keeps the following char', () => {
    expect(decodeComponent('%C3A')).toBe(`${R}A`);
    expect(decodeComponent('%E2%82A')).toBe(`${R}A`);
  });

  it('replaces an encoded surrogate with ONE replacement (WHATWG decoders write three)', () => {
    expect(decodeComponent('%ED%A0%80')).toBe(R);
    expect(new TextDecoder().decode(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(R + R + R);
  });

  it('replaces overlong forms byte by byte', () => {
    expect(decodeComponent('%C0%AF')).toBe(R + R);
    expect(decodeComponent('%E0%80%AF')).toBe(R + R + R);
  });

  it('replaces code points above U+10FFFF', () => {
    expect(decodeUtf8AsJava(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(R + R + R + R);
  });

  it('truncates a char above 0xFF to its low byte when decoding is needed, as Java\'s (byte) cast does', () => {
    // U+20AC is truncated to 0xAC, a stray continuation byte.
    expect(decodeComponent('\u20ac%21')).toBe(`${R}!`);
    // U+0141 is truncated to 0x41 = 'A'.
    expect(decodeComponent('\u0141%21')).toBe('A!');
  });

  it('decodes valid input identically to the platform decoder', () => {
    const bytes = new TextEncoder().encode('mod\u00e8le-\u4e2d\u6587-\u{1F600}');
    expect(decodeUtf8AsJava(bytes)).toBe(new TextDecoder().decode(bytes));
  });
});
