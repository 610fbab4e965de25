import { EsRejection } from '../../src/errors';
import { paramAsBoolean, parseParamBoolean } from '../../src/rest/param-boolean';

const params = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('paramAsBoolean parses as RestRequest.paramAsBoolean does', () => {
  it('returns the default when the parameter is absent', () => {
    expect(paramAsBoolean(params({}), 'reassign', false)).toBe(false);
    expect(paramAsBoolean(params({}), 'reassign', true)).toBe(true);
  });

  it('reads an empty value (?reassign or ?reassign=) as true', () => {
    expect(paramAsBoolean(params({ reassign: '' }), 'reassign', false)).toBe(true);
  });

  it('reads exactly true and false', () => {
    expect(paramAsBoolean(params({ reassign: 'true' }), 'reassign', false)).toBe(true);
    expect(paramAsBoolean(params({ reassign: 'false' }), 'reassign', true)).toBe(false);
  });

  it('reads a whitespace-only value as the default (Booleans.parseBoolean checks hasText)', () => {
    expect(paramAsBoolean(params({ reassign: ' ' }), 'reassign', false)).toBe(false);
    expect(paramAsBoolean(params({ reassign: '\t\u2003' }), 'reassign', true)).toBe(true);
  });

  it('does not treat a no-break space as whitespace (Java\'s Character.isWhitespace)', () => {
    expect(parseParamBoolean('\u00a0', false)).toEqual({
      failure: 'Failed to parse value [\u00a0] as only [true] or [false] are allowed.',
    });
  });

  it.each(['TRUE', 'True', '1', 'yes', 'on', ' true', 'false '])('refuses %p with 400 illegal_argument_exception', (value) => {
    const result = paramAsBoolean(params({ reassign: value }), 'reassign', false);
    expect(result).toBeInstanceOf(EsRejection);
    const rejection = result as EsRejection;
    expect(rejection.statusCode).toBe(400);
    expect(rejection.type).toBe('illegal_argument_exception');
    expect(rejection.reason).toBe(`Failed to parse value [${value}] as only [true] or [false] are allowed.`);
  });
});
