/**
 * Seeded train/test splits. Stratified by the target so that a small data set (1,000 rows,
 * 30% bad) keeps its bad rate in both parts and test metrics do not swing with the seed.
 * Out-of-time splits by as-of date belong to the training-set builder, not here.
 *
 * @example
 *   const { train, test } = stratifiedSplit(data.target, 0.3, 42);
 */
import { Rng } from '../random.ts';

export interface Split {
  train: Uint32Array;
  test: Uint32Array;
}

/** Splits row indices so that `testShare` of each class lands in `test`; both sorted. */
export function stratifiedSplit(target: ArrayLike<number>, testShare: number, seed: number): Split {
  if (!(testShare > 0 && testShare < 1)) throw new Error(`test share must be in (0, 1), got ${testShare}`);
  const rng = new Rng(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const label of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < target.length; i++) if (target[i] === label) rows.push(i);
    rng.shuffle(rows);
    const nTest = Math.round(rows.length * testShare);
    rows.forEach((row, k) => (k < nTest ? test : train).push(row));
  }
  return { train: Uint32Array.from(train).sort(), test: Uint32Array.from(test).sort() };
}
