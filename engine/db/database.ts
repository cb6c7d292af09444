/**
 * The one door to DuckDB. Opens a warehouse file (or memory), runs SQL with bound parameters,
 * bulk-appends columns through data chunks, and returns rows as plain JSON-safe objects:
 * BIGINT as number, DATE as 'YYYY-MM-DD', TIMESTAMP as 'YYYY-MM-DD HH:MM:SS'.
 *
 * @example
 *   const db = await Database.open('data/capillary.duckdb');
 *   const rows = await db.all('SELECT * FROM merchants WHERE segment = $segment', { segment: 'cafe' });
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTypeId,
  JSToDuckDBValueConverter,
  listValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import bindings from '@duckdb/node-bindings';
import { DatabaseLockedError, isWriteConflict, QueryError } from './errors.ts';
import { readTypedColumns, type ReadColumn } from './typed-columns.ts';

type Scalar = string | number | boolean | bigint | null;
/** Bound parameters by name; an array binds as a DuckDB LIST (`list_contains($ids, merchant_id)`). */
export type Params = Record<string, Scalar | readonly Scalar[]>;
export type Row = Record<string, unknown>;
export type ColumnValues = ArrayLike<string | number | boolean | bigint | null>;

export interface OpenOptions {
  /** DuckDB memory limit, e.g. '4GB'; a warehouse file defaults to warehouseMemoryLimit(). */
  memoryLimit?: string;
  threads?: number;
  /** Folder for spilling; defaults to DuckDB's own choice beside the file. */
  tempDirectory?: string;
  readOnly?: boolean;
}

/**
 * The memory a warehouse file may hold before DuckDB spills to `<file>.tmp`. DuckDB's own default
 * is 80% of the machine: a year of the network's turnover then sat in 20 GB of sorts and joins,
 * leaving nothing for the API beside it, and at the full network would not fit at all. A budget
 * makes large steps spill instead; CAPILLARY_MEMORY_LIMIT (DuckDB's syntax, e.g. '12GB') sets
 * another on a larger machine.
 */
export const DEFAULT_WAREHOUSE_MEMORY_LIMIT = '5GB';

export function warehouseMemoryLimit(): string {
  return process.env.CAPILLARY_MEMORY_LIMIT?.trim() || DEFAULT_WAREHOUSE_MEMORY_LIMIT;
}

const CHUNK_ROWS = 2048;
const NUMERIC_AS_TEXT = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.DECIMAL,
]);

/** Typed arrays whose element is the column's own binary layout, copied into a chunk as bytes. */
const TYPED_LAYOUT: Partial<Record<DuckDBTypeId, new (...args: never[]) => ArrayBufferView>> = {
  [DuckDBTypeId.DOUBLE]: Float64Array,
  [DuckDBTypeId.FLOAT]: Float32Array,
  [DuckDBTypeId.INTEGER]: Int32Array,
  [DuckDBTypeId.BIGINT]: BigInt64Array,
};

/**
 * The fast path of append: a typed array of the column's own layout is copied into the chunk's
 * vector in one call (no per-value conversion; a fresh chunk's vectors are all valid).
 */
function copyTypedColumn(chunk: DuckDBDataChunk, column: number, type: DuckDBType, source: ColumnValues, start: number, size: number): boolean {
  const layout = TYPED_LAYOUT[type.typeId];
  if (!layout || !(source instanceof layout)) return false;
  const view = source as unknown as { buffer: ArrayBuffer; byteOffset: number; BYTES_PER_ELEMENT: number };
  const width = view.BYTES_PER_ELEMENT;
  const vector = bindings.data_chunk_get_vector(chunk.chunk, column);
  bindings.copy_data_to_vector(vector, 0, view.buffer, view.byteOffset + start * width, size * width);
  return true;
}

/** Dates and timestamps may be appended as their ISO text (local wall-clock, no zone shift). */
const TEXT_TO_TIME: Partial<Record<DuckDBTypeId, (text: string) => Date>> = {
  [DuckDBTypeId.DATE]: (text) => new Date(`${text.slice(0, 10)}T00:00:00Z`),
  [DuckDBTypeId.TIMESTAMP]: (text) => new Date(`${text.replace(' ', 'T')}Z`),
};

