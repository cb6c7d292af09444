import { describe, expect, it } from 'vitest';
import { columnOf, type CategoricalColumn, type NumericColumn } from '../data/frame.ts';
import { loadGermanCredit } from '../data/german-credit.ts';
import { Rng } from '../random.ts';
import { binCodes, binIndex } from './assign.ts';
import { binFeatures } from './bin-features.ts';
import { binCategorical } from './categorical.ts';
import { binNumeric } from './numeric.ts';

function synthetic(n: number, seed: number, risk: (x: number) => number): { x: Float64Array; y: Uint8Array } {
  const rng = new Rng(seed);
  const x = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.next() < 0.08 ? NaN : rng.next() * 100;
    const p = Number.isNaN(x[i]) ? 0.5 : risk(x[i]);
    y[i] = rng.next() < p ? 1 : 0;
  }
  return { x, y };
}

describe('numeric binning', () => {
  it('finds a rising bad rate, keeps 5% per bin and a separate missing bin', () => {
    const { x, y } = synthetic(10_000, 1, (v) => 0.05 + 0.004 * v);
    const binning = binNumeric('x', x, y);
    expect(binning.monotonicity).toBe('increasing');
    const ranges = binning.bins.filter((b) => b.kind === 'range');
    expect(ranges.length).toBeGreaterThanOrEqual(3);
    for (const bin of ranges) expect(bin.good + bin.bad).toBeGreaterThanOrEqual(500);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i].woe).toBeLessThan(ranges[i - 1].woe);
    expect(ranges[0].lower).toBeNull();
    expect(ranges[ranges.length - 1].upper).toBeNull();
    const missing = binning.bins[binning.bins.length - 1];
    expect(missing.kind).toBe('missing');
    expect(missing.good + missing.bad).toBeGreaterThan(600);
    expect(missing.woe).toBeLessThan(-1); // missing is risky here, and says so itself
  });

  it('keeps a U-shape rather than flattening it', () => {
    const { x, y } = synthetic(20_000, 2, (v) => 0.05 + 0.5 * ((v - 50) / 50) ** 2);
    const binning = binNumeric('x', x, y);
    expect(binning.monotonicity).toBe('none');
    expect(binning.iv).toBeGreaterThan(0.3);
  });

  it('puts special values in their own bin and places new values by the <= rule', () => {
    const { x, y } = synthetic(5_000, 3, (v) => 0.1 + 0.003 * v);
    for (let i = 0; i < 400; i++) x[i] = -1;
    const binning = binNumeric('x', x, y, { specialValues: [-1] });
    const special = binning.bins.findIndex((b) => b.kind === 'special');
    expect(binning.bins[special].good + binning.bins[special].bad).toBe(400);
    expect(binIndex(binning, -1)).toBe(special);
    expect(binIndex(binning, null)).toBe(binning.bins.length - 1);
    expect(binIndex(binning, 1e9)).toBe(special - 1);
    const first = binning.bins[0];
    expect(binIndex(binning, first.upper as number)).toBe(0);
    expect(binIndex(binning, (first.upper as number) + 1e-9)).toBe(1);
  });

  it('rejects infinite values', () => {
    expect(() => binNumeric('x', Float64Array.of(1, Infinity), Uint8Array.of(0, 1))).toThrow(/infinite/);
  });
});

describe('categorical binning', () => {
  it('pools rare categories into "other", which also takes unseen ones', () => {
    const values: (string | null)[] = [];
    const target: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const category = i < 450 ? 'a' : i < 900 ? 'b' : i < 930 ? 'rare1' : i < 960 ? 'rare2' : i < 980 ? 'rare3' : null;
      values.push(category);
      target.push(category === 'a' ? +(i % 10 === 0) : +(i % 3 === 0));
    }
    const binning = binCategorical('c', values, Uint8Array.from(target));
    const other = binning.bins.find((b) => b.isOther);
    expect(other?.categories).toEqual(['rare1', 'rare2', 'rare3']);
    expect(binIndex(binning, 'never-seen')).toBe(binning.bins.indexOf(other!));
    expect(binIndex(binning, null)).toBe(binning.bins.length - 1);
    expect(binning.bins[0].categories).toEqual(['a']); // the safest first
  });
});

describe('German Credit', () => {
  const data = loadGermanCredit();
  const binnings = binFeatures(data);

  it('bins all 20 attributes with the known strong ones on top', () => {
    expect(binnings).toHaveLength(20);
    const iv = Object.fromEntries(binnings.map((b) => [b.feature, b.iv]));
    expect(iv.status_of_existing_checking_account).toBeGreaterThan(0.5);
    expect(iv.duration_in_month).toBeGreaterThan(0.1);
    expect(iv.credit_history).toBeGreaterThan(0.15);
    const duration = binnings.find((b) => b.feature === 'duration_in_month')!;
    expect(duration.monotonicity).toBe('increasing'); // longer loans default more
  });

  it('gives every row a bin and counts match the column', () => {
    for (const binning of binnings) {
      const column = columnOf(data, binning.feature) as NumericColumn | CategoricalColumn;
      const codes = binCodes(binning, column);
      const counts = new Array(binning.bins.length).fill(0);
      codes.forEach((c) => counts[c]++);
      expect(counts).toEqual(binning.bins.map((b) => b.good + b.bad));
      for (const bin of binning.bins.filter((b) => b.kind !== 'missing' && b.good + b.bad > 0)) {
        expect(bin.good + bin.bad).toBeGreaterThanOrEqual(50);
      }
    }
  });
});
