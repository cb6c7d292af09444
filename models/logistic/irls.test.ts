import { describe, expect, it } from 'vitest';
import { Rng } from '../random.ts';
import { cholesky, choleskySolve } from './cholesky.ts';
import { fitLogistic, predictLogistic } from './irls.ts';

describe('cholesky', () => {
  it('factors and solves a known system', () => {
    const a = Float64Array.of(4, 12, -16, 12, 37, -43, -16, -43, 98);
    expect(Array.from(cholesky(a, 3)!)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
    const x = choleskySolve(a, Float64Array.of(1, 2, 3), 3, 0);
    const back = [0, 1, 2].map((i) => a[i * 3] * x[0] + a[i * 3 + 1] * x[1] + a[i * 3 + 2] * x[2]);
    back.forEach((v, i) => expect(v).toBeCloseTo([1, 2, 3][i], 9));
  });

  it('returns null for a matrix that is not positive definite', () => {
    expect(cholesky(Float64Array.of(1, 2, 2, 1), 2)).toBeNull();
  });
});

describe('fitLogistic', () => {
  it('recovers known coefficients in a few Newton steps', () => {
    const truth = { intercept: -1.5, coefficients: [0.8, -1.2, 0.3, 0] };
    const rng = new Rng(11);
    const n = 50_000;
    const columns = truth.coefficients.map(() => new Float64Array(n));
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const row = columns.map((c) => (c[i] = rng.normal()));
      y[i] = rng.next() < predictLogistic(truth, row) ? 1 : 0;
    }
    const fit = fitLogistic(columns, y);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThanOrEqual(8);
    expect(fit.intercept).toBeCloseTo(truth.intercept, 1);
    fit.coefficients.forEach((b, j) => {
      // Within 4 standard errors of the truth, and the errors themselves are small.
      expect(Math.abs(b - truth.coefficients[j])).toBeLessThan(4 * fit.standardErrors[j + 1]);
      expect(fit.standardErrors[j + 1]).toBeLessThan(0.03);
    });
  });

  it('survives perfectly separated data and duplicated columns', () => {
    const x = Float64Array.from({ length: 200 }, (_, i) => i / 100 - 1);
    const y = Uint8Array.from(x, (v) => (v > 0 ? 1 : 0));
    const free = fitLogistic([x], y, { maxIterations: 20 });
    expect(Number.isFinite(free.coefficients[0])).toBe(true);
    expect(free.coefficients[0]).toBeGreaterThan(10);
    const penalized = fitLogistic([x], y, { l2: 1 });
    expect(penalized.converged).toBe(true);
    const noisy = Uint8Array.from(x, (v, i) => (v > 0 !== (i % 7 === 0) ? 1 : 0));
    const twin = fitLogistic([x, x.slice()], noisy);
    expect(twin.coefficients[0] + twin.coefficients[1]).toBeCloseTo(fitLogistic([x], noisy).coefficients[0], 4);
  });

  it('refuses a single class', () => {
    expect(() => fitLogistic([Float64Array.of(1, 2)], [1, 1])).toThrow(/both classes/);
  });
});
