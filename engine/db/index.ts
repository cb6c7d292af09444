/** engine/db: the only module that imports @duckdb/node-api. */
export { Database, type OpenOptions, type Params, type Row, type ColumnValues } from './database.ts';
export { type ReadColumn, type TypedColumn } from './typed-columns.ts';
export { QueryError, DatabaseLockedError, isWriteConflict } from './errors.ts';
export { columnsOf, castSelectList, createEnumTypesSql, enumTypeName, type ColumnSpec, type CastOptions } from './ddl.ts';
export { quote, literal } from './sql-text.ts';
export { cstTimestamp, cstDate, TIME_CONVENTION } from './clock.ts';
export { sortableId } from './ids.ts';
export { writeParquet, type ParquetWriteOptions } from './parquet.ts';
