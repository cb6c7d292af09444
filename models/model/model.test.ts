import { describe, expect, it } from 'vitest';
import { rowAt, selectRows } from '../data/frame.ts';
import { loadGermanCredit } from '../data/german-credit.ts';
import { stratifiedSplit } from '../data/split.ts';
import { trainForest } from '../gbdt/forest.ts';
import { trainGbdt } from '../gbdt/boost.ts';
import { trainScorecard } from '../scorecard/train.ts';
import { compilePdSql, modelFeatures, parseModel, scoreDataset, scoreRow, serializeModel, usedFeatures, type Model } from './model.ts';

const data = loadGermanCredit();
const split = stratifiedSplit(data.target, 0.3, 11);
const train = selectRows(data, split.train);
const test = selectRows(data, split.test);

const models: Model[] = [
  trainScorecard(train),
  trainGbdt(train, { maxIterations: 30, maxLeaves: 8, seed: 5 }),
  trainForest(train, { trees: 15, maxDepth: 6, seed: 5 }),
];

describe('model files', () => {
  for (const model of models) {
    it(`${model.kind}: reloads and scores every row identically`, () => {
      const again = parseModel(serializeModel(model));
      expect(again).toEqual(model);
      const before = scoreDataset(model, test);
      const after = scoreDataset(again, test);
      for (let i = 0; i < test.nRows; i++) {
        expect(after[i]).toBe(before[i]);
        expect(scoreRow(again, rowAt(test, i))).toBe(scoreRow(model, rowAt(test, i)));
      }
      expect(compilePdSql(again)).toBe(compilePdSql(model));
    });
  }

  it('names the features a model reads', () => {
    expect(modelFeatures(models[0])).toContain('status_of_existing_checking_account');
    expect(modelFeatures(models[1])).toHaveLength(20);
    expect(usedFeatures(models[1]).length).toBeLessThanOrEqual(20);
  });

  it('rejects a file that is not a model, naming the bad field', () => {
    expect(() => parseModel('{')).toThrow(/not JSON/);
    expect(() => parseModel(JSON.stringify({ format: 'capillary.model', version: 2, model: models[0] }))).toThrow(/version/);
    const broken = JSON.parse(serializeModel(models[1]));
    broken.model.trees[0].value.pop();
    expect(() => parseModel(JSON.stringify(broken))).toThrow(/invalid/);
  });
});
