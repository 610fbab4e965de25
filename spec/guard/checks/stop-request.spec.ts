import { checkStopRequest, parseStopRequest, StopRequestParameters, suggestFields } from '../../../src/guard/checks/stop-request';
import { EsFlatRejection, EsRejection } from '../../../src/errors';
import { GuardedRoute, matchGuardedRoute } from '../../../src/rest/route-matcher';

const stopRoute = (target = '/_ml/trained_models/dep/deployment/_stop'): GuardedRoute => matchGuardedRoute('POST', target) as GuardedRoute;

const NAME = 'cluster:admin/xpack/ml/trained_models/deployment/stop';
const q = (entries: Record<string, string> = {}): Map<string, string> => new Map(Object.entries(entries));
const json = (text: string): Buffer => Buffer.from(text, 'utf8');

function ok(result: ReturnType<typeof parseStopRequest>): StopRequestParameters {
  if (result instanceof EsRejection) {
    throw new Error(`expected parameters, got ${result.message}`);
  }
  return result;
}

function rejected(result: ReturnType<typeof parseStopRequest>): EsRejection {
  expect(result).toBeInstanceOf(EsRejection);
  return result as EsRejection;
}

describe('parseStopRequest: query parameters (no body)', () => {
  it('uses the defaults: allow_no_match=true, force=false, finish_pending_work=false', () => {
    expect(ok(parseStopRequest(q(), null))).toMatchObject({ force: false, allowNoMatch: true, finishPendingWork: false });
  });

  it('reads all three with paramAsBoolean', () => {
    const result = ok(parseStopRequest(q({ force: '', allow_no_match: 'false', finish_pending_work: 'true' }), null));
    expect(result).toMatchObject({ force: true, allowNoMatch: false, finishPendingWork: true });
    expect(result.unconsumedParams).toEqual([]);
  });

  it('treats an empty body as no body', () => {
    expect(ok(parseStopRequest(q({ force: 'true' }), Buffer.alloc(0))).force).toBe(true);
  });

  it('treats a whitespace-only value as the default (Booleans.hasText)', () => {
    expect(ok(parseStopRequest(q({ force: ' ', allow_no_match: '\t' }), null))).toMatchObject({ force: false, allowNoMatch: true });
  });

  it.each(['TRUE', '1', 'yes', 'on'])('rejects force=%s with 400 illegal_argument_exception', (value) => {
    const rejection = rejected(parseStopRequest(q({ force: value }), null));
    expect(rejection.statusCode).toBe(400);
    expect(rejection.type).toBe('illegal_argument_exception');
    expect(rejection.reason).toBe(`Failed to parse value [${value}] as only [true] or [false] are allowed.`);
  });

  it('reports allow_no_match before force (the handler reads it first)', () => {
    expect(rejected(parseStopRequest(q({ force: 'bad-f', allow_no_match: 'bad-a' }), null)).reason).toContain('[bad-a]');
  });

  it('returns unknown query parameters, including timeout, as unconsumed; framework ones are not', () => {
    const result = ok(parseStopRequest(q({ timeout: '30s', forse: 'true', pretty: '', error_trace: 'true' }), null));
    expect(result.unconsumedParams).toEqual(['forse', 'timeout']);
    expect(result.consumedParams).toEqual(['allow_no_match', 'finish_pending_work', 'force', 'model_id']);
  });
});

