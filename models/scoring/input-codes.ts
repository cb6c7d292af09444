/**
 * The columns a TreeProgram reads. From the warehouse, numeric features are read as DOUBLE (NULL
 * as NaN, which keeps the JavaScript arrays unboxed) and categorical ones as their bin codes,
 * computed by DuckDB (a CASE over each bin's categories, unseen ones to the "other" bin) so no
 * text crosses into JavaScript; from an in-memory dataset, the same columns are built here.
 *
 * @example
 *   const select = program.inputs.map((input, k) => `${inputSql(input)} AS c${k}`);
 */
import { sqlIdentifier, sqlString } from '../compile-sql/literal.ts';
import { categoricalValue, columnOf, type Dataset } from '../data/frame.ts';
import type { ProgramColumn, ProgramInput, TreeProgram } from './tree-program.ts';

/** SQL giving the input's raw value (numeric) or its bin code (categorical). */
export function inputSql(input: ProgramInput): string {
  const column = sqlIdentifier(input.feature);
  if (input.edges) return `coalesce(TRY_CAST(${column} AS DOUBLE), CAST('NaN' AS DOUBLE))`;
  const whens = (input.bins.categories ?? [])
    .map((group, b) => (group.length > 0 ? `WHEN CAST(${column} AS VARCHAR) IN (${group.map(sqlString).join(', ')}) THEN ${b + 1}` : ''))
    .join(' ');
  return `CAST(CASE WHEN ${column} IS NULL THEN 0 ${whens} ELSE ${input.bins.otherBin ?? 0} END AS UTINYINT)`;
}

/** The program's input columns from an in-memory dataset (validation, the API's batches). */
export function datasetColumns(program: TreeProgram, data: Dataset): ProgramColumn[] {
  return program.inputs.map((input) => {
    const column = columnOf(data, input.feature);
    if (input.edges) {
      if (column.kind !== 'numeric') throw new Error(`feature ${input.feature} was numeric in training but holds text here`);
      return column.values;
    }
    const lookup = new Map<string, number>();
    (input.bins.categories ?? []).forEach((group, b) => group.forEach((c) => lookup.set(c, b + 1)));
    const other = input.bins.otherBin ?? 0;
    return Uint8Array.from(column.values as ArrayLike<unknown> as (string | number | null)[], (value) => {
      const text = categoricalValue(value);
      return text === null ? 0 : (lookup.get(text) ?? other);
    });
  });
}
