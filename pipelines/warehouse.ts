/**
 * The warehouse's own tables: record tables derived from the engine's schemas (plus the id of
 * the file each row came from), the ingest log, the quarantine and the run log. Ground truth
 * lives apart, in the `truth` schema, which features, labels and models never read.
 *
 * @example
 *   await ensureWarehouse(db);
 */
import { columnsOf, quote, type Database } from '../engine/db/index.ts';
import { LAKE_TABLES, type LakeTable, type RecordSchema } from '../engine/schema/index.ts';

/** Where each lake table lands in the warehouse. */
export const WAREHOUSE_TABLE: Record<LakeTable, string> = {
  merchants: 'merchants',
  payments: 'payments',
  settlements: 'settlements',
  loan_events: 'loan_events',
  truth_months: 'truth.truth_months',
  truth_merchants: 'truth.truth_merchants',
};

export const INGEST_LOG_DDL = `CREATE TABLE IF NOT EXISTS ingest_log (
  file_id INTEGER NOT NULL,
  path VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  size_bytes BIGINT NOT NULL,
  modified_ms BIGINT NOT NULL,
  checksum VARCHAR NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_quarantined BIGINT NOT NULL,
  rows_duplicate BIGINT NOT NULL,
  loaded_at TIMESTAMP NOT NULL,
  duration_ms BIGINT NOT NULL
)`;

export const QUARANTINE_DDL = `CREATE TABLE IF NOT EXISTS quarantine (
  file_id INTEGER NOT NULL,
  source_file VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  source_row BIGINT NOT NULL,
  row_json JSON,
  reason VARCHAR NOT NULL,
  released_at TIMESTAMP
)`;

export const RUN_LOG_DDL = `CREATE TABLE IF NOT EXISTS run_log (
  run_id VARCHAR NOT NULL,
  step VARCHAR NOT NULL,
  as_of_date DATE,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL,
  duration_ms BIGINT NOT NULL,
  rows_out BIGINT,
  status VARCHAR NOT NULL CHECK (status IN ('ok', 'failed')),
  error VARCHAR,
  inputs VARCHAR
)`;

/** The warehouse's tables for the README: table, grain, written by. */
export function warehouseTables(features: number): [string, string, string][] {
  return [
    ['`merchants`, `payments`, `settlements`, `loan_events`', 'one row per valid record of the lake, with the `file_id` it came from', 'ingest'],
    ['`truth.truth_months`, `truth.truth_merchants`', 'as in the lake, in a schema that features, labels and models never read', 'ingest'],
    ['`ingest_log`', 'one row per loaded file: path, size, mtime, SHA-256, rows read / loaded / quarantined / duplicate', 'ingest'],
    ['`quarantine`', 'one row per rejected row: file, row number, the row as JSON, the reason, and when a recheck released it (null while held)', 'ingest'],
    ['`calendar_holidays`', 'one row per public holiday date', 'run (holidays)'],
    ['`daily_turnover`', 'one row per merchant_id per turnover_date with trading, from payments or settlements alike', 'run (turnover)'],
    ['`monthly_turnover`', 'one row per merchant per calendar month with trading: daily turnover summed, for long windows', 'run (turnover)'],
    ['`features`', `one row per merchant_id per as_of_date: the ${features} features below`, 'run (features), `capillary features`'],
    ['`labels`', 'one row per merchant_id per as_of_date: default within 12 months, or censored', 'run (labels)'],
    ['`run_log`', 'one row per step (and as-of date) run: timing, rows out, ok or failed, the inputs it read', 'run'],
  ];
}

/** The warehouse's integer for a merchant, given at ingest (ingest/merchant-keys.ts). */
const MERCHANT_KEY_COLUMN = 'merchant_key INTEGER NOT NULL';

/**
 * A warehouse loaded before merchants had keys gets them once, in merchant_id order (what ingest
 * would have given them loading the same registry).
 */
async function keyOlderMerchants(db: Database): Promise<void> {
  const has = await db.one(`SELECT count(*) AS n FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'merchants' AND column_name = 'merchant_key'`);
  if (Number(has?.n) > 0) return;
  // Rebuilt rather than altered: DuckDB cannot add a NOT NULL column to filled rows in place.
  await db.transaction(async (tx) => {
    await tx.run(recordTableSql('merchants__keyed', LAKE_TABLES.merchants.schema, [MERCHANT_KEY_COLUMN]));
    await tx.run(`INSERT INTO merchants__keyed BY NAME
      SELECT *, CAST(row_number() OVER (ORDER BY merchant_id) AS INTEGER) AS merchant_key FROM merchants`);
    await tx.run('DROP TABLE merchants');
    await tx.run('ALTER TABLE merchants__keyed RENAME TO merchants');
  });
}

/** Creates every warehouse table that does not exist yet; safe to call on every open. */
export async function ensureWarehouse(db: Database): Promise<void> {
  await db.run('CREATE SCHEMA IF NOT EXISTS truth');
  for (const [name, spec] of Object.entries(LAKE_TABLES) as [LakeTable, { schema: RecordSchema }][]) {
    const table = WAREHOUSE_TABLE[name];
    await db.run(recordTableSql(table, spec.schema, name === 'merchants' ? [MERCHANT_KEY_COLUMN] : []));
  }
  await keyOlderMerchants(db);
  await db.run(INGEST_LOG_DDL);
  await db.run(QUARANTINE_DDL);
  // When a rechecked row left the quarantine (null while held); older warehouses lack it.
  await db.run('ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS released_at TIMESTAMP');
  await db.run(RUN_LOG_DDL);
  // What a step read (JSON), which the build plan compares to judge freshness; older logs lack it.
  await db.run('ALTER TABLE run_log ADD COLUMN IF NOT EXISTS inputs VARCHAR');
}

/**
 * A record table as the warehouse keeps it: the schema's columns and types (as createTableSql
 * gives them), except that columns with a closed set of values are DuckDB ENUMs (read back as
 * text; stored in a byte, which makes loading and grouping payments several times faster), and
 * a `file_id` naming the ingested file each row came from.
 */
export function recordTableSql(table: string, schema: RecordSchema, extraColumns: string[] = []): string {
  const lines = columnsOf(schema).map((column) => {
    const type = column.values ? `ENUM(${column.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})` : column.sqlType;
    return `  ${quote(column.name)} ${type}${column.nullable ? '' : ' NOT NULL'}`;
  });
  for (const column of extraColumns) lines.push(`  ${column}`);
  lines.push('  file_id INTEGER NOT NULL');
  return `CREATE TABLE IF NOT EXISTS ${table} (\n${lines.join(',\n')}\n)`;
}

/** True when `table` (optionally 'schema.table') exists. */
export async function tableExists(db: Database, table: string): Promise<boolean> {
  const [schema, name] = table.includes('.') ? table.split('.') : ['main', table];
  const row = await db.one('SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = $schema AND table_name = $name', { schema, name });
  return Number(row?.n ?? 0) > 0;
}
