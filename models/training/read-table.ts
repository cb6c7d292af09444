/**
 * Reads a table that DuckDB already holds (a warehouse join, a file loaded into a temp table)
 * into a LabelledTable: numbers and booleans become numeric columns (NULL as NaN), text and
 * enums categorical ones; dates, lists and blobs are not features and are dropped with a
 * reason. Bad input stops here with an error naming the column: an unknown or non-binary
 * target, missing target values, NaN or infinite values in a feature.
 *
 * @example
 *   const table = await readLabelledTable(db, { relation: 'training_rows', target: 'default_12m', source: 'warehouse' });
 */
import { quote, type Database } from '../../engine/db/index.ts';
import type { Column } from '../data/frame.ts';
import type { DroppedColumn, LabelledTable } from './labelled-table.ts';
import { eventValue } from './target.ts';

export interface ReadTableOptions {
  /** A table or temp table (its rowid gives the row order). */
  relation: string;
  target: string;
  positive?: string;
  /** Column holding each row's as-of date, if any. */
  dateColumn?: string | null;
  /** Column naming the entity (merchant) of each row, if any; not a feature. */
  entityColumn?: string | null;
  /** Columns holding the true PD and the true event (evaluation only), if any. */
  truthColumns?: { pd: string; event: string } | null;
  /** Columns that are neither features nor the target (ids, label details). */
  exclude?: string[];
  source: string;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*|BOOLEAN)$/;
const TEXT = /^(VARCHAR|ENUM.*)$/;
const FLOATING = /^(FLOAT|DOUBLE)$/;

export async function readLabelledTable(db: Database, options: ReadTableOptions): Promise<LabelledTable> {
  const rel = quote(options.relation);
  const described = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${rel}`);
  const names = described.map((c) => c.column_name);
  if (!names.includes(options.target)) throw new Error(`target column ${options.target} not found; the columns are: ${names.join(', ')}`);
  const target = quote(options.target);
  const counts = await db.all<{ value: string | null; n: number }>(`SELECT CAST(${target} AS VARCHAR) AS value, count(*) AS n FROM ${rel} GROUP BY 1`);
  const missingTarget = counts.find((c) => c.value === null);
  if (missingTarget) throw new Error(`target ${options.target} is missing on ${missingTarget.n} rows: label them or leave them out`);
  const positive = eventValue(options.target, counts.map((c) => c.value as string), options.positive);

  const truth = options.truthColumns;
  const special = new Set([options.target, options.dateColumn, options.entityColumn, truth?.pd, truth?.event, ...(options.exclude ?? [])].filter((n): n is string => !!n));
  const dropped: DroppedColumn[] = [];
  const features = described.filter((c) => {
    if (special.has(c.column_name)) return false;
    if (NUMERIC.test(c.column_type) || TEXT.test(c.column_type)) return true;
    dropped.push({ feature: c.column_name, reason: `type ${c.column_type} is not a feature type (numbers, booleans, text)` });
    return false;
  });
  await rejectNonFinite(db, rel, features.filter((c) => FLOATING.test(c.column_type)).map((c) => c.column_name));

  const select = [
    `CAST(${target} AS VARCHAR) = $positive AS "__target"`,
    ...(options.dateColumn ? [`CAST(${quote(options.dateColumn)} AS VARCHAR) AS "__date"`] : []),
    ...(options.entityColumn ? [`CAST(${quote(options.entityColumn)} AS VARCHAR) AS "__entity"`] : []),
    ...(truth ? [`CAST(${quote(truth.pd)} AS DOUBLE) AS "__truth_pd"`, `coalesce(CAST(${quote(truth.event)} AS BOOLEAN), false) AS "__truth_event"`] : []),
    ...features.map((c, k) => `CAST(${quote(c.column_name)} AS ${TEXT.test(c.column_type) ? 'VARCHAR' : 'DOUBLE'}) AS "f${k}"`),
  ];
  // Numbers arrive as Float64Array (NULL as NaN) and flags as Uint8Array, a chunk at a time.
  const read = await db.typedColumns(`SELECT ${select.join(', ')} FROM ${rel} ORDER BY rowid`, { positive });
  const nRows = read.__target.length;
  const columns: Column[] = [];
  features.forEach((c, k) => {
    const values = read[`f${k}`];
    if (!TEXT.test(c.column_type)) {
      columns.push({ kind: 'numeric', name: c.column_name, values: values as Float64Array });
      return;
    }
    const text = values as (string | null)[];
    if (nRows >= 20 && new Set(text).size === nRows) {
      dropped.push({ feature: c.column_name, reason: 'every value is different: an identifier, not a feature' });
      return;
    }
    columns.push({ kind: 'categorical', name: c.column_name, values: text });
  });
  const notes: string[] = [];
  const text = columns.filter((c) => c.kind === 'categorical').map((c) => c.name);
  if (text.length > 0) notes.push(`read as text (categories): ${text.join(', ')}`);
  const ids = columns.filter((c) => c.kind === 'numeric' && isProbableId(c.values)).map((c) => c.name);
  if (ids.length > 0) notes.push(`probable identifiers (every value a different whole number, densely numbered), kept as features: ${ids.join(', ')}; --exclude them if so`);
  return {
    data: { nRows, columns, target: read.__target as Uint8Array },
    target: options.target,
    positive,
    dates: options.dateColumn ? (read.__date as (string | null)[]).map((d) => d ?? '') : null,
    entities: options.entityColumn ? (read.__entity as (string | null)[]).map((e) => e ?? '') : null,
    truth: truth
      ? {
          pd: read.__truth_pd as Float64Array,
          event: read.__truth_event as Uint8Array,
        }
      : null,
    source: options.source,
    dropped,
    notes,
  };
}

/**
 * Every value present, a whole number, and different, within a range at most ten times the
 * rows: a row number or a customer number, not a measurement (amounts are rarely all distinct
 * integers packed that densely).
 */
export function isProbableId(values: Float64Array): boolean {
  if (values.length < 20) return false;
  const seen = new Set<number>();
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isInteger(v) || seen.has(v)) return false;
    seen.add(v);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max - min < 10 * values.length;
}

/** NaN and ±Infinity are not missing values but broken ones: refuse them, naming each column. */
async function rejectNonFinite(db: Database, rel: string, columns: string[]): Promise<void> {
  if (columns.length === 0) return;
  const checks = columns.map((c, k) => `count(*) FILTER (WHERE isnan(${quote(c)})) AS "nan${k}", count(*) FILTER (WHERE isinf(${quote(c)})) AS "inf${k}"`);
  const row = (await db.one<Record<string, number>>(`SELECT ${checks.join(', ')} FROM ${rel}`))!;
  const problems = columns.flatMap((c, k) => {
    const nan = Number(row[`nan${k}`]);
    const inf = Number(row[`inf${k}`]);
    return nan + inf > 0 ? [`${c} (${[nan ? `${nan} NaN` : '', inf ? `${inf} infinite` : ''].filter(Boolean).join(', ')})`] : [];
  });
  if (problems.length > 0) {
    throw new Error(`features with NaN or infinite values: ${problems.join('; ')}; make them NULL (missing) or fix them at the source`);
  }
}