export class Database {
  readonly path: string;
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;

  private readonly ownsInstance: boolean;

  private constructor(path: string, instance: DuckDBInstance, connection: DuckDBConnection, ownsInstance = true) {
    this.path = path;
    this.instance = instance;
    this.connection = connection;
    this.ownsInstance = ownsInstance;
  }

  /**
   * Another connection to the same database, for work that runs side by side (one query uses
   * one thread per row group of its source, so small sources need several connections).
   * Closing it leaves the database open.
   */
  async connect(): Promise<Database> {
    return new Database(this.path, this.instance, await this.instance.connect(), false);
  }

  /** Opens (creating if needed) a DuckDB file, or ':memory:'. Never downloads extensions. */
  static async open(path = ':memory:', options: OpenOptions = {}): Promise<Database> {
    const target = path === ':memory:' ? path : resolve(path);
    if (target !== ':memory:') mkdirSync(dirname(target), { recursive: true });
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
    };
    const memoryLimit = options.memoryLimit ?? (target === ':memory:' ? undefined : warehouseMemoryLimit());
    if (memoryLimit) config.memory_limit = memoryLimit;
    if (options.threads) config.threads = String(options.threads);
    if (options.tempDirectory) config.temp_directory = options.tempDirectory;
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(target, config);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      if (/lock/i.test(message)) throw new DatabaseLockedError(target, cause);
      throw new Error(`cannot open the warehouse ${target}: ${message}`, { cause });
    }
    const connection = await instance.connect();
    return new Database(target, instance, connection);
  }

  /** Runs one or more statements; returns the number of rows changed by the last one. */
  async run(sql: string, params?: Params): Promise<number> {
    try {
      const result = await this.connection.run(sql, bound(params));
      return Number(result.rowsChanged);
    } catch (cause) {
      throw new QueryError(sql, params, cause);
    }
  }

  /** Runs a query and returns its rows as JSON-safe objects. */
  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql, bound(params));
      const rows = reader.getRowObjectsJson() as Row[];
      const numericColumns = reader.columnNames().filter((_, i) => NUMERIC_AS_TEXT.has(reader.columnType(i).typeId));
      if (numericColumns.length > 0) {
        for (const row of rows) {
          for (const name of numericColumns) {
            const value = row[name];
            if (typeof value === 'string') row[name] = Number(value);
          }
        }
      }
      return rows as T[];
    } catch (cause) {
      throw new QueryError(sql, params, cause);
    }
  }

  /** The first row of a query, or undefined. */
  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  /** Columns of a query as arrays (faster than rows for large reads); BIGINT stays bigint. */
  async columns(sql: string, params?: Params): Promise<Record<string, unknown[]>> {
    try {
      const reader = await this.connection.runAndReadAll(sql, bound(params));
      return reader.getColumnsObjectJS() as Record<string, unknown[]>;
    } catch (cause) {
      throw new QueryError(sql, params, cause);
    }
  }

  /**
   * Columns of a query as typed arrays, a chunk's column copied at once (typed-columns.ts):
   * the fast read for millions of numbers. DOUBLE → Float64Array (NULL as NaN), INTEGER →
   * Int32Array, UTINYINT → Uint8Array, BIGINT → BigInt64Array, BOOLEAN → Uint8Array…; other
   * types come back as `columns` gives them.
   *
   * @example
   *   const { x } = await db.typedColumns('SELECT CAST(turnover_30d_fen AS DOUBLE) AS x FROM features');
   */
  async typedColumns(sql: string, params?: Params): Promise<Record<string, ReadColumn>> {
    try {
      return await readTypedColumns(await this.connection.stream(sql, bound(params)));
    } catch (cause) {
      throw new QueryError(sql, params, cause);
    }
  }

  /**
   * Appends columns to an existing table through data chunks (the fast path, ARCHITECTURE.md §6).
   * `columns` must name every column of the table, in any order; values are converted to the
   * column's type (numbers become BIGINT where the table asks for it).
   */
  async append(table: string, columns: Record<string, ColumnValues>): Promise<number> {
    const appender = await this.connection.createAppender(table);
    const types: DuckDBType[] = [];
    const names: string[] = [];
    for (let i = 0; i < appender.columnCount; i++) {
      types.push(appender.columnType(i));
      names.push(await this.columnName(table, i));
    }
    const missing = names.filter((name) => !(name in columns));
    if (missing.length > 0) {
      appender.closeSync();
      throw new Error(`append to ${table}: missing columns ${missing.join(', ')}`);
    }
    const rowCount = columns[names[0]].length;
    for (const name of names) {
      if (columns[name].length !== rowCount) {
        appender.closeSync();
        throw new Error(`append to ${table}: column ${name} has ${columns[name].length} values, expected ${rowCount}`);
      }
    }
    try {
      for (let start = 0; start < rowCount; start += CHUNK_ROWS) {
        const size = Math.min(CHUNK_ROWS, rowCount - start);
        const chunk = DuckDBDataChunk.create(types, size);
        for (let c = 0; c < names.length; c++) {
          const source = columns[names[c]];
          if (copyTypedColumn(chunk, c, types[c], source, start, size)) continue;
          const fromText = TEXT_TO_TIME[types[c].typeId];
          const slice: (string | number | boolean | bigint | Date | null)[] = new Array(size);
          for (let r = 0; r < size; r++) {
            const value = source[start + r];
            slice[r] = fromText && typeof value === 'string' ? fromText(value) : value;
          }
          chunk.setColumnValuesConverted(c, slice, JSToDuckDBValueConverter);
        }
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } catch (cause) {
      throw new QueryError(`APPEND INTO ${table}`, undefined, cause);
    } finally {
      appender.closeSync();
    }
    return rowCount;
  }

  /** True when `table` ('table' or 'schema.table') exists. */
  async exists(table: string): Promise<boolean> {
    const [schema, name] = table.includes('.') ? table.split('.') : ['main', table];
    const row = await this.one('SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = $schema AND table_name = $name', { schema, name });
    return Number(row?.n ?? 0) > 0;
  }

  /** Runs `work` inside one transaction: all of it lands, or none of it. */
  async transaction<T>(work: (db: Database) => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await work(this);
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /**
   * Runs `work` in a transaction on a connection of its own, as often as `tries` while it fails
   * as a write conflict, each try after a random pause that grows (2, 4, 8 … up to 200 ms).
   * DuckDB fails the second of two transactions that change one row even before the first
   * commits; the retry reads what the first committed. Other errors, and the last conflict, are
   * thrown.
   */
  async transactionRetried<T>(work: (db: Database) => Promise<T>, tries: number): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const connection = await this.connect();
      try {
        return await connection.transaction(work);
      } catch (error) {
        if (!isWriteConflict(error) || attempt >= tries) throw error;
      } finally {
        connection.close();
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 2 ** attempt)));
    }
  }

  /** Share of the running query done (0..1), for progress bars; -1 when unknown. */
  get queryProgress(): number {
    const progress = this.connection.progress;
    return progress.total_rows_to_process > 0n ? progress.percentage / 100 : -1;
  }

  close(): void {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }

  private columnNameCache = new Map<string, string[]>();

  private async columnName(table: string, index: number): Promise<string> {
    let names = this.columnNameCache.get(table);
    if (!names) {
      const rows = await this.all<{ name: string }>(`SELECT name FROM pragma_table_info($table) ORDER BY cid`, { table });
      names = rows.map((row) => row.name);
      this.columnNameCache.set(table, names);
    }
    return names[index];
  }
}

export type { DuckDBValue };

/** Params as DuckDB takes them: arrays become LIST values, everything else as it is. */
function bound(params: Params | undefined): Record<string, DuckDBValue> | undefined {
  if (!params) return undefined;
  const values: Record<string, DuckDBValue> = {};
  for (const [name, value] of Object.entries(params)) values[name] = Array.isArray(value) ? listValue(value as Scalar[]) : (value as Scalar);
  return values;
}
