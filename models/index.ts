/**
 * models/: the modelling core, pure TypeScript (DuckDB only through compiled SQL text).
 * Data → binning / quantizing → scorecard, boosting or forest → metrics → SQL and JSON.
 */
export * from './data/frame.ts';
export { parseCsv, parseCsvRows } from './data/csv.ts';
export { stratifiedSplit, type Split } from './data/split.ts';
export { syntheticCredit, type SyntheticOptions } from './data/synthetic.ts';
export { Rng } from './random.ts';
export * from './metrics/index.ts';
export * from './binning/index.ts';
export * from './logistic/index.ts';
export * from './scorecard/index.ts';
export * from './gbdt/index.ts';
export * from './compile-sql/index.ts';
export * from './model/index.ts';
