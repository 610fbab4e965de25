/**
 * Decodes bytes as UTF-8 exactly as Java's `new String(bytes, UTF_8)` does
 * (JDK 17 `String.decodeUTF8_UTF16`; the JDK 16 `StringCoding` code is the
 * same algorithm). Elasticsearch builds every percent-decoded path value and
 * query value this way (`RestUtils.decodeComponent`, docs §5.1), so a
 * value the guard checks must be the string the cluster will act on.
 *
 * Malformed input is never an error: each malformed sequence becomes one
 * U+FFFD. Java and the WHATWG decoder (`TextDecoder`, `Buffer#toString`) agree
 * on almost every input but not all: Java replaces a UTF-8-encoded surrogate
 * (`ED A0 80`) with ONE U+FFFD where WHATWG writes three. Hence this copy.
 */

const REPLACEMENT = 0xfffd;

function isNotContinuation(b: number): boolean {
  return (b & 0xc0) !== 0x80;
}

/** `isMalformed3`: overlong E0 80..9F, or a missing continuation byte. */
function isMalformed3(b1: number, b2: number, b3: number): boolean {
  return (b1 === 0xe0 && (b2 & 0xe0) === 0x80) || isNotContinuation(b2) || isNotContinuation(b3);
}

/** `malformed3`: how many bytes of a bad 3-byte sequence the replacement swallows. */
function malformed3Length(b1: number, b2: number): number {
  return (b1 === 0xe0 && (b2 & 0xe0) === 0x80) || isNotContinuation(b2) ? 1 : 2;
}

function isMalformed3Truncated(b1: number, b2: number): boolean {
  return (b1 === 0xe0 && (b2 & 0xe0) === 0x80) || isNotContinuation(b2);
}

function isMalformed4Second(b1: number, b2: number): boolean {
  return (b1 === 0xf0 && (b2 < 0x90 || b2 > 0xbf)) || (b1 === 0xf4 && (b2 & 0xf0) !== 0x80) || isNotContinuation(b2);
}

/** `malformed4`: how many bytes of a bad 4-byte sequence the replacement swallows. */
function malformed4Length(bytes: Uint8Array, at: number): number {
  const b1 = bytes[at]!;
  const b2 = bytes[at + 1]!;
  if (b1 > 0xf4 || isMalformed4Second(b1, b2)) return 1;
  if (isNotContinuation(bytes[at + 2]!)) return 2;
  return 3;
}

export function decodeUtf8AsJava(bytes: Uint8Array): string {
  const units: number[] = [];
  const end = bytes.length;
  let sp = 0;
  while (sp < end) {
    const b1 = bytes[sp++]!;
    if (b1 < 0x80) {
      units.push(b1);
    } else if (b1 >= 0xc2 && b1 <= 0xdf) {
      if (sp < end) {
        const b2 = bytes[sp++]!;
        if (isNotContinuation(b2)) {
          units.push(REPLACEMENT);
          sp--;
        } else {
          units.push(((b1 & 0x1f) << 6) | (b2 & 0x3f));
        }
        continue;
      }
      units.push(REPLACEMENT);
      break;
    } else if ((b1 & 0xf0) === 0xe0) {
      if (sp + 1 < end) {
        const b2 = bytes[sp++]!;
        const b3 = bytes[sp++]!;
        if (isMalformed3(b1, b2, b3)) {
          units.push(REPLACEMENT);
          sp -= 3;
          sp += malformed3Length(b1, b2);
        } else {
          const c = ((b1 & 0x0f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
          // An encoded surrogate is one malformed unit for Java: one replacement, all three bytes consumed.
          units.push(c >= 0xd800 && c <= 0xdfff ? REPLACEMENT : c);
        }
        continue;
      }
      if (sp < end && isMalformed3Truncated(b1, bytes[sp]!)) {
        units.push(REPLACEMENT);
        continue;
      }
      units.push(REPLACEMENT);
      break;
    } else if ((b1 & 0xf8) === 0xf0) {
      if (sp + 2 < end) {
        const b2 = bytes[sp++]!;
        const b3 = bytes[sp++]!;
        const b4 = bytes[sp++]!;
        const cp = ((b1 & 0x07) << 18) | ((b2 & 0x3f) << 12) | ((b3 & 0x3f) << 6) | (b4 & 0x3f);
        if (isNotContinuation(b2) || isNotContinuation(b3) || isNotContinuation(b4) || cp < 0x10000 || cp > 0x10ffff) {
          units.push(REPLACEMENT);
          sp -= 4;
          sp += malformed4Length(bytes, sp);
        } else {
          const v = cp - 0x10000;
          units.push(0xd800 | (v >> 10), 0xdc00 | (v & 0x3ff));
        }
        continue;
      }
      if (b1 > 0xf4 || (sp < end && isMalformed4Second(b1, bytes[sp]!))) {
        units.push(REPLACEMENT);
        continue;
      }
      sp++;
      if (sp < end && isNotContinuation(bytes[sp]!)) {
        units.push(REPLACEMENT);
        continue;
      }
      units.push(REPLACEMENT);
      break;
    } else {
      // 80..BF (stray continuation), C0, C1 (overlong lead), F8..FF.
      units.push(REPLACEMENT);
    }
  }
  let out = '';
  for (let i = 0; i < units.length; i += 8192) {
    out += String.fromCharCode(...units.slice(i, i + 8192));
  }
  return out;
}
