/**
 * Reads `force`, `allow_no_match` and `finish_pending_work` of
 * `POST _ml/trained_models/{model_id}/deployment/_stop` exactly as
 * Elasticsearch's REST handler does, so the guard decides on the same values
 * the cluster would act on.
 *
 * Source: `RestStopTrainedModelDeploymentAction.java` (newest read, @1dc80d4a)
 * and `StopTrainedModelDeploymentAction.Request` (@08b91421):
 *
 *   if (restRequest.hasContentOrSourceParam())      // body length > 0, or ?source
 *       request = Request.parseRequest(id, contentOrSourceParamParser());
 *   else
 *       allow_no_match, force, finish_pending_work = paramAsBoolean(name, default)
 *
 * Consequences the proxy reproduces:
 *   - Body XOR query, no precedence and no merge. With a body, the three query
 *     parameters are never read (never "consumed"), so BaseRestHandler answers
 *     400 `request [..] contains unrecognized parameter: [force]` (§5.3). They
 *     are returned in `unconsumedParams` for the lead to format; a parse error
 *     of the body wins, because `prepareRequest` runs first (§5.3 step 1).
 *   - `?source=<json>&source_content_type=application/json` counts as a body.
 *   - Query order of evaluation (first error wins): allow_no_match, force,
 *     finish_pending_work. Defaults: allow_no_match=true, others false.
 *   - `timeout` is NOT read by this handler (the task request has a timeout,
 *     the REST layer never sets it), so `?timeout=` is an unrecognized
 *     parameter, 400 like any other (returned in `unconsumedParams`).
 *   - Body: `ObjectParser` named `cluster:admin/xpack/ml/trained_models/deployment/stop`
 *     with fields model_id (string), allow_no_match, force, finish_pending_work
 *     (boolean: JSON true/false, or the strings "true"/"false"; an empty or
 *     whitespace-only string is false). Unknown field →
 *     400 x_content_parse_exception `[L:C] [<name>] unknown field [x]` plus
 *     ` did you mean [..]?` (SuggestingErrorOnUnknown). A body `model_id` that
 *     differs from a non-empty path id → 400 illegal_argument_exception
 *     `Inconsistent model_id; 'B' specified in the body differs from 'P' specified as a URL argument`;
 *     with an empty path id the body's id is used (returned as `bodyModelId`).
 *   - JSON as ES's Jackson factory reads it: comments allowed, duplicate keys
 *     rejected, anything after the top-level object ignored.
 *
 * Exactness: the ObjectParser messages and locations are ES's. Jackson's own
 * syntax-error texts are approximated (`[L:C] <short description>` with a
 * `json_parse_exception` cause); status and type are ES's. Columns count bytes
 * as Jackson's UTF-8 parser does.
 *
 * Content-Type: the dispatcher's gate (§2 step 2) belongs to the lead and runs
 * before this. This function repeats its two 406 answers so it is safe alone.
 * YAML, CBOR and Smile bodies pass ES's gate but the proxy cannot read them:
 * refused with a proxy-authored 415 (fail closed: an unread `force` must not
 * let a referenced deployment stop).
 */
import { EsFlatRejection, EsRejection } from '../errors';
import { parseParamBoolean } from '../rest/param-boolean';
import { EsRejectionWithCause, illegalArgument } from '../rest/rejections';

export interface StopRequestParameters {
  force: boolean;
  allowNoMatch: boolean;
  finishPendingWork: boolean;
  /** `model_id` given in the body, when any. ES uses it as the deployment id when the path id is empty. */
  bodyModelId?: string;
  /** Parameters the handler read (for "did you mean" candidates, §5.3), sorted. */
  consumedParams: string[];
  /** Query parameters the handler did not read, minus the framework's (§5.2), sorted: non-empty means 400 (§5.3). */
  unconsumedParams: string[];
}

export const STOP_PARSER_NAME = 'cluster:admin/xpack/ml/trained_models/deployment/stop';
const BOOLEAN_FIELDS = ['allow_no_match', 'force', 'finish_pending_work'] as const;
const BODY_FIELDS = ['model_id', ...BOOLEAN_FIELDS];
/** Always consumed by RestController / AbstractRestChannel (§5.2). */
const FRAMEWORK_PARAMS = new Set(['error_trace', 'format', 'filter_path', 'pretty', 'human']);

// ---------------------------------------------------------------------------
// Booleans and errors: the shared REST-layer helpers (src/rest/)
// ---------------------------------------------------------------------------

/** A query value through `RestRequest.paramAsBoolean` (§5.2). */
function queryBoolean(raw: string | undefined, defaultValue: boolean): boolean | EsRejection {
  const parsed = parseParamBoolean(raw, defaultValue);
  return 'failure' in parsed ? illegalArgument(parsed.failure) : parsed.value;
}

interface Location {
  line: number;
  column: number;
}

