import { describe, expect, it } from 'vitest';
import { chiMerge, enforceMinCount, isMonotonic, poolAdjacentViolators, type Cell } from './merge.ts';
import { ivBand, woeOf } from './woe.ts';

const cells = (...pairs: [number, number][]): Cell[] => pairs.map(([good, bad], i) => ({ upper: i + 1, good, bad }));

describe('merging cells', () => {
  it('grows small cells into their more similar neighbour', () => {
    // Cell 2 (5 rows, 40% bad) is closer to cell 3 (50% bad) than to cell 1 (10% bad).
    const out = enforceMinCount(cells([90, 10], [3, 2], [50, 50]), 10);
    expect(out.map((c) => [c.good, c.bad, c.upper])).toEqual([[90, 10, 1], [53, 52, 3]]);
  });

  it('pools adjacent violators into a strictly monotonic sequence', () => {
    const input = cells([90, 10], [70, 30], [80, 20], [50, 50]);
    const up = poolAdjacentViolators(input, 'increasing');
    expect(isMonotonic(up, 'increasing')).toBe(true);
    expect(up.map((c) => c.good + c.bad)).toEqual([100, 200, 100]);
    const down = poolAdjacentViolators(input, 'decreasing');
    expect(isMonotonic(down, 'decreasing') || down.length === 1).toBe(true);
  });

  it('ChiMerge joins the most alike neighbours first', () => {
    const out = chiMerge(cells([90, 10], [89, 11], [50, 50]), 2);
    expect(out.map((c) => c.good)).toEqual([179, 50]);
  });
});

describe('WoE and IV', () => {
  it('WoE = ln(%good / %bad), smoothed for empty cells, neutral for empty bins', () => {
    expect(woeOf(70, 30, 700, 300).woe).toBeCloseTo(0, 14);
    expect(woeOf(140, 30, 700, 300).woe).toBeCloseTo(Math.log(2), 14);
    expect(woeOf(10, 0, 700, 300).woe).toBeCloseTo(Math.log(10.5 / 700 / (0.5 / 300)), 14);
    expect(woeOf(0, 0, 700, 300)).toEqual({ woe: 0, iv: 0 });
  });

  it('reads the IV bands', () => {
    expect([0.01, 0.05, 0.2, 0.4, 0.6].map(ivBand)).toEqual(['useless', 'weak', 'medium', 'strong', 'suspicious']);
  });
});
