import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/frame.ts';
import { Rng } from '../random.ts';
import { buildHistogram, histogramLayout, subtractInto } from './histogram.ts';
import { binOf, fitQuantizer, quantize } from './quantize.ts';

function data(n: number): Dataset {
  const rng = new Rng(4);
  const x = Float64Array.from({ length: n }, (_, i) => (i % 10 === 0 ? NaN : rng.normal()));
  const few = Float64Array.from({ length: n }, (_, i) => i % 4);
  const cat = Array.from({ length: n }, (_, i) => (i % 50 === 0 ? null : i % 7 === 0 ? 'risky' : i % 97 === 0 ? 'rare' : 'plain'));
  const target = Uint8Array.from(cat, (c, i) => (c === 'risky' ? +(i % 2 === 0) : +(i % 9 === 0)));
  return {
    nRows: n,
    target,
    columns: [
      { kind: 'numeric', name: 'x', values: x },
      { kind: 'numeric', name: 'few', values: few },
      { kind: 'categorical', name: 'cat', values: cat },
    ],
  };
}

describe('quantizer', () => {
  const d = data(20_000);
  const bins = fitQuantizer(d, { minCategoryCount: 300 });
  const codes = quantize(bins, d);

  it('uses at most 255 bins, bin 0 for missing, distinct values when few', () => {
    expect(bins[0].nBins).toBe(255);
    expect(bins[1].uppers).toEqual([0, 1, 2]);
    expect(codes[0][0]).toBe(0);
    expect(codes[1][5]).toBe(2); // value 1 → bin 2
    expect(binOf(bins[1], 99)).toBe(4);
  });

  it('orders categories by bad rate and pools rare and unseen ones', () => {
    const cat = bins[2];
    expect(cat.categories?.map((g) => g.join())).toEqual(['plain', 'rare', 'risky']);
    expect(binOf(cat, 'rare')).toBe(cat.otherBin);
    expect(binOf(cat, 'brand new')).toBe(cat.otherBin);
    expect(binOf(cat, null)).toBe(0);
  });

  it('places a value on an edge in the lower bin (the <= rule) and agrees row by row', () => {
    const uppers = bins[0].uppers as number[];
    expect(binOf(bins[0], uppers[10])).toBe(11);
    expect(binOf(bins[0], uppers[10] + 1e-12)).toBe(12);
    for (let i = 0; i < 500; i++) expect(binOf(bins[0], d.columns[0].values[i])).toBe(codes[0][i]);
  });

  it('histogram of a parent minus one child equals the other child', () => {
    const layout = histogramLayout(bins.map((b) => b.nBins));
    const rows = Uint32Array.from({ length: d.nRows }, (_, i) => i);
    const g = Float64Array.from({ length: d.nRows }, (_, i) => Math.sin(i));
    const h = new Float64Array(d.nRows).fill(0.25);
    const scratch = { g: new Float64Array(d.nRows), h: new Float64Array(d.nRows) };
    const parent = new Float64Array(layout.size);
    const left = new Float64Array(layout.size);
    const right = new Float64Array(layout.size);
    buildHistogram(parent, layout, codes, rows, 0, d.nRows, g, h, scratch);
    buildHistogram(left, layout, codes, rows, 0, 7_000, g, h, scratch);
    buildHistogram(right, layout, codes, rows, 7_000, d.nRows, g, h, scratch);
    const derived = subtractInto(parent, left);
    for (let k = 0; k < layout.size; k++) expect(derived[k]).toBeCloseTo(right[k], 9);
  });
});
