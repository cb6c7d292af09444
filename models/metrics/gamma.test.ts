import { describe, expect, it } from 'vitest';
import { chiSquareCdf, chiSquarePValue, logGamma, regularizedGammaP } from './gamma.ts';

describe('gamma and chi-square', () => {
  it('logGamma matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
  });

  it('P(1, x) = 1 − e^−x on both sides of the series/fraction switch', () => {
    for (const x of [0.1, 1, 1.9, 2.1, 10, 40]) expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 13);
  });

  it('chi-square quantiles from the tables', () => {
    expect(chiSquareCdf(3.841458820694124, 1)).toBeCloseTo(0.95, 12);
    expect(chiSquareCdf(15.507313055865453, 8)).toBeCloseTo(0.95, 12);
    expect(chiSquarePValue(20.090235029663233, 8)).toBeCloseTo(0.01, 12);
    expect(chiSquarePValue(0, 8)).toBe(1);
  });
});
