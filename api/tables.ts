/**
 * The tables the API writes, as the warehouse contract declares them (engine/warehouse/lines.ts):
 * the business date, the Easy Loan ledger and its writer's guard, the API's idempotency keys, the officers' audit
 * log and the jobs. Created on every start if missing; the lines of a warehouse served before the
 * one ledger are moved into it (lines/older-tables.ts); an audit log or jobs table created under an
 * older declaration (a column or an allowed value it lacks) is rebuilt under the current one, keeping its rows.
 */
import type { Database } from '../engine/db/index.ts';
import { moveOlderLineTables } from './lines/older-tables.ts';
import { AUDIT_LOG, BUSINESS_DATES, createTableSql, ensureTables, JOBS, LINE_EVENTS, LINE_HEADS, LINE_REQUESTS, type TableContract } from '../engine/warehouse/index.ts';

export async function ensureApiTables(db: Database): Promise<void> {
  await ensureTables(db, [BUSINESS_DATES, LINE_EVENTS, LINE_HEADS, LINE_REQUESTS, AUDIT_LOG, JOBS]);
  await moveOlderLineTables(db);
  // audit_log gained line actions and line_id (monitoring), jobs the monitor kind.
  for (const table of [AUDIT_LOG, JOBS]) if (await isOlder(db, table)) await rebuild(db, table);
}

/** True when the table lacks a declared column or a declared enum value in its CHECK. */
async function isOlder(db: Database, table: TableContract): Promise<boolean> {
  const columns = new Set((await db.all<{ column_name: string }>(
    `SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = $t`, { t: table.name },
  )).map((c) => c.column_name));
  if (table.declared.some((c) => !columns.has(c.name))) return true;
  const checks = (await db.all<{ text: string }>(
    `SELECT constraint_text AS text FROM duckdb_constraints() WHERE schema_name = 'main' AND table_name = $t AND constraint_type = 'CHECK'`, { t: table.name },
  )).map((c) => c.text).join('\n');
  return table.declared.some((c) => (c.values ?? []).some((v) => !checks.includes(`'${v}'`)));
}

/** The table under its current declaration, with every row it held (new columns null). */
async function rebuild(db: Database, table: TableContract): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run(`ALTER TABLE ${table.name} RENAME TO ${table.name}__older`);
    await tx.run(createTableSql(table));
    await tx.run(`INSERT INTO ${table.name} BY NAME SELECT * FROM ${table.name}__older`);
    await tx.run(`DROP TABLE ${table.name}__older`);
  });
}
