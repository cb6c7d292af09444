/**
 * The compiled tree program on hand-made trees that reach every kind of split: numeric with
 * missing values left or right, a threshold past the last edge (only missing can go right),
 * categories with missing on either side and unseen values, a stump; boosting and forest links.
 */
import { describe, expect, it } from 'vitest';
import type { Row } from '../data/frame.ts';
import { ensemblePd } from '../gbdt/predict.ts';
import type { TreeEnsemble } from '../gbdt/types.ts';
import { treeProgram } from './tree-program.ts';

const features: TreeEnsemble['features'] = [
  { feature: 'x', type: 'numeric', nBins: 5, uppers: [1, 2, 3] },
  { feature: 'c', type: 'categorical', nBins: 4, categories: [['a'], ['b'], ['z', 'y']], otherBin: 3 },
];

function model(kind: 'gbdt' | 'forest'): TreeEnsemble {
  return {
    kind,
    features,
    baseScore: kind === 'gbdt' ? -1.5 : 0,
    params: {},
    training: { rows: 0, trees: 4, validationLogLoss: [], bestIteration: 3, seconds: 0 },
    trees: [
      // x <= 2 (missing right) → [c <= 1 (missing left) → 0.1 | 0.2] | 0.3
      { feature: [0, 1, -1, -1, -1], threshold: [2, 1, 0, 0, 0], missingLeft: [false, true, false, false, false], left: [1, 2, -1, -1, -1], right: [4, 3, -1, -1, -1], value: [0, 0, 0.1, 0.2, 0.3] },
      // x <= bin 4, past the last edge: every value left, missing right
      { feature: [0, -1, -1], threshold: [4, 0, 0], missingLeft: [false, false, false], left: [1, -1, -1], right: [2, -1, -1], value: [0, -0.25, 0.5] },
      // c <= 2 with missing right → 0.05 | -0.05
      { feature: [1, -1, -1], threshold: [2, 0, 0], missingLeft: [false, false, false], left: [1, -1, -1], right: [2, -1, -1], value: [0, 0.05, -0.05] },
      { feature: [-1], threshold: [0], missingLeft: [false], left: [-1], right: [-1], value: [0.01] },
    ],
  };
}

const values = [null, 0.5, 1, 1.5, 2, 2.5, 3, 9, NaN];
const categories = [null, 'a', 'b', 'y', 'z', 'unseen'];
const rows: Row[] = values.flatMap((x) => categories.map((c) => ({ x, c })));

describe('the compiled tree program', () => {
  for (const kind of ['gbdt', 'forest'] as const) {
    it(`${kind}: gives the one-row scorer's PD, to the bit, for every kind of split`, () => {
      const m = model(kind);
      const program = treeProgram(m);
      expect(program.inputs.map((i) => [i.feature, i.edges ?? null])).toEqual([['x', [2]], ['c', null]]);
      const x = Float64Array.from(rows, (r) => (r.x === null ? NaN : (r.x as number)));
      const codes = Uint8Array.from(rows, (r) => (r.c === null ? 0 : r.c === 'a' ? 1 : r.c === 'b' ? 2 : 3));
      const pd = program.score([x, codes], rows.length);
      rows.forEach((row, i) => expect(pd[i]).toBe(ensemblePd(m, row)));
    });
  }

  it('scores a model of stumps (no inputs at all)', () => {
    const stumps = { ...model('gbdt'), trees: [model('gbdt').trees[3]] };
    const program = treeProgram(stumps);
    expect(program.inputs).toEqual([]);
    expect(Array.from(program.score([], 3))).toEqual([1, 2, 3].map(() => ensemblePd(stumps, {})));
  });
});
