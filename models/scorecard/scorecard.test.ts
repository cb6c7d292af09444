import { describe, expect, it } from 'vitest';
import { rowAt, selectRows } from '../data/frame.ts';
import { loadGermanCredit } from '../data/german-credit.ts';
import { stratifiedSplit } from '../data/split.ts';
import { auc } from '../metrics/auc.ts';
import { pdFromScore, scaling, scoreFromPd } from './scaling.ts';
import { scoreRowDetail, scorecardPd, scoreScorecard } from './score.ts';
import { csiByCharacteristic } from './stability.ts';
import { formatScorecard, scorecardTable } from './table.ts';
import { trainScorecard } from './train.ts';

const data = loadGermanCredit();
const split = stratifiedSplit(data.target, 0.3, 2024);
const train = selectRows(data, split.train);
const test = selectRows(data, split.test);
const card = trainScorecard(train);

describe('scaling', () => {
  it('puts 600 at odds 50:1 and adds 20 points per doubling', () => {
    const s = scaling();
    expect(s.factor).toBeCloseTo(20 / Math.LN2, 12);
    expect(pdFromScore(s, 600)).toBeCloseTo(1 / 51, 14);
    expect(pdFromScore(s, 620)).toBeCloseTo(1 / 101, 14);
    expect(scoreFromPd(s, 1 / 51)).toBeCloseTo(600, 9);
  });
});

describe('scorecard on German Credit (70/30, seed 2024)', () => {
  it('discriminates out of sample like logistic regression is known to (AUC 0.75–0.80)', () => {
    const { pd } = scoreScorecard(card, test);
    const testAuc = auc(test.target, pd);
    expect(testAuc).toBeGreaterThan(0.72);
    expect(card.fit.converged).toBe(true);
    expect(card.fit.iterations).toBeLessThanOrEqual(10);
  });

  it('selects by IV and correlation, every coefficient negative, drops explained', () => {
    expect(card.characteristics.length).toBeGreaterThanOrEqual(5);
    expect(card.characteristics[0].feature).toBe('status_of_existing_checking_account');
    for (const c of card.characteristics) {
      expect(c.coefficient).toBeLessThan(0);
      expect(c.binning.iv).toBeGreaterThanOrEqual(0.02);
    }
    const dropped = new Map(card.dropped.map((d) => [d.feature, d.reason]));
    expect(dropped.get('foreign_worker')).toMatch(/single bin|IV/);
    expect(card.characteristics.length + card.dropped.length).toBe(20);
  });

  it('points rise with WoE and sum to a score whose PD is the logistic PD', () => {
    for (const c of card.characteristics) {
      const byWoe = c.binning.bins.map((b, k) => [b.woe, c.points[k]]).sort((a, b) => a[0] - b[0]);
      for (let k = 1; k < byWoe.length; k++) expect(byWoe[k][1]).toBeGreaterThanOrEqual(byWoe[k - 1][1] - 1e-9);
    }
    const row = rowAt(test, 0);
    const detail = scoreRowDetail(card, row);
    const eta = card.intercept + card.characteristics.reduce((s, c, j) => s + c.coefficient * c.binning.bins[detail.bins[j]].woe, 0);
    expect(detail.pd).toBeCloseTo(1 / (1 + Math.exp(-eta)), 12);
    expect(scorecardPd(card, row)).toBe(detail.pd);
    expect(scoreScorecard(card, test).pd[0]).toBeCloseTo(detail.pd, 14);
  });

  it('prints a readable table and scores missing or unseen values without failing', () => {
    const lines = scorecardTable(card);
    expect(lines.length).toBe(card.characteristics.reduce((s, c) => s + c.binning.bins.length, 0));
    const text = formatScorecard(card);
    expect(text).toContain('status_of_existing_checking_account');
    expect(text.split('\n')[0]).toContain('600 points at odds 50:1');
    const pd = scorecardPd(card, { status_of_existing_checking_account: 'never seen', duration_in_month: null });
    expect(pd).toBeGreaterThan(0);
    expect(pd).toBeLessThan(1);
  });

  it('reports stable characteristics between train and test', () => {
    for (const c of csiByCharacteristic(card, train, test)) expect(c.index).toBeLessThan(0.1);
  });
});
