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
import { SEGMENTS } from '../../engine/schema/index.ts';
import { createTableSql, FEATURES, LABELS, TRUTH_MERCHANTS, TRUTH_MONTHS, type TableContract } from '../../engine/warehouse/index.ts';
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
  // The synthetic levels a…f named as segments in the same sorted order (features.segment is the registry's ENUM).
  const segments = [...SEGMENTS].sort();
  const segment = (data.columns[5].values as (string | null)[]).map((level) => (level === null ? null : segments['abcdef'.indexOf(level)]));
  const features = {
    merchant_id: ids,
    as_of_date: asOf,
    turnover_30d_fen: Array.from(x0, (v) => Math.round(1_000_000 * Math.exp(v))),
    growth_30d: Array.from(x1, nullable),
    cv_daily_90d: Array.from(x2, nullable),
    trend_90d: Array.from(x3, nullable),
    tenure_days: Array.from(x4, (v) => Math.max(30, Math.round(400 + 200 * v))),
    has_open_line: Array.from(x4, (v) => v > 0.5),
    segment,
  };
  await createAnew(db, FEATURES, Object.keys(features));
  await db.append('features', features);
  const last = dates[dates.length - 1];
  const status = Array.from(data.target, (y, i) => (asOf[i] === last && y === 0 ? 'censored' : y === 1 ? 'default' : 'good'));
  const observed = new Date(Date.parse(`${dates[dates.length - 2] ?? last}T00:00:00Z`) + 366 * 86_400_000).toISOString().slice(0, 10);
  const labels = {
    merchant_id: ids,
    as_of_date: asOf,
    label_status: status,
    default_12m: status.map((s) => (s === 'censored' ? null : s === 'default')),
    is_censored: status.map((s) => s === 'censored'),
    is_exit_12m: Array.from(data.target, (y) => y === 1),
    observed_through: asOf.map(() => observed),
  };
  await createAnew(db, LABELS, Object.keys(labels));
  await db.append('labels', labels);
  await db.run('CREATE SCHEMA IF NOT EXISTS truth');
  const truthMonths = {
    merchant_id: ids,
    month_end_date: asOf.map((d) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)),
    health_state: ids.map(() => 'healthy'),
    pd_12m: truePd,
  };
  // The appender takes a table of the main schema: the rows go through a like-typed temp table.
  await createAnew(db, TRUTH_MONTHS, Object.keys(truthMonths));
  await db.run('CREATE OR REPLACE TEMP TABLE fixture_truth AS SELECT * FROM truth.truth_months LIMIT 0');
  await db.append('fixture_truth', truthMonths);
  await db.run('INSERT INTO truth.truth_months SELECT * FROM fixture_truth; DROP TABLE fixture_truth');
  await createAnew(db, TRUTH_MERCHANTS, ['merchant_id', 'frailty', 'size_factor', 'failed_date', 'closed_date']);
  await db.run(`INSERT INTO truth.truth_merchants BY NAME
    SELECT merchant_id, 1.0 AS frailty, 1.0 AS size_factor, min(as_of_date) FILTER (WHERE is_exit_12m) + 10 AS failed_date, CAST(NULL AS DATE) AS closed_date
    FROM labels GROUP BY merchant_id`);
}

/** `table` as the contract declares it, with only the columns the fixture fills, replacing any earlier one. */
async function createAnew(db: Database, table: TableContract, columns: string[]): Promise<void> {
  await db.run(`DROP TABLE IF EXISTS ${table.name}`);
  await db.run(createTableSql(table, { columns }));
}

function nullable(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
