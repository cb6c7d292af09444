/** The boosting leaf minimum follows the training rows (minLeafShare), with minSamplesLeaf as its floor. */
import { describe, expect, it } from 'vitest';
import { selectRows } from '../data/frame.ts';
import { syntheticCredit } from '../data/synthetic.ts';
import type { TreeEnsemble } from '../gbdt/types.ts';
import { fitModel } from './fit-model.ts';

const { data } = syntheticCredit({ rows: 1200, numeric: 6, categorical: 1, seed: 4 });
const train = selectRows(data, Uint32Array.from({ length: 1000 }, (_, i) => i));
const validation = selectRows(data, Uint32Array.from({ length: 200 }, (_, i) => 1000 + i));
const mostLeaves = (model: TreeEnsemble) => Math.max(...model.trees.map((t) => t.feature.filter((f) => f === -1).length));

describe('fitModel for gbdt', () => {
  it('keeps every leaf above the share of the training rows', () => {
    // Leaves of at least 300 of 1,000 rows: no tree can have more than three.
    const coarse = fitModel(train, validation, { algorithm: 'gbdt', parameters: { minLeafShare: 0.3, maxIterations: 20, earlyStoppingRounds: 20 } });
    expect(mostLeaves(coarse.model as TreeEnsemble)).toBeLessThanOrEqual(3);
    expect(coarse.parameters).toMatchObject({ minLeafShare: 0.3, minSamplesLeaf: 20 });
    // Without a share the floor of 20 rows rules and trees grow more leaves.
    const fine = fitModel(train, validation, { algorithm: 'gbdt', parameters: { minLeafShare: 0, maxIterations: 20, earlyStoppingRounds: 20 } });
    expect(mostLeaves(fine.model as TreeEnsemble)).toBeGreaterThan(3);
  });

  it('refuses a share outside [0, 0.5)', () => {
    expect(() => fitModel(train, validation, { algorithm: 'gbdt', parameters: { minLeafShare: 0.7 } })).toThrow(/minLeafShare: a number ≥ 0 and < 0.5; a share of the training rows \(got 0.7\)/);
  });
});
