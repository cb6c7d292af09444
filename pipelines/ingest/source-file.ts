/**
 * Opens one source file (Parquet or CSV) for ingest: checks that its columns are the record's
 * columns with usable types and returns the SQL that reads it (together with the other files of
 * its batch that have the same columns and types). A file that cannot be read, or whose columns
 * are wrong, raises an IngestFileError naming the file and the problem.
 *
 * CSV is read strictly (comma, double quotes, a header line, every line with every column), all
 * columns as text; values are then cast row by row, so a bad value quarantines its row while a
 * broken line fails the file.
 */
import { open } from 'node:fs/promises';
import { columnsOf, quote, type ColumnSpec, type Database } from '../../engine/db/index.ts';
import { IngestFileError, firstLine } from './errors.ts';
import type { TableRules } from './table-rules.ts';

export type SourceFormat = 'parquet' | 'csv';

export interface SourceColumn {
  spec: ColumnSpec;
  /** Type in the file; null when the column comes from the Hive folder name. */
  sourceType: string | null;
}

export interface OpenedSource {
  format: SourceFormat;
  /**
   * FROM clause reading the files of a batch, whose paths are the bound parameter $source_paths
   * (one per line); each row's `file_index` is its file's place in that list.
   */
  relation: string;
  /** Expression numbering rows from 0 in file order, within each file. */
  rowNumber: string;
  columns: SourceColumn[];
  /** Files with the same signature can be read together in one relation. */
  signature: string;
}

const INTEGER_TYPES = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT'];
const TIMESTAMP_TYPES = ['TIMESTAMP', 'TIMESTAMP_NS', 'TIMESTAMP_MS', 'TIMESTAMP_S'];

/** Source types that cast to each warehouse type without losing meaning. */
const ACCEPTED: Record<string, string[]> = {
  BIGINT: INTEGER_TYPES,
  INTEGER: INTEGER_TYPES,
  DOUBLE: ['DOUBLE', 'FLOAT', 'DECIMAL', ...INTEGER_TYPES],
  DATE: ['DATE', ...TIMESTAMP_TYPES],
  TIMESTAMP: TIMESTAMP_TYPES,
  VARCHAR: ['VARCHAR'],
  BOOLEAN: ['BOOLEAN'],
};

export async function openSource(db: Database, path: string, format: SourceFormat, rules: TableRules, hasPartitionValue: boolean): Promise<OpenedSource> {
  const expected = columnsOf(rules.schema);
  const found = format === 'parquet' ? await parquetColumns(db, path) : await csvHeader(path);
  const foundNames = new Set(found.map((column) => column.name));
  const missing = expected.filter((spec) => !foundNames.has(spec.name) && !(spec.name === rules.partitionBy && hasPartitionValue));
  const extra = found.filter((column) => !expected.some((spec) => spec.name === column.name));
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => c.name).join(', ')}`);
  if (extra.length > 0) problems.push(`unexpected column${extra.length > 1 ? 's' : ''} ${extra.map((c) => c.name).join(', ')}`);
  const columns: SourceColumn[] = expected.map((spec) => ({ spec, sourceType: found.find((c) => c.name === spec.name)?.type ?? null }));
  if (format === 'parquet') {
    for (const { spec, sourceType } of columns) {
      if (sourceType !== null && !(ACCEPTED[spec.sqlType] ?? [spec.sqlType]).includes(baseType(sourceType))) {
        problems.push(`column ${spec.name} has type ${sourceType}, expected ${spec.sqlType}`);
      }
    }
  }
  if (problems.length > 0) throw new IngestFileError(path, `not a ${rules.lakeTable} file: ${problems.join('; ')}`);
  const paths = 'string_split($source_paths, chr(10))';
  if (format === 'parquet') {
    return {
      format,
      relation: `read_parquet(${paths}, file_row_number = true, hive_partitioning = false)`,
      rowNumber: 'file_row_number',
      columns,
      signature: `parquet ${found.map((column) => `${column.name} ${column.type}`).join(', ')}`,
    };
  }
  const types = found.map((column) => `'${column.name}': 'VARCHAR'`).join(', ');
  return {
    format,
    // hive_partitioning off: DuckDB would otherwise replace the file's own payment_date with its
    // folder's, hiding a row whose day differs from its folder (the check quarantines it instead)
    relation: `read_csv(${paths}, hive_partitioning = false, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false, columns = {${types}})`,
    // numbered as read: one CSV file per batch, read with insertion order kept
    rowNumber: '(row_number() OVER () - 1)',
    columns,
    signature: `csv ${path}`,
  };
}

async function parquetColumns(db: Database, path: string): Promise<{ name: string; type: string }[]> {
  try {
    const rows = await db.all<{ column_name: string; column_type: string }>(
      'DESCRIBE SELECT * FROM read_parquet($source_path, hive_partitioning = false)',
      { source_path: path },
    );
    return rows.map((row) => ({ name: row.column_name, type: row.column_type }));
  } catch (cause) {
    throw new IngestFileError(path, `not a readable Parquet file (${firstLine(cause)})`, cause);
  }
}

/** The header line of a CSV file: names must be plain (letters, digits, underscores). */
async function csvHeader(path: string): Promise<{ name: string; type: string }[]> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.search(/\r?\n/);
    if (bytesRead === 0 || end < 0) throw new IngestFileError(path, bytesRead === 0 ? 'empty CSV file' : 'CSV header line not found');
    const names = text.slice(0, end).replace(/^\uFEFF/, '').split(',').map((name) => name.trim().replace(/^"(.*)"$/, '$1'));
    const odd = names.filter((name) => !/^[a-z_][a-z0-9_]*$/.test(name));
    if (odd.length > 0) throw new IngestFileError(path, `CSV header has names that are not column names: ${odd.map((n) => JSON.stringify(n)).join(', ')}`);
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) throw new IngestFileError(path, `CSV header names ${name} twice`);
      seen.add(name);
    }
    return names.map((name) => ({ name, type: 'VARCHAR' }));
  } finally {
    await handle.close();
  }
}

function baseType(type: string): string {
  return type.replace(/\(.*\)$/, '').trim();
}

/**
 * The typed value of a column: the file's own when it already has the type, else a TRY_CAST; a
 * column missing from the file comes from its folder name (`partition_value` of the batch).
 */
export function typedExpression(column: SourceColumn): string {
  const name = quote(column.spec.name);
  if (column.sourceType === null) return `TRY_CAST(partition_value AS ${column.spec.sqlType})`;
  if (baseType(column.sourceType) === column.spec.sqlType) return name;
  return `TRY_CAST(${name} AS ${column.spec.sqlType})`;
}
