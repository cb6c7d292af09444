/**
 * The warehouse training set: features at every monthly as-of date in the window joined to
 * their labels, keeping only rows whose 12 months are fully observed — a censored 12 months is
 * not a good outcome — and leaving out merchants already in default at the date. The simulator's true
 * PD at the month-end before each date rides along for the oracle when the truth is loaded.
 *
 * Targets: `is_exit_12m` — the merchant stops trading or closes within 12 months, the
 * event a credit line must survive and the one whose probability the truth's pd_12m gives, for
 * every merchant (up to voluntary closures, which the truth's PD leaves out: the oracle is therefore
 * also measured on the true failures); `default_12m` — 90+ days past due, listed as defaulted by
 * the bank, or an exit with a balance. Without a choice, `default_12m` when the bank's outcomes
 * list names a default (the bank has said what a default is, for every merchant it lists), else
 * `is_exit_12m` (a ledger's defaults reach only merchants with an Easy Loan line).
 *
 * A warehouse without the simulator's truth (a bank's own data) trains the same way, with no
 * oracle figures.
 *
 * @example
 *   const table = await loadWarehouseTable(db, { from: '2024-04-01', to: '2024-12-01' });
 */
import type { Database } from '../../engine/db/index.ts';
import { FEATURES_TABLE, LABELS_TABLE, OUTCOMES_TABLE, TRUTH_MERCHANTS_TABLE, TRUTH_MONTHS_TABLE, requireFeatureTables } from '../warehouse/tables.ts';
import type { LabelledTable } from './labelled-table.ts';
import { readLabelledTable } from './read-table.ts';

export const WAREHOUSE_TARGETS = ['is_exit_12m', 'default_12m'] as const;
export type WarehouseTarget = (typeof WAREHOUSE_TARGETS)[number];

export interface WarehouseTableOptions {
  from?: string;
  to?: string;
  target?: WarehouseTarget;
}

/**
 * Rows whose whole 12 months are observed. A default seen early in a date whose horizon is not
 * yet over is known, but its good neighbours are censored: keeping it would fill recent dates
 * with bads only, and those dates are exactly the out-of-time test.
 */
const HORIZON_OBSERVED = "l.label_status <> 'excluded' AND CAST(l.as_of_date + INTERVAL 12 MONTH AS DATE) - 1 <= l.observed_through";
const KNOWN_OUTCOME: Record<WarehouseTarget, string> = {
  default_12m: `${HORIZON_OBSERVED} AND l.label_status IN ('good', 'default')`,
  is_exit_12m: HORIZON_OBSERVED,
};

export async function loadWarehouseTable(db: Database, options: WarehouseTableOptions = {}): Promise<LabelledTable> {
  const target = options.target ?? (await defaultTarget(db));
  if (!WAREHOUSE_TARGETS.includes(target)) throw new Error(`target ${target} is not a warehouse label; use one of ${WAREHOUSE_TARGETS.join(', ')}`);
  await requireFeatureTables(db, true);
  const withTruth = await hasTruth(db);
  // The truth row of the month-end before the as-of date, if it is no older than a month.
  const truth = withTruth
    ? `ASOF LEFT JOIN ${TRUTH_MONTHS_TABLE} AS t ON t.merchant_id = f.merchant_id AND t.month_end_date < f.as_of_date
       LEFT JOIN ${TRUTH_MERCHANTS_TABLE} AS m ON m.merchant_id = f.merchant_id`
    : '';
  const truthColumns = withTruth
    ? `, CASE WHEN t.month_end_date >= f.as_of_date - 31 THEN t.pd_12m END AS "__truth_pd",
       m.failed_date >= f.as_of_date AND m.failed_date < CAST(f.as_of_date + INTERVAL 12 MONTH AS DATE) AS "__truth_failed"`
    : '';
  const params = { from: options.from ?? '0001-01-01', to: options.to ?? '9999-12-31' };
  await db.run(
    `CREATE OR REPLACE TEMP TABLE training_rows AS
     SELECT f.*, l.${target}${truthColumns}
     FROM ${FEATURES_TABLE} AS f
     JOIN ${LABELS_TABLE} AS l ON l.merchant_id = f.merchant_id AND l.as_of_date = f.as_of_date
     ${truth}
     WHERE f.as_of_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) AND ${KNOWN_OUTCOME[target]}
     ORDER BY f.as_of_date, f.merchant_id`,
    params,
  );
  const count = await db.one<{ n: number }>('SELECT count(*) AS n FROM training_rows');
  if (Number(count!.n) === 0) throw new Error(await emptyWindowMessage(db, options, target));
  return readLabelledTable(db, {
    relation: 'training_rows',
    target,
    positive: 'true',
    dateColumn: 'as_of_date',
    truthColumns: withTruth ? { pd: '__truth_pd', event: '__truth_failed' } : null,
    entityColumn: 'merchant_id',
    source: 'warehouse',
  });
}

/** The label trained on when none is asked for (see the module comment). */
export async function defaultTarget(db: Database): Promise<WarehouseTarget> {
  if (!(await db.exists(OUTCOMES_TABLE))) return 'is_exit_12m';
  const listed = await db.one<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${OUTCOMES_TABLE} WHERE event = 'default' LIMIT 1)`);
  return Number(listed!.n) > 0 ? 'default_12m' : 'is_exit_12m';
}

/** The truth is loaded, not merely declared: the warehouse creates its tables empty for every lake. */
async function hasTruth(db: Database): Promise<boolean> {
  if (!(await db.exists(TRUTH_MONTHS_TABLE)) || !(await db.exists(TRUTH_MERCHANTS_TABLE))) return false;
  const rows = await db.one<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${TRUTH_MONTHS_TABLE} LIMIT 1)`);
  return Number(rows!.n) > 0;
}

async function emptyWindowMessage(db: Database, options: WarehouseTableOptions, target: WarehouseTarget): Promise<string> {
  const window = `${options.from ?? 'the first date'} to ${options.to ?? 'the last'}`;
  const dates = await db.all<{ as_of_date: string; known: number }>(
    `SELECT CAST(l.as_of_date AS VARCHAR) AS as_of_date, count(*) FILTER (WHERE ${KNOWN_OUTCOME[target]}) AS known
     FROM ${LABELS_TABLE} AS l GROUP BY 1 ORDER BY 1`,
  );
  const usable = dates.filter((d) => Number(d.known) > 0).map((d) => d.as_of_date);
  const hint = usable.length > 0
    ? `labelled rows with a known outcome exist as of ${usable[0]} to ${usable[usable.length - 1]} (${usable.length} dates)`
    : 'no as-of date has a known outcome yet (every row is censored or excluded)';
  return `the training window ${window} is empty: no labelled rows with a known ${target}; ${hint}`;
}
