/**
 * A minimal Jackson-compatible reader for one flat JSON object, so a request
 * body Elasticsearch would refuse is refused with Elasticsearch's own
 * `x_content_parse_exception` (line and column, Jackson's wording where it
 * matters; syntax texts are close to Jackson's, status and type exact).
 */
import { EsRejection } from '../errors';
import { EsRejectionWithCause } from './rejections';

export interface Location {
  line: number;
  column: number;
}

export function parseException(at: Location, message: string): EsRejection {
  return new EsRejection(400, 'x_content_parse_exception', `[${at.line}:${at.column}] ${message}`);
}

export function jsonSyntaxError(at: Location, message: string): EsRejection {
  return new EsRejectionWithCause(400, 'x_content_parse_exception', `[${at.line}:${at.column}] ${message}`, {
    type: 'json_parse_exception',
    reason: message,
  });
}

export type ValueToken =
  | { kind: 'START_OBJECT' | 'START_ARRAY' | 'END_OBJECT' | 'END_ARRAY' | 'VALUE_NULL' | 'VALUE_NUMBER'; at: Location }
  | { kind: 'VALUE_STRING'; at: Location; text: string }
  | { kind: 'VALUE_BOOLEAN'; at: Location; value: boolean };

export class SyntaxFailure {
  constructor(readonly rejection: EsRejection) {}
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class JsonReader {
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly bytes: Uint8Array) {}

  location(): Location {
    return { line: this.line, column: this.pos - this.lineStart + 1 };
  }

  private fail(message: string, at: Location = this.location()): never {
    throw new SyntaxFailure(jsonSyntaxError(at, message));
  }

  private peek(): number {
    return this.pos < this.bytes.length ? this.bytes[this.pos]! : -1;
  }

  private newline(): void {
    this.line++;
    this.lineStart = this.pos;
  }

  /** Skips whitespace and, as ES enables ALLOW_COMMENTS, `/* *\/` and `//` comments. Returns the next byte or -1. */
  skipBlank(): number {
    for (;;) {
      const c = this.peek();
      if (c === 0x20 || c === 0x09) {
        this.pos++;
      } else if (c === 0x0a) {
        this.pos++;
        this.newline();
      } else if (c === 0x0d) {
        this.pos++;
        if (this.peek() === 0x0a) this.pos++;
        this.newline();
      } else if (c === 0x2f /* / */) {
        const next = this.bytes[this.pos + 1];
        if (next === 0x2a /* * */) {
          const start = this.location();
          this.pos += 2;
          for (;;) {
            const d = this.peek();
            if (d === -1) this.fail('Unexpected end-of-input in a comment', start);
            this.pos++;
            if (d === 0x2a && this.peek() === 0x2f) {
              this.pos++;
              break;
            }
            if (d === 0x0a) this.newline();
            else if (d === 0x0d) {
              if (this.peek() === 0x0a) this.pos++;
              this.newline();
            }
          }
        } else if (next === 0x2f) {
          while (this.peek() !== -1 && this.peek() !== 0x0a && this.peek() !== 0x0d) this.pos++;
        } else {
          this.fail("Unexpected character ('/' (code 47)): maybe a (non-standard) comment?");
        }
      } else {
        return c;
      }
    }
  }

  expect(byte: number, what: string): void {
    const c = this.skipBlank();
    if (c !== byte) this.unexpected(c, what);
    this.pos++;
  }

  unexpected(c: number, expecting: string): never {
    if (c === -1) this.fail(`Unexpected end-of-input: expected ${expecting}`);
    const shown = c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}' (code ${c})` : `(code ${c})`;
    this.fail(`Unexpected character (${shown}): was expecting ${expecting}`);
  }

  /** Reads a string whose opening quote is at `pos`. */
  readString(): string {
    const start = this.location();
    this.pos++; // opening quote
    const parts: string[] = [];
    let runStart = this.pos;
    const flush = (end: number): void => {
      if (end > runStart) {
        try {
          parts.push(utf8.decode(this.bytes.subarray(runStart, end)));
        } catch {
          this.fail('Invalid UTF-8 in a string value', start);
        }
      }
    };
    for (;;) {
      const c = this.peek();
      if (c === -1) this.fail('Unexpected end-of-input: was expecting closing quote for a string value', start);
      if (c === 0x22) {
        flush(this.pos);
        this.pos++;
        return parts.join('');
      }
      if (c < 0x20) {
        this.fail(`Illegal unquoted character ((CTRL-CHAR, code ${c})): has to be escaped using backslash to be included in string value`);
      }
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      flush(this.pos);
      this.pos++;
      const e = this.peek();
      const simple: Record<number, string> = { 0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' };
      if (e in simple) {
        parts.push(simple[e]!);
        this.pos++;
      } else if (e === 0x75 /* u */) {
        const hex = String.fromCharCode(...this.bytes.subarray(this.pos + 1, this.pos + 5));
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Unexpected character: expected a hex-digit for character escape sequence');
        parts.push(String.fromCharCode(parseInt(hex, 16)));
        this.pos += 5;
      } else {
        this.fail(`Unrecognized character escape (code ${e})`);
      }
      runStart = this.pos;
    }
  }

  /** The first token of a value (a nested object or array is never read further: ObjectParser rejects it first). */
  readValueToken(): ValueToken {
    const c = this.skipBlank();
    const at = this.location();
    if (c === 0x7b) return { kind: 'START_OBJECT', at };
    if (c === 0x5b) return { kind: 'START_ARRAY', at };
    if (c === 0x22) return { kind: 'VALUE_STRING', at, text: this.readString() };
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const rest = Buffer.from(this.bytes.subarray(this.pos, this.pos + 512)).toString('latin1');
      const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(rest);
      if (match === null || /^[0-9A-Za-z_.]/.test(rest.slice(match[0].length))) {
        this.fail('Invalid numeric value');
      }
      this.pos += match[0].length;
      return { kind: 'VALUE_NUMBER', at };
    }
    for (const [word, token] of [
      ['true', { kind: 'VALUE_BOOLEAN', at, value: true }],
      ['false', { kind: 'VALUE_BOOLEAN', at, value: false }],
      ['null', { kind: 'VALUE_NULL', at }],
    ] as const) {
      if (c === word.charCodeAt(0)) {
        const end = this.pos + word.length;
        const text = Buffer.from(this.bytes.subarray(this.pos, end)).toString('latin1');
        const after = end < this.bytes.length ? this.bytes[end]! : -1;
        if (text !== word || (after !== -1 && /[0-9A-Za-z_$]/.test(String.fromCharCode(after))) || after >= 0x80) {
          this.fail(`Unrecognized token '${this.wordAt()}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`);
        }
        this.pos = end;
        return token;
      }
    }
    if (c === 0x7d) return { kind: 'END_OBJECT', at };
    if (c === 0x5d) return { kind: 'END_ARRAY', at };
    if (c === -1) this.fail('Unexpected end-of-input: expected a value');
    this.fail(`Unrecognized token '${this.wordAt()}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`);
  }

  private wordAt(): string {
    let end = this.pos;
    while (end < this.bytes.length && end - this.pos < 256 && /[^\s,:{}[\]"]/.test(String.fromCharCode(this.bytes[end]!))) end++;
    return Buffer.from(this.bytes.subarray(this.pos, Math.max(end, this.pos + 1))).toString('utf8');
  }

  consume(): void {
    this.pos++;
  }
}
