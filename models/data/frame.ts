/**
 * The in-memory table every model in models/ trains on: typed feature columns plus a binary
 * target (1 = bad, the event whose probability we predict). Numeric columns are Float64Array
 * with NaN as missing, so hot loops never meet per-row objects; categorical columns keep their
 * strings, null as missing.
 *
 * @example
 *   const data = datasetFromRecords(rows, { target: 'creditability', positive: 'bad' });
 *   const train = selectRows(data, split.train);
 */
import { MISSING_TOKENS } from './missing.ts';

export interface NumericColumn {
  kind: 'numeric';
  name: string;
  values: Float64Array;
}

export interface CategoricalColumn {
  kind: 'categorical';
  name: string;
  values: (string | null)[];
}

export type Column = NumericColumn | CategoricalColumn;

export interface Dataset {
  nRows: number;
  columns: Column[];
  /** 1 = bad (the event), 0 = good. */
  target: Uint8Array;
}

/** One row as the API or a warehouse query hands it over: null, undefined or NaN is missing. */
export type RowValue = number | string | null | undefined;
export type Row = Record<string, RowValue>;

export interface FromRecordsOptions {
  target: string;
  /** The target value meaning "bad"; other values are good. Defaults to '1'. */
  positive?: string;
  /** Text that means missing, besides the empty string (default: MISSING_TOKENS). */
  missing?: string[];
}

/** Builds a dataset from string records (a CSV), inferring numeric columns: all values parse. */
export function datasetFromRecords(records: Record<string, string>[], options: FromRecordsOptions): Dataset {
  if (records.length === 0) throw new Error('no rows: cannot build a training set from an empty table');
  const positive = options.positive ?? '1';
  const missing = new Set(['', ...(options.missing ?? MISSING_TOKENS)]);
  const names = Object.keys(records[0]);
  if (!names.includes(options.target)) throw new Error(`target column ${options.target} not found among ${names.join(', ')}`);
  const target = new Uint8Array(records.length);
  records.forEach((record, i) => (target[i] = record[options.target] === positive ? 1 : 0));
  const columns: Column[] = names
    .filter((name) => name !== options.target)
    .map((name) => {
      const raw = records.map((record) => (missing.has(record[name] ?? '') ? null : record[name]));
      const numeric = raw.every((value) => value === null || Number.isFinite(Number(value)));
      if (!numeric) return { kind: 'categorical', name, values: raw };
      return { kind: 'numeric', name, values: Float64Array.from(raw, (v) => (v === null ? NaN : Number(v))) };
    });
  return { nRows: records.length, columns, target };
}

/** The rows at `indices`, in that order (indices may repeat, e.g. for a bootstrap). */
export function selectRows(data: Dataset, indices: ArrayLike<number>): Dataset {
  const n = indices.length;
  const target = new Uint8Array(n);
  for (let i = 0; i < n; i++) target[i] = data.target[indices[i]];
  const columns = data.columns.map((column): Column => {
    if (column.kind === 'numeric') {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = column.values[indices[i]];
      return { kind: 'numeric', name: column.name, values };
    }
    return { kind: 'categorical', name: column.name, values: Array.from({ length: n }, (_, i) => column.values[indices[i]]) };
  });
  return { nRows: n, columns, target };
}

/** The column called `name`, or a clear error naming what exists. */
export function columnOf(data: Dataset, name: string): Column {
  const column = data.columns.find((c) => c.name === name);
  if (!column) throw new Error(`feature ${name} is not in the data (columns: ${data.columns.map((c) => c.name).join(', ')})`);
  return column;
}

/** Row `i` as a plain object, the shape the one-row scorers take. */
export function rowAt(data: Dataset, i: number): Row {
  const row: Row = {};
  for (const column of data.columns) {
    const value = column.values[i];
    row[column.name] = typeof value === 'number' && Number.isNaN(value) ? null : value;
  }
  return row;
}

/** Rejects data no model should be fitted on: empty, one class, or infinite values. */
export function assertTrainable(data: Dataset): void {
  if (data.nRows === 0) throw new Error('no rows: the training window is empty');
  let bad = 0;
  for (let i = 0; i < data.nRows; i++) bad += data.target[i];
  if (bad === 0 || bad === data.nRows) {
    throw new Error(`the target has a single class (${bad} bad of ${data.nRows}): nothing to learn`);
  }
  for (const column of data.columns) {
    if (column.kind !== 'numeric') continue;
    for (let i = 0; i < data.nRows; i++) {
      const v = column.values[i];
      if (v === Infinity || v === -Infinity) throw new Error(`feature ${column.name} has an infinite value at row ${i}`);
    }
  }
}

/** A numeric missing value: null, undefined, NaN, or a non-numeric string. */
export function numericValue(value: RowValue): number {
  if (value === null || value === undefined || value === '') return NaN;
  return typeof value === 'number' ? value : Number(value);
}

/** A categorical value as text, null when missing. */
export function categoricalValue(value: RowValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : String(value);
  return value;
}
