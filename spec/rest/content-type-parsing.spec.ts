import { EsFlatRejection } from '../../src/errors';
import { contentTypeGateRejection, contentTypeHeaderRejection, parseContentType } from '../../src/rest/content-type';

describe('Content-Type is judged as RestRequest and RestController judge it', () => {
  it('parses type, subtype and parameters in lower case', () => {
    expect(parseContentType('Application/JSON; Charset=UTF-8')).toEqual({
      kind: 'media',
      essence: 'application/json',
      parameters: new Map([['charset', 'utf-8']]),
    });
  });

  it('treats a comma list and */* as no media type', () => {
    expect(parseContentType('application/json, text/plain').kind).toBe('unparsed');
    expect(parseContentType('*/*').kind).toBe('unparsed');
  });

  it('refuses an unparsable header with 400 media_type_header_exception, body or not', () => {
    const rejection = contentTypeHeaderRejection('json');
    expect(rejection?.body()).toEqual({
      error: {
        root_cause: [{ type: 'media_type_header_exception', reason: 'Invalid media-type value on headers [Content-Type]' }],
        type: 'media_type_header_exception',
        reason: 'Invalid media-type value on headers [Content-Type]',
        caused_by: { type: 'illegal_argument_exception', reason: 'invalid media-type [json]' },
      },
      status: 400,
    });
  });

  it('refuses bad parameters and an empty header', () => {
    expect(contentTypeHeaderRejection('application/json; charset')?.causedBy.reason).toBe(
      'invalid parameters for header [application/json; charset]',
    );
    expect(contentTypeHeaderRejection('application/json; charset= utf-8')?.causedBy.reason).toBe(
      'invalid parameters for header [application/json; charset= utf-8]',
    );
    expect(contentTypeHeaderRejection('  ')?.causedBy.reason).toBe('Header [Content-Type] cannot be empty.');
  });

  it('accepts parsable headers and an absent one', () => {
    expect(contentTypeHeaderRejection(undefined)).toBeNull();
    expect(contentTypeHeaderRejection('text/plain')).toBeNull();
    expect(contentTypeHeaderRejection('application/json;')).toBeNull();
  });

  it('answers 406 "missing" for a body without Content-Type', () => {
    const rejection = contentTypeGateRejection(undefined);
    expect(rejection).toBeInstanceOf(EsFlatRejection);
    expect(rejection?.body()).toEqual({ error: 'Content-Type header is missing', status: 406 });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json, text/plain'])(
    'answers 406 "not supported" for a body of type %p',
    (contentType) => {
      expect(contentTypeGateRejection(contentType)?.body()).toEqual({
        error: `Content-Type header [${contentType}] is not supported`,
        status: 406,
      });
    },
  );

  it.each([
    'application/json',
    'application/json; charset=UTF-8',
    'application/x-ndjson',
    'application/yaml',
    'application/smile',
    'application/cbor',
    'application/vnd.elasticsearch+json; compatible-with=8',
  ])('lets a body of x-content type %p through the gate', (contentType) => {
    expect(contentTypeGateRejection(contentType)).toBeNull();
  });

  it('refuses a vendor type whose compatible-with is not a number', () => {
    expect(contentTypeGateRejection('application/vnd.elasticsearch+json; compatible-with=x')?.statusCode).toBe(406);
  });
});
