/**
 * The input-fields warning of PUT alias (docs §2 step 12;
 * `TransportPutTrainedModelAliasAction`, `Messages.TRAINED_MODEL_INPUTS_DIFFER_SIGNIFICANTLY`).
 * Only a warning: the alias is still moved.
 *
 * With O = set(old input fields), N = set(new input fields) and Java's
 * integer division: warn if |O \ N| > |O|/2 or |N ∩ O| < |O|/2.
 * O = {} never warns.
 */

export function inputFieldsDifferSignificantly(oldFieldNames: readonly string[], newFieldNames: readonly string[]): boolean {
  const oldFields = new Set(oldFieldNames);
  const newFields = new Set(newFieldNames);
  const half = Math.trunc(oldFields.size / 2);
  let onlyInOld = 0;
  let inBoth = 0;
  for (const field of oldFields) {
    if (newFields.has(field)) inBoth++;
    else onlyInOld++;
  }
  return onlyInOld > half || inBoth < half;
}

export function inputFieldsWarning(newModelId: string, oldModelId: string): string {
  return (
    `The input fields for new model [${newModelId}] and for old model [${oldModelId}] differ significantly, ` +
    'model results may change drastically.'
  );
}
