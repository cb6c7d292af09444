/**
 * The monitoring backtest on a small simulated book (the simulator through ingest and the plan):
 * its defaults and static loss are the ledger's own, lead times are ordered and never negative,
 * monitoring never adds to the loss of the defaulted lines, a policy that never warns changes
 * nothing, and one that freezes every line at once refuses every later draw.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parsePolicy, type CreditPolicy } from '../../engine/credit/index.ts';
import { Database } from '../../engine/db/index.ts';
import { buildSimulatedWarehouse } from '../offers/testing/offers-warehouse.ts';
import { tempDir } from '../testing/write-lake.ts';
import { monitoringBacktest, type MonitoringBacktestResult } from './monitoring-backtest.ts';

const dir = tempDir('capillary-monitoring-backtest-');
const FROM = '2022-07-01';
let db: Database;
let result: MonitoringBacktestResult;

/** The default policy with every signal's levels set by `levels`. */
function withLevels(levels: (signal: string) => [number | null, number | null, number | null]): CreditPolicy {
  const p = structuredClone(DEFAULT_POLICY);
  for (const s of p.monitoring.signals) [s.watch, s.reduce, s.freeze] = levels(s.signal);
  return parsePolicy(p);
}

beforeAll(async () => {
  db = await Database.open(join(dir, 'warehouse.duckdb'));
  await buildSimulatedWarehouse(db, dir, { merchants: 600, days: 900, asOfDates: ['2023-01-01'] });
  result = await monitoringBacktest(db, { asOfDate: FROM, stepDays: 14, modelId: null });
}, 300_000);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('monitoring backtest', () => {
  it('counts the ledger’s defaults and their principal outstanding', async () => {
    const ledger = await db.one<{ n: bigint; ead: bigint }>(
      `SELECT count(*) AS n, sum(balance_fen) AS ead FROM line_events
       WHERE event_type = 'defaulted' AND business_date > CAST($from AS DATE) AND business_date <= CAST($to AS DATE)`,
      { from: FROM, to: result.end_date },
    );
    expect(result.defaults).toBeGreaterThan(0);
    expect(result.defaults).toBe(Number(ledger!.n));
    expect(result.loss.static_ead_fen).toBe(Number(ledger!.ead));
    expect(result.loss.static_loss_fen).toBe(Math.round(0.45 * result.loss.static_ead_fen));
    expect(result.steps).toBe(Math.floor((Date.parse(result.end_date) - Date.parse(FROM)) / 86_400_000 / 14) + 1);
  });

  it('gives ordered lead times, never negative, and shares between 0 and 1', () => {
    for (const l of [result.all_signals, result.turnover_signals]) {
      expect(l.warned).toBeLessThanOrEqual(result.defaults);
      expect(l.p25_lead_days!).toBeGreaterThanOrEqual(0);
      expect(l.p25_lead_days!).toBeLessThanOrEqual(l.median_lead_days!);
      expect(l.median_lead_days!).toBeLessThanOrEqual(l.p75_lead_days!);
      expect(l.share_warned_30d).toBeGreaterThanOrEqual(0);
      expect(l.share_warned_30d).toBeLessThanOrEqual(l.warned / result.defaults);
      expect(l.share_of_warned_lines_defaulted).toBeLessThanOrEqual(1);
      // The first missed instalment comes before default: the warning leads it by less.
      expect(l.median_before_first_missed_days!).toBeLessThanOrEqual(l.median_lead_days!);
    }
    // Turnover is one of the signals: all signals warn at least as early and as often.
    expect(result.all_signals.warned).toBeGreaterThanOrEqual(result.turnover_signals.warned);
    for (const line of result.defaulted_lines) {
      if (line.first_warning) expect(line.first_warning <= (line.first_turnover_warning ?? '9999')).toBe(true);
    }
  });

  it('never adds to the loss of the lines that defaulted', () => {
    expect(result.loss.monitored_ead_fen).toBeLessThanOrEqual(result.loss.static_ead_fen);
    expect(result.loss.saved_fen).toBe(result.loss.static_loss_fen - result.loss.monitored_loss_fen);
    expect(result.loss.saved_fen).toBeGreaterThanOrEqual(0);
  });

  it('changes nothing under a policy that never warns', async () => {
    const silent = await monitoringBacktest(db, { asOfDate: FROM, stepDays: 14, modelId: null, policy: withLevels(() => [1e12, null, null]) });
    expect(silent.all_signals.warned).toBe(0);
    expect(silent.actions).toEqual({ watch: 0, reduce_limit: 0, freeze: 0, unfreeze: 0, increase_limit: 0 });
    expect(silent.loss.monitored_ead_fen).toBe(silent.loss.static_ead_fen);
    expect(silent.loss.blocked_on_good_lines_fen).toBe(0);
  });

  it('refuses every later draw when every line is frozen at once', async () => {
    // closed_days is never below 0: a freeze level of 0 freezes every open line at its first step.
    const frozen = await monitoringBacktest(db, {
      asOfDate: FROM, stepDays: 14, modelId: null, policy: withLevels((s) => (s === 'closed_days' ? [0, 0, 0] : [1e12, null, null])),
    });
    expect(frozen.actions.freeze).toBe(frozen.lines_monitored);
    expect(frozen.actions.unfreeze).toBe(0);
    expect(frozen.all_signals.warned).toBe(frozen.defaults);
    expect(frozen.loss.monitored_ead_fen).toBeLessThan(frozen.loss.static_ead_fen);
    expect(frozen.loss.blocked_on_good_lines_fen).toBeGreaterThan(result.loss.blocked_on_good_lines_fen);
  });
});
