import { describe, expect, it } from 'vitest';
import { Rng } from '../random.ts';
import { wilsonInterval } from './binomial.ts';
import { calibration } from './calibration.ts';
import { liftTable } from './lift.ts';
import { brier, logLoss } from './probability.ts';

function simulate(n: number, seed: number, shift: number): { labels: Uint8Array; pd: Float64Array } {
  const rng = new Rng(seed);
  const labels = new Uint8Array(n);
  const pd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const truth = 1 / (1 + Math.exp(-(rng.normal() - 2)));
    labels[i] = rng.next() < truth ? 1 : 0;
    pd[i] = Math.min(0.999, truth * shift);
  }
  return { labels, pd };
}

describe('wilsonInterval', () => {
  it('bounds are the rates whose score test just accepts the observed rate', () => {
    const z = 1.959963984540054;
    const { lower, upper } = wilsonInterval(3, 100);
    for (const bound of [lower, upper]) expect(Math.abs(0.03 - bound)).toBeCloseTo(z * Math.sqrt((bound * (1 - bound)) / 100), 12);
    expect(lower).toBeCloseTo(0.01026, 4);
    expect(upper).toBeCloseTo(0.08452, 4);
    expect(wilsonInterval(0, 20).lower).toBe(0);
    expect(wilsonInterval(20, 20).upper).toBe(1);
  });
});

describe('calibration', () => {
  it('passes Hosmer–Lemeshow for true probabilities and fails when they are doubled', () => {
    const good = simulate(20_000, 1, 1);
    const result = calibration(good.labels, good.pd);
    expect(result.deciles).toHaveLength(10);
    expect(result.deciles.reduce((s, d) => s + d.n, 0)).toBe(20_000);
    expect(result.pValue).toBeGreaterThan(0.01);
    expect(result.groupsInside).toBeGreaterThanOrEqual(8);

    const bad = simulate(20_000, 1, 2);
    const off = calibration(bad.labels, bad.pd);
    expect(off.pValue).toBeLessThan(1e-6);
    expect(off.groupsInside).toBeLessThan(3);
  });
});

describe('lift and probability scores', () => {
  it('puts the riskiest decile first with lift above one and capture reaching 100%', () => {
    const { labels, pd } = simulate(5_000, 3, 1);
    const lift = liftTable(labels, pd);
    expect(lift[0].lift).toBeGreaterThan(2);
    expect(lift[9].lift).toBeLessThan(0.5);
    expect(lift[9].cumulativeCapture).toBeCloseTo(1, 12);
    expect(lift[0].minScore).toBeGreaterThanOrEqual(lift[1].maxScore);
  });

  it('Brier and log loss on hand-checked values', () => {
    expect(brier([0, 1], [0.2, 0.6])).toBeCloseTo((0.04 + 0.16) / 2, 15);
    expect(logLoss([0, 1], [0.2, 0.6])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 15);
    expect(Number.isFinite(logLoss([1], [0]))).toBe(true);
  });
});
