/**
 * The backtest on a real warehouse (the simulator's lake through ingest and the pipeline):
 * cutoff 0 approves nobody; approvals, defaults and lines never fall as the PD cutoff rises;
 * the figures add up against the offers the same policy writes; the frontier holds no
 * dominated point; and a warehouse without the truth is refused by name.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../engine/credit/index.ts';
import { Database } from '../../engine/db/index.ts';
import { sizeOffers } from '../offers/index.ts';
import { buildSimulatedWarehouse, FIXTURE_MODEL } from '../offers/testing/offers-warehouse.ts';
import { tempDir } from '../testing/write-lake.ts';
import { ensureWarehouse } from '../warehouse.ts';
import { backtest, type BacktestResult } from './index.ts';

const dir = tempDir('capillary-backtest-');
// A year of turnover before it, twelve months observed after it.
const AS_OF = '2023-01-01';
const CUTOFFS = [0, 0.02, 0.04, 0.06, 0.1, 0.2, 0.5, 1];
let db: Database;
let result: BacktestResult;

beforeAll(async () => {
  db = await Database.open(join(dir, 'warehouse.duckdb'));
  await buildSimulatedWarehouse(db, dir, { merchants: 150, days: 730, asOfDates: [AS_OF] });
  result = await backtest(db, { asOfDate: AS_OF, modelId: FIXTURE_MODEL, pdCutoffs: CUTOFFS });
}, 120_000);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backtest', () => {
  it('approves nobody at cutoff 0 and never fewer as the cutoff rises', () => {
    const [, ...byCutoff] = result.policies;
    expect(byCutoff.map((p) => p.max_pd)).toEqual(CUTOFFS);
    expect(byCutoff[0]).toMatchObject({ approved: 0, approval_rate: 0, defaults: 0, realised_loss_fen: 0, profit_fen: 0 });
    for (let k = 1; k < byCutoff.length; k++) {
      expect(byCutoff[k].approved).toBeGreaterThanOrEqual(byCutoff[k - 1].approved);
      expect(byCutoff[k].defaults).toBeGreaterThanOrEqual(byCutoff[k - 1].defaults);
      expect(byCutoff[k].passing_turnover_rules).toBe(byCutoff[0].passing_turnover_rules);
    }
    expect(byCutoff.at(-1)!.approved).toBeGreaterThan(byCutoff[1].approved);
    expect(byCutoff.at(-1)!.defaults).toBeGreaterThan(0);
  });

  it('adds up: against the offers the same policy writes, and within itself', async () => {
    const run = await sizeOffers(db, { asOfDate: AS_OF, modelId: FIXTURE_MODEL });
    const base = result.policies[0];
    expect(base.policy_version).toBe(DEFAULT_POLICY.version);
    expect(result.merchants).toBe(run.merchants);
    expect(base.approved).toBe(run.offers);
    expect(base.total_line_fen).toBe(run.summary.total_line_fen);
    expect(base.ead_fen).toBe(run.summary.total_ead_fen);
    expect(base.expected_loss_fen).toBe(run.summary.total_expected_loss_fen);
    for (const p of result.policies) {
      expect(p.defaults).toBeLessThanOrEqual(p.approved);
      expect(p.default_rate).toBeCloseTo(p.approved ? p.defaults / p.approved : 0, 12);
      expect(p.realised_loss_fen).toBeLessThanOrEqual(Math.round(DEFAULT_POLICY.expected_loss.lgd * p.ead_fen) + 1);
      expect(p.drawn_fen).toBeLessThanOrEqual(p.ead_fen);
      expect(p.profit_fen).toBe(p.revenue_fen - p.funding_cost_fen - p.operating_cost_fen - p.realised_loss_fen);
    }
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('marks a frontier no other policy dominates', () => {
    const frontier = result.policies.filter((p) => p.on_frontier);
    expect(frontier.length).toBeGreaterThan(0);
    for (const p of frontier) {
      const better = result.policies.filter((q) => q.approval_rate >= p.approval_rate && q.realised_loss_rate <= p.realised_loss_rate && (q.approval_rate > p.approval_rate || q.realised_loss_rate < p.realised_loss_rate));
      expect(better).toEqual([]);
    }
    for (const p of result.policies.filter((q) => !q.on_frontier)) {
      expect(result.policies.some((q) => q.approval_rate >= p.approval_rate && q.realised_loss_rate <= p.realised_loss_rate && q !== p)).toBe(true);
    }
  });

  it('refuses a warehouse without the truth, naming it', async () => {
    const bare = await Database.open(join(dir, 'bare.duckdb'));
    try {
      await expect(backtest(bare, { asOfDate: AS_OF })).rejects.toThrow(/has no rows in truth\.truth_merchants/);
      // A bank's own lake: the warehouse declares the truth tables, and they stay empty.
      await ensureWarehouse(bare);
      await expect(backtest(bare, { asOfDate: AS_OF })).rejects.toThrow(/has no rows in truth\.truth_merchants/);
    } finally {
      bare.close();
    }
  });
});
