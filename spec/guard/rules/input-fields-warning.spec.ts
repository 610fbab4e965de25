import { inputFieldsDifferSignificantly, inputFieldsWarning } from '../../../src/guard/rules/input-fields';

describe('the input-fields warning predicate uses Java integer division', () => {
  it.each([
    [['a'], ['b'], true],
    [['a', 'b'], ['a'], false],
    [['a', 'b'], ['c'], true],
    [['a', 'b', 'c'], ['a'], true],
    [['a', 'b', 'c'], ['a', 'b'], false],
    [['a', 'b', 'c', 'd'], ['a', 'b'], false],
    [['a', 'b', 'c', 'd'], ['a', 'x'], true],
    [[], ['x'], false],
    [[], [], false],
    [['a'], ['a', 'b', 'c'], false],
    [['a', 'a', 'b'], ['a'], false],
  ])('old %j, new %j → warn %p', (oldFields, newFields, warn) => {
    expect(inputFieldsDifferSignificantly(oldFields as string[], newFields as string[])).toBe(warn);
  });

  it('words the warning as Messages.TRAINED_MODEL_INPUTS_DIFFER_SIGNIFICANTLY', () => {
    expect(inputFieldsWarning('new-m', 'old-m')).toBe(
      'The input fields for new model [new-m] and for old model [old-m] differ significantly, model results may change drastically.',
    );
  });
});
