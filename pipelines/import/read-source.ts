/**
 * Reads a bank's files into a temporary table of text columns (the file's own header names)
 * plus `_source_file` and `_source_row` (1 = the first row under the header). Every value is
 * kept as text, so that nothing is guessed before the mapping says what a column is.
 *
 * CSV and TSV are read by DuckDB (all_varchar); GB18030 text is first decoded by Node's own
 * TextDecoder into a UTF-8 copy in a temporary folder (DuckDB's read_csv has no GB18030).
 * Excel sheets are read with exceljs and appended as text.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quote, type Database } from '../../engine/db/index.ts';
import { readSheet } from './read-sheet.ts';

export interface SourceFile {
  path: string;
  format: 'csv' | 'tsv' | 'parquet' | 'xlsx';
  encoding: 'utf-8' | 'gb18030';
  sheet?: string;
}

/** A file that cannot be read as its source says: names the file and the problem. */
export class SourceReadError extends Error {
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'SourceReadError';
  }
}

/** Loads `files` (all of one source) into the temporary table `table`; returns its header. */
export async function readSource(db: Database, table: string, files: SourceFile[]): Promise<string[]> {
  let header: string[] | null = null;
  for (const file of files) {
    const columns = await readOne(db, table, file, header === null);
    if (header !== null && columns.join('\u0000') !== header.join('\u0000')) {
      throw new SourceReadError(file.path, `its columns (${columns.join(', ')}) differ from those of ${files[0].path} (${header.join(', ')})`);
    }
    header = columns;
  }
  return header ?? [];
}

async function readOne(db: Database, table: string, file: SourceFile, create: boolean): Promise<string[]> {
  const into = create ? `CREATE TEMP TABLE ${quote(table)} AS` : `INSERT INTO ${quote(table)} BY NAME`;
  const numbered = `*, CAST($source_file AS VARCHAR) AS _source_file, row_number() OVER () AS _source_row`;
  if (file.format === 'xlsx') {
    const { header, rows } = await readSheet(file.path, file.sheet!).catch((cause: Error) => {
      throw new SourceReadError(file.path, cause.message);
    });
    if (create) await db.run(`CREATE TEMP TABLE ${quote(table)} (${[...header.map((name) => `${quote(name)} VARCHAR`), '_source_file VARCHAR', '_source_row BIGINT'].join(', ')})`);
    const columns: Record<string, (string | null)[] | number[]> = {};
    header.forEach((name, i) => (columns[name] = rows.map((row) => row[i])));
    columns._source_file = rows.map(() => file.path);
    columns._source_row = rows.map((_, i) => i + 1);
    await db.append(table, columns);
    return header;
  }
  if (file.format === 'parquet') {
    await run(db, file, `${into} SELECT ${numbered} FROM (SELECT COLUMNS(*)::VARCHAR FROM read_parquet($path))`, file.path);
  } else {
    const delim = file.format === 'tsv' ? `'\\t'` : `','`;
    let path = file.path;
    let scratch: string | null = null;
    if (file.encoding === 'gb18030') {
      scratch = mkdtempSync(join(tmpdir(), 'capillary-import-'));
      path = join(scratch, 'utf8.csv');
      try {
        writeFileSync(path, new TextDecoder('gb18030', { fatal: true }).decode(readFileSync(file.path)));
      } catch (cause) {
        rmSync(scratch, { recursive: true, force: true });
        throw new SourceReadError(file.path, `not GB18030 text (${(cause as Error).message})`);
      }
    }
    try {
      await run(db, file, `${into} SELECT ${numbered} FROM read_csv($path, header = true, all_varchar = true, delim = ${delim}, quote = '"', escape = '"', strict_mode = true)`, path);
    } finally {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
  }
  const described = await db.all<{ column_name: string }>(`DESCRIBE ${quote(table)}`);
  return described.map((row) => row.column_name).filter((name) => name !== '_source_file' && name !== '_source_row');
}

async function run(db: Database, file: SourceFile, sql: string, path: string): Promise<void> {
  try {
    await db.run(sql, { path, source_file: file.path });
  } catch (cause) {
    if (file.format !== 'parquet' && file.encoding === 'utf-8' && !isUtf8(file.path)) {
      throw new SourceReadError(file.path, 'not UTF-8 text; if it is GB18030 (GBK), say "encoding": "gb18030"');
    }
    throw new SourceReadError(file.path, `not a readable ${file.format} file (${String((cause as Error).message).split('\n')[0]})`);
  }
}

/** The file's bytes are valid UTF-8. */
export function isUtf8(path: string): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
    return true;
  } catch {
    return false;
  }
}
