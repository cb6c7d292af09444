/**
 * How compiled SQL reads a feature. By default defensively, to match the TypeScript scorers
 * value for value: a numeric feature goes through TRY_CAST to DOUBLE (text that is not a
 * number becomes NULL, as Number() gives NaN) and NaN becomes NULL, so "missing" means the same
 * on both sides; a categorical feature is cast to VARCHAR (String(3) and CAST(3 AS VARCHAR)
 * agree). A caller whose columns are already clean DOUBLE and VARCHAR can pass `plain: true`.
 */
import { sqlIdentifier } from './literal.ts';

export interface ColumnOptions {
  /** SQL for a feature's column; defaults to the quoted feature name. */
  column?: (feature: string) => string;
  /** Columns are typed and NaN-free: skip the casts. */
  plain?: boolean;
}

export function numericRef(feature: string, options: ColumnOptions = {}): string {
  const column = options.column ? options.column(feature) : sqlIdentifier(feature);
  return options.plain ? column : `nullif(TRY_CAST(${column} AS DOUBLE), CAST('NaN' AS DOUBLE))`;
}

export function textRef(feature: string, options: ColumnOptions = {}): string {
  const column = options.column ? options.column(feature) : sqlIdentifier(feature);
  return options.plain ? column : `CAST(${column} AS VARCHAR)`;
}
