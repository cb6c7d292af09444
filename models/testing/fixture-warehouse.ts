/**
 * A small warehouse for tests, with the tables models/ reads as pipelines/ builds them:
 * `features` (merchant_id, as_of_date and a few numeric, boolean and text features), `labels`
 * (label_status, default_12m, is_exit_12m, observed_through...) and the simulator's truth
 * (`truth.truth_months`, `truth.truth_merchants`). Rows come from syntheticCredit, so the true
 * PD is known; monthly as-of dates make an out-of-time split possible. The last date's labels
 * are censored, as a recent date's are.
 *
 * @example
 *   await buildFixtureWarehouse(db, { merchants: 300, dates: ['2024-01-01', '2024-02-01', ...] });
 */
import type { Database } from '../../engine/db/index.ts';
import { syntheticCredit } from '../data/synthetic.ts';

export interface FixtureOptions {
  merchants: number;
  /** Monthly as-of dates, first of the month; the last one's outcomes are censored. */
  dates: string[];
  seed?: number;
}

export async function buildFixtureWarehouse(db: Database, options: FixtureOptions): Promise<void> {
  const { merchants, dates, seed = 1 } = options;
  const n = merchants * dates.length;
  const { data, truePd } = syntheticCredit({ rows: n, numeric: 5, categorical: 1, seed });
  const ids: string[] = [];
  const asOf: string[] = [];
  for (const date of dates) for (let m = 0; m < merchants; m++) {
    ids.push(`M${String(m + 1).padStart(8, '0')}`);
    asOf.push(date);
  }
  const [x0, x1, x2, x3, x4] = data.columns.slice(0, 5).map((c) => c.values as Float64Array);
  const segment = data.columns[5].values as (string | null)[];
  await db.run(`CREATE OR REPLACE TABLE features (merchant_id VARCHAR, as_of_date DATE, turnover_30d_fen BIGINT, growth_30d DOUBLE,
    cv_daily_90d DOUBLE, trend_90d DOUBLE, tenure_days INTEGER, has_open_line BOOLEAN, segment VARCHAR)`);
  await db.append('features', {
    merchant_id: ids,
    as_of_date: asOf,
    turnover_30d_fen: Array.from(x0, (v) => Math.round(1_000_000 * Math.exp(v))),
    growth_30d: Array.from(x1, nullable),
    cv_daily_90d: Array.from(x2, nullable),
    trend_90d: Array.from(x3, nullable),
    tenure_days: Array.from(x4, (v) => Math.max(30, Math.round(400 + 200 * v))),
    has_open_line: Array.from(x4, (v) => v > 0.5),
    segment,
  });
  const last = dates[dates.length - 1];
  const status = Array.from(data.target, (y, i) => (asOf[i] === last && y === 0 ? 'censored' : y === 1 ? 'default' : 'good'));
  await db.run(`CREATE OR REPLACE TABLE labels (merchant_id VARCHAR, as_of_date DATE, label_status VARCHAR, default_12m BOOLEAN,
    is_censored BOOLEAN, is_exit_12m BOOLEAN, observed_through DATE)`);
  const observed = new Date(Date.parse(`${dates[dates.length - 2] ?? last}T00:00:00Z`) + 366 * 86_400_000).toISOString().slice(0, 10);
  await db.append('labels', {
    merchant_id: ids,
    as_of_date: asOf,
    label_status: status,
    default_12m: status.map((s) => (s === 'censored' ? null : s === 'default')),
    is_censored: status.map((s) => s === 'censored'),
    is_exit_12m: Array.from(data.target, (y) => y === 1),
    observed_through: asOf.map(() => observed),
  });
  await db.run('CREATE SCHEMA IF NOT EXISTS truth');
  await db.run('CREATE OR REPLACE TEMP TABLE fixture_truth (merchant_id VARCHAR, month_end_date DATE, health_state VARCHAR, pd_12m DOUBLE)');
  await db.append('fixture_truth', {
    merchant_id: ids,
    month_end_date: asOf.map((d) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)),
    health_state: ids.map(() => 'healthy'),
    pd_12m: truePd,
  });
  await db.run('CREATE OR REPLACE TABLE truth.truth_months AS SELECT * FROM fixture_truth');
  await db.run('DROP TABLE fixture_truth');
  await db.run(`CREATE OR REPLACE TABLE truth.truth_merchants AS
    SELECT merchant_id, 1.0 AS frailty, 1.0 AS size_factor, min(as_of_date) FILTER (WHERE is_exit_12m) + 10 AS failed_date, CAST(NULL AS DATE) AS closed_date
    FROM labels GROUP BY merchant_id`);
}

function nullable(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