describe('parseStopRequest: JSON body', () => {
  const ct = 'application/json';

  it('reads the body fields', () => {
    const result = ok(parseStopRequest(q(), json('{"force": true, "allow_no_match": false, "finish_pending_work": true}'), ct));
    expect(result).toMatchObject({ force: true, allowNoMatch: false, finishPendingWork: true, unconsumedParams: [] });
  });

  it('accepts the strings "true"/"false" and reads an empty string as false', () => {
    expect(ok(parseStopRequest(q(), json('{"force":"true","allow_no_match":""}'), ct))).toMatchObject({ force: true, allowNoMatch: false });
  });

  it('ignores the query flags when a body is present and reports them as unconsumed', () => {
    const result = ok(parseStopRequest(q({ force: 'true' }), json('{"allow_no_match": true}'), ct));
    expect(result.force).toBe(false);
    expect(result.unconsumedParams).toEqual(['force']);
  });

  it('gives a body parse error before any unrecognized query parameter', () => {
    expect(rejected(parseStopRequest(q({ force: 'true' }), json('{"nope": 1}'), ct)).type).toBe('x_content_parse_exception');
  });

  it('accepts vendor JSON media types with parameters', () => {
    expect(ok(parseStopRequest(q(), json('{"force":true}'), 'application/vnd.elasticsearch+json; compatible-with=8')).force).toBe(true);
  });

  it('rejects an unknown field as ObjectParser does, with location and suggestion', () => {
    const rejection = rejected(parseStopRequest(q(), json('{"forse": true}'), ct));
    expect(rejection.statusCode).toBe(400);
    expect(rejection.type).toBe('x_content_parse_exception');
    expect(rejection.reason).toBe(`[1:2] [${NAME}] unknown field [forse] did you mean [force]?`);
  });

  it('rejects an unknown field with no close candidate without a suggestion', () => {
    expect(rejected(parseStopRequest(q(), json('{\n  "timeout": "30s"\n}'), ct)).reason).toBe(`[2:3] [${NAME}] unknown field [timeout]`);
  });

  it('rejects a non-boolean string with a caused_by illegal_argument_exception', () => {
    const rejection = rejected(parseStopRequest(q(), json('{"force": "yes"}'), ct));
    expect(rejection.body()).toEqual({
      error: {
        root_cause: [{ type: 'x_content_parse_exception', reason: `[1:11] [${NAME}] failed to parse field [force]` }],
        type: 'x_content_parse_exception',
        reason: `[1:11] [${NAME}] failed to parse field [force]`,
        caused_by: { type: 'illegal_argument_exception', reason: 'Failed to parse value [yes] as only [true] or [false] are allowed.' },
      },
      status: 400,
    });
  });

  it.each([
    ['1', 'VALUE_NUMBER'],
    ['null', 'VALUE_NULL'],
    ['{}', 'START_OBJECT'],
    ['[true]', 'START_ARRAY'],
  ])('rejects force: %s as an unsupported value type', (value, token) => {
    expect(rejected(parseStopRequest(q(), json(`{"force": ${value}}`), ct)).reason).toBe(
      `[1:11] [${NAME}] force doesn't support values of type: ${token}`,
    );
  });

  it('rejects a top-level value that is not an object', () => {
    expect(rejected(parseStopRequest(q(), json('[]'), ct)).reason).toBe(`[1:1] [${NAME}] Expected START_OBJECT but was: START_ARRAY`);
  });

  it('rejects duplicate keys (STRICT_DUPLICATE_DETECTION) instead of letting the last one win', () => {
    const rejection = rejected(parseStopRequest(q(), json('{"force": false, "force": true}'), ct));
    expect(rejection.statusCode).toBe(400);
    expect(rejection.reason).toContain("Duplicate field 'force'");
  });

  it('allows comments (ALLOW_COMMENTS) so a commented force is read like ES reads it', () => {
    const body = '/* lead */ {"force": /* no */ false, // trailing\n "allow_no_match": true}';
    expect(ok(parseStopRequest(q(), json(body), ct))).toMatchObject({ force: false, allowNoMatch: true });
  });

  it('ignores content after the top-level object, as ES never reads it', () => {
    expect(ok(parseStopRequest(q(), json('{"force": false} {"force": true}'), ct)).force).toBe(false);
  });

  it.each(['{"force": tru}', '{"force" true}', '{"force": true,}', '{"force": true', "{'force': true}", '{"force": 01}'])(
    'refuses malformed JSON %s with 400 x_content_parse_exception',
    (body) => {
      const rejection = rejected(parseStopRequest(q(), json(body), ct));
      expect(rejection.statusCode).toBe(400);
      expect(rejection.type).toBe('x_content_parse_exception');
      expect(rejection.reason).toMatch(/^\[\d+:\d+\] /);
    },
  );

  it('returns the body model_id and rejects one inconsistent with the path', () => {
    expect(ok(parseStopRequest(q(), json('{"model_id": "dep"}'), ct, 'dep')).bodyModelId).toBe('dep');
    const rejection = rejected(parseStopRequest(q(), json('{"model_id": "other"}'), ct, 'dep'));
    expect(rejection.type).toBe('illegal_argument_exception');
    expect(rejection.reason).toBe("Inconsistent model_id; 'other' specified in the body differs from 'dep' specified as a URL argument");
  });

  it('rejects a model_id that is not a string', () => {
    expect(rejected(parseStopRequest(q(), json('{"model_id": 5}'), ct)).reason).toBe(
      `[1:14] [${NAME}] model_id doesn't support values of type: VALUE_NUMBER`,
    );
  });
});

describe('parseStopRequest: source parameter and content types', () => {
  it('reads ?source as the body and consumes source and source_content_type', () => {
    const result = ok(parseStopRequest(q({ source: '{"force":true}', source_content_type: 'application/json' }), null));
    expect(result.force).toBe(true);
    expect(result.consumedParams).toEqual(['model_id', 'source', 'source_content_type']);
    expect(result.unconsumedParams).toEqual([]);
  });

  it('requires source_content_type with source', () => {
    const rejection = rejected(parseStopRequest(q({ source: '{}' }), null));
    expect(rejection.type).toBe('validation_exception');
    expect(rejection.reason).toBe('Validation Failed: 1: source and source_content_type parameters are required;');
  });

  it('leaves source unconsumed when a real body is present', () => {
    expect(ok(parseStopRequest(q({ source: '{}' }), json('{}'), 'application/json')).unconsumedParams).toEqual(['source']);
  });

  it('answers 406 for a body without Content-Type, and for a non-x-content type (the REST prelude, before the parse)', () => {
    const missing = checkStopRequest(stopRoute(), { present: true, contentType: undefined }, json('{}'));
    expect(missing).toBeInstanceOf(EsFlatRejection);
    expect((missing as EsFlatRejection).body()).toEqual({ error: 'Content-Type header is missing', status: 406 });
    const plain = checkStopRequest(stopRoute(), { present: true, contentType: 'text/plain' }, json('{}'));
    expect((plain as EsFlatRejection).body()).toEqual({ error: 'Content-Type header [text/plain] is not supported', status: 406 });
  });

  it('fails closed on a YAML body it cannot read', () => {
    const rejection = rejected(parseStopRequest(q(), json('force: true'), 'application/yaml'));
    expect(rejection.statusCode).toBe(415);
  });
});

describe('suggestFields (SuggestingErrorOnUnknown)', () => {
  it('orders several candidates by similarity', () => {
    expect(suggestFields('allow_no_matc', ['model_id', 'allow_no_match', 'force', 'finish_pending_work'])).toBe(' did you mean [allow_no_match]?');
    expect(suggestFields('fxrce', ['force', 'farce'])).toBe(' did you mean any of [farce, force]?');
    expect(suggestFields('zzz', ['force'])).toBe('');
  });
});
