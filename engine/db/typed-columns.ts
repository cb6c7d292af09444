/**
 * A query's columns as typed arrays, copied a data chunk at a time straight out of DuckDB's
 * vectors. Reading value by value (`getColumnsObjectJS`) boxes and converts every value, ~0.2 µs
 * each: the largest cost of scoring 1.5M merchants × 40 features. Here a chunk's column is one
 * memory copy, and its NULLs come from the validity bitmap.
 *
 * Fixed-width numbers come back in their own layout (DOUBLE → Float64Array, INTEGER →
 * Int32Array, UTINYINT → Uint8Array, BIGINT → BigInt64Array…), BOOLEAN as Uint8Array of 0/1.
 * NULL is NaN in DOUBLE and FLOAT columns; an integer or boolean array has no place for NULL,
 * so a NULL there is an error naming the column (cast it to DOUBLE to read NULL as NaN). Every
 * other type (text, dates, decimals…) falls back to JavaScript values, as `Database.columns`.
 */
import { DuckDBTypeId, JSDuckDBValueConverter, type DuckDBDataChunk, type DuckDBResult } from '@duckdb/node-api';
import bindings from '@duckdb/node-bindings';

export type TypedColumn =
  | Float64Array
  | Float32Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** A column read by `Database.typedColumns`: a typed array, or JavaScript values for other types. */
export type ReadColumn = TypedColumn | unknown[];

type Layout = { new (length: number): TypedColumn; new (buffer: ArrayBuffer, byteOffset: number, length: number): TypedColumn; BYTES_PER_ELEMENT: number };

const LAYOUTS: Partial<Record<DuckDBTypeId, Layout>> = {
  [DuckDBTypeId.DOUBLE]: Float64Array,
  [DuckDBTypeId.FLOAT]: Float32Array,
  [DuckDBTypeId.TINYINT]: Int8Array,
  [DuckDBTypeId.SMALLINT]: Int16Array,
  [DuckDBTypeId.INTEGER]: Int32Array,
  [DuckDBTypeId.BIGINT]: BigInt64Array,
  [DuckDBTypeId.UTINYINT]: Uint8Array,
  [DuckDBTypeId.USMALLINT]: Uint16Array,
  [DuckDBTypeId.UINTEGER]: Uint32Array,
  [DuckDBTypeId.UBIGINT]: BigUint64Array,
};
// A C bool is one byte here; on a platform where it is not, booleans take the fallback.
if (bindings.sizeof_bool === 1) LAYOUTS[DuckDBTypeId.BOOLEAN] = Uint8Array;

const FLOATING = new Set<DuckDBTypeId>([DuckDBTypeId.DOUBLE, DuckDBTypeId.FLOAT]);

/** Reads every chunk of a result into one array per column (keyed by column name). */
export async function readTypedColumns(result: DuckDBResult): Promise<Record<string, ReadColumn>> {
  const names = result.columnNames();
  const readers = names.map((name, c) => columnReader(name, result.columnTypeId(c)));
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    readers.forEach((reader, c) => reader.add(chunk, c));
  }
  return Object.fromEntries(names.map((name, c) => [name, readers[c].finish()]));
}

interface ColumnReader {
  add(chunk: DuckDBDataChunk, column: number): void;
  finish(): ReadColumn;
}

function columnReader(name: string, typeId: DuckDBTypeId): ColumnReader {
  const layout = LAYOUTS[typeId];
  if (!layout) return valuesReader();
  const parts: TypedColumn[] = [];
  let total = 0;
  return {
    add(chunk, column) {
      const rows = chunk.rowCount;
      const vector = bindings.data_chunk_get_vector(chunk.chunk, column);
      const bytes = bindings.vector_get_data(vector, rows * layout.BYTES_PER_ELEMENT);
      // The chunk's memory is DuckDB's and goes with the chunk: copy it out.
      const part = new layout(rows);
      new Uint8Array(part.buffer).set(bytes.subarray(0, rows * layout.BYTES_PER_ELEMENT));
      const validity = bindings.vector_get_validity(vector, Math.ceil(rows / 64) * 8);
      if (validity && validity.length > 0) markNulls(part, validity, rows, name, FLOATING.has(typeId));
      parts.push(part);
      total += rows;
    },
    finish() {
      if (parts.length === 1) return parts[0];
      const all = new layout(total);
      let at = 0;
      for (const part of parts) {
        (all as Float64Array).set(part as Float64Array, at);
        at += part.length;
      }
      return all;
    },
  };
}

/** NULLs of a chunk (bits cleared in its validity mask) become NaN, or an error where NaN cannot go. */
function markNulls(part: TypedColumn, validity: Uint8Array, rows: number, name: string, floating: boolean): void {
  for (let byte = 0; byte * 8 < rows; byte++) {
    const bits = validity[byte];
    if (bits === 0xff) continue;
    for (let bit = 0; bit < 8 && byte * 8 + bit < rows; bit++) {
      if (bits & (1 << bit)) continue;
      if (!floating) throw new Error(`column ${name} holds NULL, which an integer array cannot; cast it to DOUBLE to read NULL as NaN, or coalesce it`);
      (part as Float64Array)[byte * 8 + bit] = Number.NaN;
    }
  }
}

/** Types without a typed layout: their values, converted as `Database.columns` converts them. */
function valuesReader(): ColumnReader {
  const values: unknown[] = [];
  return {
    add(chunk, column) {
      for (const value of chunk.convertColumnValues(column, JSDuckDBValueConverter)) values.push(value);
    },
    finish: () => values,
  };
}
