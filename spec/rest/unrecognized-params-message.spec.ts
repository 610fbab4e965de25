import { unrecognizedMessage, unrecognizedParametersRejection } from '../../src/rest/unrecognized-params';

const PUT_ALIAS_CANDIDATES = ['error_trace', 'format', 'filter_path', 'pretty', 'human', 'model_id', 'model_alias', 'reassign'];
const PATH = '/_ml/trained_models/m/model_aliases/a';

describe('unrecognized parameters are reported as BaseRestHandler.unrecognized does', () => {
  it('names one parameter without suggestions', () => {
    expect(unrecognizedMessage(PATH, ['timeout'], PUT_ALIAS_CANDIDATES)).toBe(
      `request [${PATH}] contains unrecognized parameter: [timeout]`,
    );
  });

  it('suggests a close candidate', () => {
    expect(unrecognizedMessage(PATH, ['reasign'], PUT_ALIAS_CANDIDATES)).toBe(
      `request [${PATH}] contains unrecognized parameter: [reasign] -> did you mean [reassign]?`,
    );
  });

  it('lists several parameters sorted, each with its own suggestions', () => {
    expect(unrecognizedMessage(PATH, ['reasign', 'foo', 'prety'], PUT_ALIAS_CANDIDATES)).toBe(
      `request [${PATH}] contains unrecognized parameters: [foo], [prety] -> did you mean [pretty]?, [reasign] -> did you mean [reassign]?`,
    );
  });

  it('uses "any of" and orders candidates by similarity, then by name', () => {
    // model_i: model_id is 1 edit of 8 (0.875), model_alias 4 edits of 11 (≈0.636).
    expect(unrecognizedMessage(PATH, ['model_i'], PUT_ALIAS_CANDIDATES)).toBe(
      `request [${PATH}] contains unrecognized parameter: [model_i] -> did you mean any of [model_id, model_alias]?`,
    );
    expect(unrecognizedMessage(PATH, ['abcd'], ['abce', 'abcf', 'abxx'])).toBe(
      `request [${PATH}] contains unrecognized parameter: [abcd] -> did you mean any of [abce, abcf]?`,
    );
  });

  it('requires similarity strictly above 0.5', () => {
    // "ab" vs "ax": 1 edit of 2 = 0.5 exactly: no suggestion.
    expect(unrecognizedMessage(PATH, ['ab'], ['ax'])).toBe(`request [${PATH}] contains unrecognized parameter: [ab]`);
  });

  it('sorts by UTF-16 code unit, upper case before lower case', () => {
    expect(unrecognizedMessage(PATH, ['b', 'B', 'a'], [])).toBe(
      `request [${PATH}] contains unrecognized parameters: [B], [a], [b]`,
    );
  });

  it('is a 400 illegal_argument_exception', () => {
    const rejection = unrecognizedParametersRejection(PATH, ['x'], []);
    expect(rejection.statusCode).toBe(400);
    expect(rejection.type).toBe('illegal_argument_exception');
    expect(rejection.reason).toBe(`request [${PATH}] contains unrecognized parameter: [x]`);
  });
});
