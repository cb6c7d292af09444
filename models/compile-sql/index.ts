/** models/compile-sql: scorecards and tree ensembles as single DuckDB SQL expressions. */
export { compileScorecard, type CompiledScorecard } from './scorecard-sql.ts';
export { MAX_REASONS, reasonCodesSql } from './reasons-sql.ts';
export { compileEnsemble, treeSql, type CompiledEnsemble } from './trees-sql.ts';
export { numericRef, textRef, type ColumnOptions } from './columns.ts';
export { balancedSum, sqlDouble, sqlIdentifier, sqlString } from './literal.ts';
