import { EsFlatRejection, EsRejection } from '../../src/errors';
import { preDispatchRejection } from '../../src/rest/pre-dispatch';

const params = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('framework parameters are checked before any handler, in ES\'s order', () => {
  it('accepts valid or absent values', () => {
    expect(preDispatchRejection(params({}))).toBeNull();
    expect(preDispatchRejection(params({ pretty: '', human: 'false', error_trace: 'true' }))).toBeNull();
  });

  it('refuses a bad pretty with a structured 400 illegal_argument_exception', () => {
    const rejection = preDispatchRejection(params({ pretty: 'yes' }));
    expect(rejection).toBeInstanceOf(EsRejection);
    expect(rejection?.body()).toEqual({
      error: {
        root_cause: [{ type: 'illegal_argument_exception', reason: 'Failed to parse value [yes] as only [true] or [false] are allowed.' }],
        type: 'illegal_argument_exception',
        reason: 'Failed to parse value [yes] as only [true] or [false] are allowed.',
      },
      status: 400,
    });
  });

  it('checks pretty before human', () => {
    expect((preDispatchRejection(params({ human: 'h', pretty: 'p' })) as EsRejection).reason).toContain('[p]');
    expect((preDispatchRejection(params({ human: 'h' })) as EsRejection).reason).toContain('[h]');
  });

  it('refuses a bad error_trace with a flat 400, after the channel parameters', () => {
    const rejection = preDispatchRejection(params({ error_trace: 'TRUE' }));
    expect(rejection).toBeInstanceOf(EsFlatRejection);
    expect(rejection?.body()).toEqual({ error: 'Failed to parse value [TRUE] as only [true] or [false] are allowed.', status: 400 });
    expect(preDispatchRejection(params({ error_trace: 'TRUE', human: 'x' }))).toBeInstanceOf(EsRejection);
  });
});