function parseException(at: Location, message: string): EsRejection {
  return new EsRejection(400, 'x_content_parse_exception', `[${at.line}:${at.column}] ${message}`);
}

function jsonSyntaxError(at: Location, message: string): EsRejection {
  return new EsRejectionWithCause(400, 'x_content_parse_exception', `[${at.line}:${at.column}] ${message}`, {
    type: 'json_parse_exception',
    reason: message,
  });
}

// ---------------------------------------------------------------------------
// A minimal Jackson-compatible reader for one flat JSON object
// ---------------------------------------------------------------------------

type ValueToken =
  | { kind: 'START_OBJECT' | 'START_ARRAY' | 'END_OBJECT' | 'END_ARRAY' | 'VALUE_NULL' | 'VALUE_NUMBER'; at: Location }
  | { kind: 'VALUE_STRING'; at: Location; text: string }
  | { kind: 'VALUE_BOOLEAN'; at: Location; value: boolean };

class SyntaxFailure {
  constructor(readonly rejection: EsRejection) {}
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

class JsonReader {
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

// ---------------------------------------------------------------------------
// ObjectParser for StopTrainedModelDeploymentAction.Request
// ---------------------------------------------------------------------------

/** Lucene `LevenshteinDistance.getDistance`: 1 - editDistance / max(length). */
function levenshteinSimilarity(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  if (s.length === 0 && t.length === 0) return 1;
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(cur[j - 1]! + 1, prev[j]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return 1 - prev[t.length]! / Math.max(s.length, t.length);
}

/** `SuggestingErrorOnUnknown.suggest`: candidates with similarity > 0.5, best first, then by name. */
export function suggestFields(unknown: string, candidates: readonly string[]): string {
  const scored = candidates
    .map((candidate) => ({ candidate, score: Math.fround(levenshteinSimilarity(unknown, candidate)) }))
    .filter((entry) => entry.score > 0.5)
    .sort((x, y) => y.score - x.score || (x.candidate < y.candidate ? -1 : x.candidate > y.candidate ? 1 : 0));
  if (scored.length === 0) return '';
  if (scored.length === 1) return ` did you mean [${scored[0]!.candidate}]?`;
  return ` did you mean any of [${scored.map((entry) => entry.candidate).join(', ')}]?`;
}

interface BodyFields {
  model_id?: string;
  allow_no_match?: boolean;
  force?: boolean;
  finish_pending_work?: boolean;
}

function parseBody(bytes: Uint8Array): BodyFields | EsRejection {
  const reader = new JsonReader(bytes);
  const fields: BodyFields = {};
  try {
    const first = reader.skipBlank();
    if (first === -1) {
      return parseException(reader.location(), `[${STOP_PARSER_NAME}] Expected START_OBJECT but was: null`);
    }
    const start = reader.readValueToken();
    if (start.kind !== 'START_OBJECT') {
      return parseException(start.at, `[${STOP_PARSER_NAME}] Expected START_OBJECT but was: ${start.kind}`);
    }
    reader.consume();
    const seen = new Set<string>();
    let c = reader.skipBlank();
    if (c === 0x7d) return fields;
    for (;;) {
      if (c !== 0x22) reader.unexpected(c, 'double-quote to start field name');
      const nameAt = reader.location();
      const name = reader.readString();
      if (seen.has(name)) {
        return jsonSyntaxError(nameAt, `Duplicate field '${name}'`);
      }
      seen.add(name);
      reader.expect(0x3a, 'a colon to separate field name and value');
      const value = reader.readValueToken();
      if (value.kind === 'END_OBJECT' || value.kind === 'END_ARRAY') {
        reader.unexpected(value.kind === 'END_OBJECT' ? 0x7d : 0x5d, 'a value');
      }
      if (!BODY_FIELDS.includes(name)) {
        return parseException(nameAt, `[${STOP_PARSER_NAME}] unknown field [${name}]${suggestFields(name, BODY_FIELDS)}`);
      }
      const supported = name === 'model_id' ? ['VALUE_STRING'] : ['VALUE_BOOLEAN', 'VALUE_STRING'];
      if (!supported.includes(value.kind)) {
        return parseException(value.at, `[${STOP_PARSER_NAME}] ${name} doesn't support values of type: ${value.kind}`);
      }
      if (name === 'model_id') {
        fields.model_id = (value as { text: string }).text;
      } else {
        const parsed = parseBodyBoolean(value);
        if (parsed instanceof EsRejection) {
          return new EsRejectionWithCause(
            400,
            'x_content_parse_exception',
            `[${value.at.line}:${value.at.column}] [${STOP_PARSER_NAME}] failed to parse field [${name}]`,
            { type: parsed.type, reason: parsed.reason },
          );
        }
        fields[name as (typeof BOOLEAN_FIELDS)[number]] = parsed;
      }
      c = reader.skipBlank();
      if (c === 0x7d) return fields; // anything after the object is never read by ES
      if (c !== 0x2c) reader.unexpected(c, "comma to separate Object entries");
      reader.consume();
      c = reader.skipBlank();
    }
  } catch (error) {
    if (error instanceof SyntaxFailure) return error.rejection;
    throw error;
  }
}

/** `AbstractXContentParser.booleanValue`: strings go through `Booleans.parseBoolean(chars, .., false)`. */
function parseBodyBoolean(token: ValueToken): boolean | EsRejection {
  if (token.kind === 'VALUE_BOOLEAN') return token.value;
  const text = (token as { text: string }).text;
  // Unlike a query value, a body string without text (even "") reads as the default, false.
  return text === '' ? false : queryBoolean(text, false);
}

// ---------------------------------------------------------------------------
// Content types
// ---------------------------------------------------------------------------

type BodyFormat = 'json' | 'unreadable' | 'unsupported';

/** XContentType media types (type/subtype only; parameters ignored). */
function classifyMediaType(raw: string): BodyFormat {
  const essence = raw.split(';')[0]!.trim().toLowerCase();
  if (['application/json', 'application/x-ndjson', 'application/*'].includes(essence)) return 'json';
  if (/^application\/vnd\.elasticsearch\+(json|x-ndjson)$/.test(essence)) return 'json';
  if (/^application\/(vnd\.elasticsearch\+)?(yaml|cbor|smile)$/.test(essence)) return 'unreadable';
  return 'unsupported';
}

function unreadableBody(mediaType: string): EsRejection {
  return new EsRejection(
    415,
    'model_alias_guard_unsupported_body_exception',
    `model-alias-guard reads stop-deployment parameters from JSON only, not [${mediaType}]; send JSON or use query parameters`,
  );
}

// ---------------------------------------------------------------------------
// The request
// ---------------------------------------------------------------------------

export function parseStopRequest(
  query: Map<string, string>,
  body: Buffer | null,
  contentType?: string,
  /** The percent-decoded path `{model_id}`; enables ES's inconsistent-id check. */
  pathModelId?: string,
): StopRequestParameters | EsRejection | EsFlatRejection {
  // Path parameters share the map and are written after the query (§5.1): `model_id` is always consumed.
  const consumed = new Set<string>(['model_id']);
  const hasContent = body !== null && body.length > 0;

  let result: StopRequestParameters | EsRejection | EsFlatRejection;
  if (hasContent || query.has('source')) {
    let bytes: Uint8Array;
    if (hasContent) {
      if (contentType === undefined || contentType.trim() === '') {
        return new EsFlatRejection(406, 'Content-Type header is missing');
      }
      const format = classifyMediaType(contentType);
      if (format === 'unsupported') return new EsFlatRejection(406, `Content-Type header [${contentType}] is not supported`);
      if (format === 'unreadable') return unreadableBody(contentType);
      bytes = body!;
    } else {
      consumed.add('source');
      consumed.add('source_content_type');
      const source = query.get('source');
      const sourceType = query.get('source_content_type');
      if (source === undefined || sourceType === undefined) {
        return new EsRejection(400, 'validation_exception', 'Validation Failed: 1: source and source_content_type parameters are required;');
      }
      const format = classifyMediaType(sourceType);
      if (format === 'unsupported') {
        return new EsRejection(400, 'validation_exception', `Validation Failed: 1: Unknown value for source_content_type [${sourceType}];`);
      }
      if (format === 'unreadable') return unreadableBody(sourceType);
      bytes = Buffer.from(source, 'utf8');
    }
    const fields = parseBody(bytes);
    if (fields instanceof EsRejection) return fields;
    if (fields.model_id !== undefined && pathModelId !== undefined && pathModelId !== '' && fields.model_id !== pathModelId) {
      return new EsRejection(
        400,
        'illegal_argument_exception',
        `Inconsistent model_id; '${fields.model_id}' specified in the body differs from '${pathModelId}' specified as a URL argument`,
      );
    }
    result = {
      force: fields.force ?? false,
      allowNoMatch: fields.allow_no_match ?? true,
      finishPendingWork: fields.finish_pending_work ?? false,
      ...(fields.model_id !== undefined ? { bodyModelId: fields.model_id } : {}),
      consumedParams: [],
      unconsumedParams: [],
    };
  } else {
    const values: boolean[] = [];
    for (const [name, defaultValue] of [
      ['allow_no_match', true],
      ['force', false],
      ['finish_pending_work', false],
    ] as const) {
      consumed.add(name);
      const value = queryBoolean(query.get(name), defaultValue);
      if (value instanceof EsRejection) return value;
      values.push(value);
    }
    result = {
      allowNoMatch: values[0]!,
      force: values[1]!,
      finishPendingWork: values[2]!,
      consumedParams: [],
      unconsumedParams: [],
    };
  }
  result.consumedParams = [...consumed].sort();
  result.unconsumedParams = [...query.keys()].filter((name) => !consumed.has(name) && !FRAMEWORK_PARAMS.has(name)).sort();
  return result;
}
