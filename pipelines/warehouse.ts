/**
 * The warehouse tables ingest and the runner write into, created from the contract
 * (engine/warehouse): the lake's records (with the `file_id` each came from), the ingest log,
 * the quarantine and the run log. Ground truth lives apart, in the `truth` schema, which
 * features, labels and models never read.
 *
 * @example
 *   await ensureWarehouse(db);
 */
import { columnsOf, type Database } from '../engine/db/index.ts';
import { LAKE_TABLES, type LakeTable } from '../engine/schema/index.ts';
import { BUSINESS_DATES, createTableSql, ensureTables, INGEST_LOG, LAKE_CONTRACTS, LINE_HEADS, MERCHANTS, QUARANTINE, RUN_LOG } from '../engine/warehouse/index.ts';

/** Where each lake table lands in the warehouse. */
export const WAREHOUSE_TABLE = Object.fromEntries(
  Object.entries(LAKE_CONTRACTS).map(([lake, table]) => [lake, table.name]),
) as Record<LakeTable, string>;

/**
 * The lake record's columns the warehouse keeps, in the record's order: the whole record but for
 * what the contract leaves in the lake (the payments' one-time token).
 */
export function storedColumns(table: LakeTable): string[] {
  const kept = new Set(LAKE_CONTRACTS[table].declared.map((column) => column.name));
  return columnsOf(LAKE_TABLES[table].schema).map((column) => column.name).filter((name) => kept.has(name));
}

/** Creates every table ingest and the runner write that does not exist yet; safe to call on every open. */
export async function ensureWarehouse(db: Database): Promise<void> {
  await keyOlderMerchants(db);
  await ensureTables(db, [...Object.values(LAKE_CONTRACTS), BUSINESS_DATES, LINE_HEADS, INGEST_LOG, QUARANTINE, RUN_LOG]);
  // What a step read (JSON), which the build plan compares to judge freshness; older logs lack it.
  await db.run('ALTER TABLE run_log ADD COLUMN IF NOT EXISTS inputs VARCHAR');
  // When a rechecked row left the quarantine (null while held); older warehouses lack it.
  await db.run('ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS released_at TIMESTAMP');
  // Older warehouses kept the payments' one-time token, which only the lake keeps now (altered
  // only when there, so an open never alters the table a concurrent ingest writes).
  const token = await db.one(`SELECT count(*) AS n FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'payments' AND column_name = 'payment_token'`);
  if (Number(token?.n) > 0) await db.run('ALTER TABLE payments DROP COLUMN payment_token');
}

/**
 * A warehouse loaded before merchants had keys gets them once, in merchant_id order (what ingest
 * would have given them loading the same registry).
 */
async function keyOlderMerchants(db: Database): Promise<void> {
  if (!(await db.exists('merchants'))) return;
  const has = await db.one(`SELECT count(*) AS n FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'merchants' AND column_name = 'merchant_key'`);
  if (Number(has?.n) > 0) return;
  // Rebuilt rather than altered: DuckDB cannot add a NOT NULL column to filled rows in place.
  await db.transaction(async (tx) => {
    await tx.run('ALTER TABLE merchants RENAME TO merchants__unkeyed');
    await tx.run(createTableSql(MERCHANTS));
    await tx.run(`INSERT INTO merchants BY NAME
      SELECT *, CAST(row_number() OVER (ORDER BY merchant_id) AS INTEGER) AS merchant_key FROM merchants__unkeyed`);
    await tx.run('DROP TABLE merchants__unkeyed');
  });
}
