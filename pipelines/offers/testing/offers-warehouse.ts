/**
 * A small warehouse for offers and backtest tests: a seeded small lake (pipelines/testing)
 * loaded and run through the build plan's data steps (turnover, features, labels) at the given
 * as-of dates, then PDs in `scores` from a fixed logistic formula over two features, under the model
 * id `fixture-pd` (a model kept outside the registry, so without reason codes). The formula
 * spreads PDs across every policy band, which is all these tests need of a model.
 *
 * @example
 *   const rows = await buildOffersWarehouse(db, { asOfDates: ['2024-03-01'] });
 */
import { join } from 'node:path';
import { cstTimestamp, type Database } from '../../../engine/db/index.ts';
import { simulate } from '../../../engine/simulator/index.ts';
import { ensureScoreTables } from '../../../models/index.ts';
import { buildWarehouse } from '../../build-warehouse.ts';
import { runPlan } from '../../runner.ts';
import { loadRows } from '../../testing/load-rows.ts';
import { smallLake } from '../../testing/small-lake.ts';
import type { LakeRows } from '../../testing/write-lake.ts';

export const FIXTURE_MODEL = 'fixture-pd';

export interface OffersWarehouseOptions {
  asOfDates: string[];
  merchants?: number;
  seed?: number;
  /** Load only what the bank would have had on the eve of this date. */
  cutAt?: string;
}

export async function buildOffersWarehouse(db: Database, options: OffersWarehouseOptions): Promise<Required<LakeRows>> {
  const rows = smallLake({ merchants: options.merchants ?? 80, days: 520, start: '2023-01-01', seed: options.seed ?? 5, grain: 'settlement' });
  await loadRows(db, options.cutAt ? cutAt(rows, options.cutAt) : rows);
  await runPlan(db, { asOfDates: options.asOfDates, through: options.cutAt ? 'features' : 'labels' });
  await fixtureScores(db);
  return rows;
}

/**
 * A warehouse from the real simulator (with its evaluation files, for backtests): `merchants`
 * over `days` from 2022-01-01, ingested and run at the as-of dates, scored like the above.
 */
export async function buildSimulatedWarehouse(db: Database, dir: string, options: { merchants: number; days: number; asOfDates: string[] }): Promise<void> {
  const lake = join(dir, 'lake');
  await simulate({ merchants: options.merchants, days: options.days, start: '2022-01-01', seed: 3, grain: 'settlement', out: lake });
  await buildWarehouse(db, { lake, through: 'labels', asOfDates: options.asOfDates });
  await fixtureScores(db);
}

/** PDs of every features row into `scores` under FIXTURE_MODEL, one score run per as-of date. */
export async function fixtureScores(db: Database): Promise<void> {
  await ensureScoreTables(db);
  await db.run(
    `INSERT INTO scores
     SELECT merchant_id, as_of_date, $model_id, 1 / (1 + exp(4.2 - 2.5 * coalesce(cv_daily_90d, 1) - 0.004 * coalesce(longest_gap_365d, 0))), NULL,
       'fixture-' || CAST(as_of_date AS VARCHAR)
     FROM features`,
    { model_id: FIXTURE_MODEL },
  );
  await db.run(
    `INSERT INTO score_runs
     SELECT run_id, $model_id, as_of_date, 'sql', count(*), 0, CAST($scored_at AS TIMESTAMP) FROM scores WHERE model_id = $model_id GROUP BY ALL`,
    { model_id: FIXTURE_MODEL, scored_at: cstTimestamp() },
  );
}

/** What the bank's systems would have exported on the eve of `asOf` (evaluation data left out). */
export function cutAt(rows: Required<LakeRows>, asOf: string): LakeRows {
  return {
    merchants: rows.merchants
      .filter((m) => m.onboarded_date < asOf)
      .map((m) => (m.closed_date && m.closed_date < asOf ? m : { ...m, status: 'active' as const, closed_date: null })),
    settlements: rows.settlements.filter((s) => s.settlement_date < asOf),
    line_events: rows.line_events.filter((e) => e.business_date < asOf),
  };
}
