import { describe, expect, it } from 'vitest';
import { Rng } from '../random.ts';
import { auc, gini } from './auc.ts';
import { ks, ksDetail } from './ks.ts';

/** Pairwise definition of AUC, O(n²): the truth the rank formula must match. */
function bruteAuc(labels: number[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  labels.forEach((yi, i) => {
    if (yi !== 1) return;
    labels.forEach((yj, j) => {
      if (yj !== 0) return;
      pairs++;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('auc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 when all scores tie', () => {
    expect(auc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
    expect(auc([0, 0, 1, 1], [0.4, 0.3, 0.2, 0.1])).toBe(0);
    expect(auc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });

  it('matches the pairwise definition with many ties', () => {
    const rng = new Rng(7);
    const labels: number[] = [];
    const scores: number[] = [];
    for (let i = 0; i < 400; i++) {
      const y = rng.next() < 0.3 ? 1 : 0;
      labels.push(y);
      scores.push(Math.round((rng.next() + y * 0.4) * 8) / 8); // coarse: ties everywhere
    }
    expect(auc(labels, scores)).toBeCloseTo(bruteAuc(labels, scores), 12);
    expect(gini(labels, scores)).toBeCloseTo(2 * bruteAuc(labels, scores) - 1, 12);
  });

  it('refuses a single class or NaN scores', () => {
    expect(() => auc([1, 1], [0.2, 0.3])).toThrow(/both classes/);
    expect(() => auc([0, 1], [NaN, 0.3])).toThrow(/NaN/);
  });
});

describe('ks', () => {
  it('is the largest gap between the cumulative distributions', () => {
    expect(ks([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
    // goods at 1,2,3; bads at 2,4: after 1 → 1/3 vs 0; after 2 → 2/3 vs 1/2; after 3 → 1 vs 1/2.
    const detail = ksDetail([0, 0, 0, 1, 1], [1, 2, 3, 2, 4]);
    expect(detail.ks).toBeCloseTo(0.5, 12);
    expect(detail.threshold).toBe(3);
  });

  it('cannot split a tie', () => {
    expect(ks([0, 1, 0, 1], [1, 1, 1, 1])).toBe(0);
  });
});
