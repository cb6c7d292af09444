import { describe, expect, it } from 'vitest';
import { syntheticCredit } from '../data/synthetic.ts';
import { Rng } from '../random.ts';
import { featureStability } from './feature-stability.ts';
import { csi, psi, stabilityIndex, stabilityVerdict } from './stability.ts';

function normals(n: number, seed: number, mean: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => mean + rng.normal());
}

describe('stability', () => {
  it('PSI is near zero for the same population and large for a shifted one', () => {
    const reference = normals(20_000, 1, 0);
    const same = psi(reference, normals(20_000, 2, 0));
    expect(same.index).toBeLessThan(0.01);
    expect(same.verdict).toBe('stable');
    expect(same.bins).toHaveLength(10);
    expect(same.bins[0].expectedShare).toBeCloseTo(0.1, 3);

    const moved = psi(reference, normals(20_000, 3, 0.8));
    expect(moved.index).toBeGreaterThan(0.25);
    expect(moved.verdict).toBe('shift');
  });

  it('computes the textbook sum and reads the bands', () => {
    const result = stabilityIndex([50, 50], [40, 60]);
    expect(result.index).toBeCloseTo((0.4 - 0.5) * Math.log(0.4 / 0.5) + (0.6 - 0.5) * Math.log(0.6 / 0.5), 14);
    expect(stabilityVerdict(0.09)).toBe('stable');
    expect(stabilityVerdict(0.1)).toBe('monitor');
    expect(stabilityVerdict(0.25)).toBe('shift');
  });

  it('CSI counts bin codes and survives an empty bin', () => {
    const result = csi([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 1], 3);
    expect(Number.isFinite(result.index)).toBe(true);
    expect(result.index).toBeGreaterThan(0.25);
  });
});

describe('feature stability', () => {
  it('flags a numeric feature that moved and a category that appeared', () => {
    const before = syntheticCredit({ rows: 10_000, numeric: 3, categorical: 1, seed: 1 }).data;
    const after = syntheticCredit({ rows: 10_000, numeric: 3, categorical: 1, seed: 2 }).data;
    const x0 = after.columns[0].values as Float64Array;
    for (let i = 0; i < x0.length; i++) x0[i] += 1;
    const c0 = after.columns[3].values as (string | null)[];
    for (let i = 0; i < c0.length; i += 3) c0[i] = 'new';
    const result = Object.fromEntries(featureStability(before, after).map((f) => [f.feature, f.verdict]));
    expect(result).toEqual({ x0: 'shift', x1: 'stable', x2: 'stable', c0: 'shift' });
  });
});
