/**
 * Synthetic credit-like data whose truth is known, for tests and benchmarks: numeric features
 * (some with missing values), a few categorical ones, and a target drawn from a known PD that
 * mixes linear effects, a threshold and an interaction. Seeded, so every run sees the same rows.
 *
 * @example
 *   const { data, truePd } = syntheticCredit({ rows: 200_000, numeric: 36, categorical: 4, seed: 1 });
 */
import { Rng } from '../random.ts';
import type { Column, Dataset } from './frame.ts';

export interface SyntheticOptions {
  rows: number;
  numeric?: number;
  categorical?: number;
  /** Share of numeric values set missing (in every third feature). */
  missingShare?: number;
  seed?: number;
}

export function syntheticCredit(options: SyntheticOptions): { data: Dataset; truePd: Float64Array } {
  const { rows: n, numeric = 8, categorical = 2, missingShare = 0.1, seed = 1 } = options;
  const rng = new Rng(seed);
  const columns: Column[] = [];
  for (let f = 0; f < numeric; f++) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = f % 3 === 2 && rng.next() < missingShare ? NaN : rng.normal();
    columns.push({ kind: 'numeric', name: `x${f}`, values });
  }
  const levels = ['a', 'b', 'c', 'd', 'e', 'f'];
  for (let f = 0; f < categorical; f++) {
    const values: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) values[i] = rng.next() < 0.03 ? null : levels[Math.min(levels.length - 1, Math.floor(rng.next() ** 1.5 * levels.length))];
    columns.push({ kind: 'categorical', name: `c${f}`, values });
  }
  const num = (f: number, i: number): number => (f < numeric ? (columns[f].values[i] as number) : 0);
  const truePd = new Float64Array(n);
  const target = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let eta = -2.2;
    // Linear effects fading with the feature index; NaN (missing) is risky where it occurs.
    for (let f = 0; f < Math.min(numeric, 10); f++) {
      const v = num(f, i);
      eta += Number.isNaN(v) ? 0.6 : (0.8 / (1 + f)) * (f % 2 === 0 ? v : -v);
    }
    const a = num(1, i);
    const b = num(3, i);
    if (!Number.isNaN(a) && !Number.isNaN(b)) eta += 0.7 * Math.sign(a) * Math.sign(b); // interaction
    if (numeric > 4 && num(4, i) > 1) eta += 0.8; // threshold
    if (categorical > 0) {
      const c = columns[numeric].values[i] as string | null;
      eta += c === null ? 0.5 : 0.25 * levels.indexOf(c) - 0.5;
    }
    truePd[i] = 1 / (1 + Math.exp(-eta));
    target[i] = rng.next() < truePd[i] ? 1 : 0;
  }
  return { data: { nRows: n, columns, target }, truePd };
}
