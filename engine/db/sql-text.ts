/**
 * The one place SQL text is quoted. Values are bound as parameters wherever DuckDB allows;
 * these are for the few places it does not (DDL, ENUM values, COPY targets, compiled models).
 *
 * @example
 *   quote('turnover_90d_fen');  // '"turnover_90d_fen"'
 *   literal("men's wear");      // "'men''s wear'"
 */

/** An identifier (column, table), double-quoted. A 'schema.table' name is quoted as one identifier: split it first. */
export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** A string literal, single-quoted. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
