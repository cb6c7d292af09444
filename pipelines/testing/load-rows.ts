/**
 * Test helper: puts record rows straight into a warehouse's tables (file_id 0), skipping ingest,
 * for tests of the steps after it that need long histories (a year of days would be a year of
 * files to ingest).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { castSelectList, columnsOf, quote, type Database } from '../../engine/db/index.ts';
import { LAKE_TABLES, type LakeTable } from '../../engine/schema/index.ts';
import { forgetMerchantKeys, rememberMerchantKeys, withMerchantKeys } from '../ingest/merchant-keys.ts';
import { ensureWarehouse, storedColumns, WAREHOUSE_TABLE } from '../warehouse.ts';
import { tempDir, type LakeRows } from './write-lake.ts';

/**
 * `fileId` null: rows as the warehouse's own writers leave them (ledger events of the API,
 * officers, monitoring), not from any file.
 */
export async function loadRows(db: Database, rows: LakeRows, options: { fileId?: 0 | null } = {}): Promise<void> {
  await ensureWarehouse(db);
  const dir = tempDir('capillary-rows-');
  try {
    for (const table of Object.keys(rows) as LakeTable[]) {
      const list = rows[table];
      if (!list || list.length === 0) continue;
      const file = join(dir, `${table}.json`);
      writeFileSync(file, list.map((row) => JSON.stringify(row)).join('\n'));
      const { schema } = LAKE_TABLES[table];
      const columns = columnsOf(schema).map((c) => `'${c.name}': '${c.sqlType}'`).join(', ');
      const typed = `(SELECT ${castSelectList(schema)} FROM read_json($file, format = 'newline_delimited', columns = {${columns}}))`;
      const relation = `(SELECT ${storedColumns(table).map(quote).join(', ')}, ${options.fileId === null ? 'CAST(NULL AS INTEGER)' : '0'} AS file_id FROM ${typed}) AS rows`;
      if (table === 'merchants') await rememberMerchantKeys(db);
      await db.run(`INSERT INTO ${WAREHOUSE_TABLE[table]} BY NAME ${table === 'merchants' ? withMerchantKeys(relation) : `SELECT * FROM ${relation}`}`, { file });
      if (table === 'merchants') await forgetMerchantKeys(db);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
