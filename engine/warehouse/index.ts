/**
 * The warehouse contract: every table the warehouse holds, declared once (table.ts). From it
 * come the DDL (ddl.ts), the data checks of every run and of `capillary check` (check.ts), the
 * README's table sections (readme.ts) and `capillary tables`.
 *
 * @example
 *   await ensureTables(db, [OFFERS, OFFER_RUNS]);
 *   const findings = await checkWarehouse(db);
 */
import type { Database, Params } from '../db/index.ts';
import { createTableSql, qualified } from './ddl.ts';
import { FEATURES } from './features.ts';
import { LAKE_CONTRACTS } from './lake.ts';
import { AUDIT_LOG, BUSINESS_DATES, JOBS, LINE_HEADS, LINE_REQUESTS } from './lines.ts';
import { INGEST_LOG, QUARANTINE, RUN_LOG } from './logs.ts';
import { LINE_SIGNALS, MONITORING_RUNS } from './monitoring.ts';
import { MODEL_EVENTS, MODEL_REGISTRY, SCORE_RUNS, SCORES } from './models.ts';
import { OFFER_RUNS, OFFERS } from './offers.ts';
import type { TableContract } from './table.ts';
import { CALENDAR_HOLIDAYS, DAILY_TURNOVER, LABELS, MONTHLY_TURNOVER, TURNOVER_FILES } from './turnover.ts';

export * from './table.ts';
export * from './ddl.ts';
export * from './features.ts';
export * from './lake.ts';
export * from './lines.ts';
export * from './logs.ts';
export * from './models.ts';
export * from './monitoring.ts';
export * from './offers.ts';
export * from './turnover.ts';
export * from './readme.ts';
export * from './check.ts';

/** Every table of the warehouse, in the order data flows. */
export const WAREHOUSE_TABLES: readonly TableContract[] = [
  ...Object.values(LAKE_CONTRACTS),
  INGEST_LOG,
  QUARANTINE,
  CALENDAR_HOLIDAYS,
  DAILY_TURNOVER,
  MONTHLY_TURNOVER,
  TURNOVER_FILES,
  FEATURES,
  LABELS,
  RUN_LOG,
  MODEL_REGISTRY,
  MODEL_EVENTS,
  SCORES,
  SCORE_RUNS,
  OFFERS,
  OFFER_RUNS,
  BUSINESS_DATES,
  LINE_HEADS,
  LINE_REQUESTS,
  AUDIT_LOG,
  LINE_SIGNALS,
  MONITORING_RUNS,
  JOBS,
];

export function tableNamed(name: string): TableContract {
  const table = WAREHOUSE_TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`no declared table '${name}' (tables: ${WAREHOUSE_TABLES.map((t) => t.name).join(', ')})`);
  return table;
}

/** Creates each of `tables` (declared `createdBy: 'ddl'`) that does not exist yet; safe on every open. */
export async function ensureTables(db: Database, tables: readonly TableContract[]): Promise<void> {
  for (const table of tables) {
    if (table.createdBy !== 'ddl') throw new Error(`table ${table.name} is built by its step's SQL, not created empty`);
    if (table.name.includes('.')) await db.run(`CREATE SCHEMA IF NOT EXISTS ${table.name.split('.')[0]}`);
    for (const statement of table.before ?? []) await db.run(statement);
    await db.run(createTableSql(table));
    for (const statement of table.after ?? []) await db.run(statement);
  }
}

/**
 * For fixtures and benchmarks: `table` created anew with the columns `select` gives (their types
 * from the declaration, never from the query), then filled from it. A column the contract does
 * not declare is refused.
 *
 * @example
 *   await createTableFrom(db, MONTHLY_TURNOVER, 'SELECT merchant_key, month_start, net_fen FROM ...');
 */
export async function createTableFrom(db: Database, table: TableContract, select: string, params?: Params): Promise<number> {
  const columns = (await db.all<{ column_name: string }>(`DESCRIBE ${select}`, params)).map((c) => c.column_name);
  if (table.name.includes('.')) await db.run(`CREATE SCHEMA IF NOT EXISTS ${table.name.split('.')[0]}`);
  await db.run(`DROP TABLE IF EXISTS ${qualified(table.name)}`);
  await db.run(createTableSql(table, { columns }));
  return db.run(`INSERT INTO ${qualified(table.name)} BY NAME ${select}`, params);
}
