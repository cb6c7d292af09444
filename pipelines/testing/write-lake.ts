/**
 * Test fixtures: writes record rows as a lake laid out like the simulator's (Hive folders per
 * day for payments and settlements, one file for the others, `_SUCCESS.json` last), through
 * DuckDB COPY. Rows are written as the schemas type them; to write values a schema forbids,
 * use `writeCsv`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { castSelectList, columnsOf, Database, writeParquet } from '../../engine/db/index.ts';
import {
  LAKE_TABLES,
  type LakeTable,
  type LineEvent,
  type Merchant,
  type Outcome,
  type Payment,
  type Settlement,
  type TruthMerchant,
  type TruthMonth,
} from '../../engine/schema/index.ts';

export interface LakeRows {
  merchants?: Merchant[];
  payments?: Payment[];
  settlements?: Settlement[];
  line_events?: LineEvent[];
  outcomes?: Outcome[];
  truth_months?: TruthMonth[];
  truth_merchants?: TruthMerchant[];
}

const SINGLE_FILE: Record<LakeTable, string> = {
  merchants: 'merchants/merchants.parquet',
  payments: '',
  settlements: '',
  line_events: 'line_events/line_events.parquet',
  outcomes: 'outcomes/outcomes.parquet',
  truth_months: 'truth/truth_months.parquet',
  truth_merchants: 'truth/truth_merchants.parquet',
};

/** A fresh folder under the OS temp folder; remove it with `rmSync(dir, { recursive: true })`. */
export function tempDir(prefix = 'capillary-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function writeLake(out: string, rows: LakeRows, options: { finished?: boolean } = {}): Promise<void> {
  const db = await Database.open(':memory:');
  try {
    for (const table of Object.keys(rows) as LakeTable[]) {
      const list = rows[table];
      if (!list || list.length === 0) continue;
      await stageRows(db, table, list as Record<string, unknown>[]);
      const { partitionBy, schema } = LAKE_TABLES[table];
      if (partitionBy) {
        const folder = join(out, table);
        await writeParquet(db, `SELECT ${castSelectList(schema)} FROM staged_${table}`, folder, { partitionBy, filenamePattern: 'data_{i}' });
      } else {
        const file = join(out, SINGLE_FILE[table]);
        mkdirSync(dirname(file), { recursive: true });
        await writeParquet(db, `SELECT ${castSelectList(schema)} FROM staged_${table}`, file);
      }
    }
  } finally {
    db.close();
  }
  const counts = Object.fromEntries(Object.entries(rows).filter(([, list]) => list && list.length > 0).map(([table, list]) => [table, list!.length]));
  if (options.finished ?? true) writeFileSync(join(out, '_SUCCESS.json'), JSON.stringify({ written_by: 'pipelines/testing', rows: counts }));
}

/** Rows of one lake table into an in-memory table `staged_<table>` (through newline JSON). */
async function stageRows(db: Database, table: LakeTable, list: Record<string, unknown>[]): Promise<void> {
  const dir = tempDir('capillary-rows-');
  try {
    const file = join(dir, 'rows.json');
    writeFileSync(file, list.map((row) => JSON.stringify(row)).join('\n'));
    const columns = columnsOf(LAKE_TABLES[table].schema).map((c) => `'${c.name}': '${c.sqlType}'`).join(', ');
    await db.run(`CREATE OR REPLACE TABLE staged_${table} AS SELECT * FROM read_json($file, format = 'newline_delimited', columns = {${columns}})`, { file });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes rows as CSV text exactly as given (values may break the schema on purpose). */
export function writeCsv(file: string, header: string[], rows: (string | number | boolean | null)[][]): void {
  mkdirSync(dirname(file), { recursive: true });
  const cell = (value: string | number | boolean | null) => {
    if (value === null) return '';
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  writeFileSync(file, [header.join(','), ...rows.map((row) => row.map(cell).join(','))].join('\n') + '\n');
}

/** A row as CSV cells in `header` order. */
export function csvCells(row: Record<string, unknown>, header: string[]): (string | number | boolean | null)[] {
  return header.map((name) => (row[name] ?? null) as string | number | boolean | null);
}
