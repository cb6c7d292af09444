/**
 * Reconciliation: rows read = rows loaded + rows quarantined + duplicates skipped, per table for
 * one ingest, and for the whole warehouse (each table holds exactly what the ingest log says
 * its files loaded).
 */
import type { Database } from '../../engine/db/index.ts';
import { WAREHOUSE_TABLE } from '../warehouse.ts';
import type { FileResult } from './load-batch.ts';

export interface TableTotals {
  table: string;
  files: number;
  read: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
}

export function tableTotals(results: FileResult[]): TableTotals[] {
  const byTable = new Map<string, TableTotals>();
  for (const result of results) {
    const totals = byTable.get(result.table) ?? { table: result.table, files: 0, read: 0, loaded: 0, quarantined: 0, duplicates: 0 };
    totals.files++;
    totals.read += result.read;
    totals.loaded += result.loaded;
    totals.quarantined += result.quarantined;
    totals.duplicates += result.duplicates;
    byTable.set(result.table, totals);
  }
  return [...byTable.values()];
}

/** One line per table: `payments  read 1,000 = loaded 990 + quarantined 8 + duplicates 2  ok`. */
export function formatReconciliation(totals: TableTotals[], unchanged = 0): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const lines = totals.map((t) => {
    const ok = t.read === t.loaded + t.quarantined + t.duplicates;
    return `${t.table.padEnd(22)} ${String(t.files).padStart(5)} files  read ${n(t.read)} = loaded ${n(t.loaded)} + quarantined ${n(t.quarantined)} + duplicates ${n(t.duplicates)}  ${ok ? 'ok' : 'MISMATCH'}`;
  });
  if (totals.length === 0) lines.push('nothing new to load');
  if (unchanged > 0) lines.push(`${n(unchanged)} file${unchanged === 1 ? '' : 's'} unchanged since the last ingest (skipped)`);
  return lines.join('\n');
}

export interface WarehouseMismatch {
  table: string;
  fileId: number | null;
  logged: number;
  present: number;
}

/** Files whose rows in the warehouse differ from what the ingest log says they loaded. */
export async function reconcileWithIngestLog(db: Database): Promise<WarehouseMismatch[]> {
  const mismatches: WarehouseMismatch[] = [];
  for (const table of Object.values(WAREHOUSE_TABLE)) {
    const rows = await db.all<{ file_id: number | null; logged: number; present: number }>(
      `WITH present AS (SELECT file_id, count(*) AS n FROM ${table} GROUP BY file_id),
            logged AS (SELECT file_id, rows_loaded AS n FROM ingest_log WHERE table_name = $table)
       SELECT coalesce(present.file_id, logged.file_id) AS file_id, coalesce(logged.n, 0) AS logged, coalesce(present.n, 0) AS present
       FROM present FULL JOIN logged ON present.file_id = logged.file_id
       WHERE coalesce(logged.n, 0) <> coalesce(present.n, 0)`,
      { table },
    );
    for (const row of rows) mismatches.push({ table, fileId: row.file_id, logged: Number(row.logged), present: Number(row.present) });
  }
  return mismatches;
}
