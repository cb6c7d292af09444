/**
 * models/: the modelling core, pure TypeScript, plus its warehouse edges through engine/db.
 * Data → binning / quantizing → scorecard, boosting or forest → metrics → SQL and JSON;
 * training sets (warehouse or file) → out-of-time evaluation → registry → scoring → drift.
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
export * from './warehouse/tables.ts';
export * from './training/index.ts';
export * from './registry/index.ts';
export * from './scoring/index.ts';
export * from './monitoring/index.ts';
