/**
 * Which value of a binary target is the event (1 = bad). Taken from the caller when given;
 * otherwise read from the values themselves when there is only one sensible reading (1 of 0/1,
 * true of true/false, 'bad' of good/bad...). Anything else is an error asking for the value,
 * because guessing the wrong way round would train a model that ranks risk backwards.
 *
 * @example
 *   eventValue('creditability', ['good', 'bad']); // 'bad'
 */
const EVENT_WORDS = ['1', 'true', 'bad', 'default', 'defaulted', 'yes', 'y', 'event'];

export function eventValue(target: string, values: string[], positive?: string): string {
  const distinct = [...new Set(values)].sort();
  if (distinct.length === 0) throw new Error(`target ${target} has no values: the training window is empty`);
  if (positive !== undefined) {
    if (!distinct.includes(positive)) {
      throw new Error(`target ${target} never takes the event value '${positive}' (values: ${distinct.join(', ')})`);
    }
    if (distinct.length > 2) throw new Error(`target ${target} is not binary: ${describe(distinct)}`);
    return positive;
  }
  if (distinct.length > 2) throw new Error(`target ${target} is not binary: ${describe(distinct)}`);
  const found = distinct.filter((v) => EVENT_WORDS.includes(v.toLowerCase()));
  if (found.length === 1) return found[0];
  if (distinct.length === 1) {
    throw new Error(`the target ${target} has a single class (every row is '${distinct[0]}'): nothing to learn`);
  }
  throw new Error(`cannot tell which value of target ${target} is the event (values: ${distinct.join(', ')}); name it with --positive`);
}

function describe(values: string[]): string {
  const shown = values.slice(0, 6).map((v) => `'${v}'`).join(', ');
  return `${values.length} distinct values (${shown}${values.length > 6 ? ', ...' : ''})`;
}
