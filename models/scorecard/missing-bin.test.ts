/** A missing bin never earns more points than the best observed bin, nor more than neutral evidence. */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/frame.ts';
import { Rng } from '../random.ts';
import { trainScorecard } from './train.ts';

function data(): Dataset {
  const rng = new Rng(5);
  const n = 3000;
  const x = new Float64Array(n);
  const z = new Float64Array(n);
  const target = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.next();
    z[i] = rng.next();
    target[i] = rng.next() < 1 / (1 + Math.exp(3 - 3 * x[i] - z[i])) ? 1 : 0;
    // 40 rows whose x is unknown, all of them good: by luck, not by evidence.
    if (i < 40) {
      x[i] = NaN;
      target[i] = 0;
    }
  }
  return { nRows: n, columns: [{ kind: 'numeric', name: 'x', values: x }, { kind: 'numeric', name: 'z', values: z }], target };
}

describe('the missing bin', () => {
  it('is capped at neutral WoE, below the best observed bin', () => {
    const card = trainScorecard(data(), { minIv: 0 });
    const x = card.characteristics.find((c) => c.feature === 'x')!;
    const missing = x.binning.bins.findIndex((bin) => bin.kind === 'missing');
    expect(x.binning.bins[missing].good).toBe(40);
    expect(x.binning.bins[missing].woe).toBeLessThanOrEqual(0);
    const observed = x.points.filter((_, b) => x.binning.bins[b].kind === 'range');
    expect(x.points[missing]).toBeLessThanOrEqual(Math.max(...observed));
  });
});
