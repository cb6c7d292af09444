/** models/scoring: every merchant of a warehouse date scored by a model, fast. */
export { ScoreRunSchema, ScoreSchema, type Score, type ScoreMethod, type ScoreRun } from '../../engine/schema/score.ts';
export { treeProgram, type ProgramColumn, type ProgramInput, type ScoreFunction, type TreeProgram } from './tree-program.ts';
export { datasetColumns, inputSql } from './input-codes.ts';
export { ensureScoreTables, scoreWarehouse, SCORE_RUNS_TABLE, SCORES_TABLE, type ScoreOptions, type ScoreRunResult } from './score-warehouse.ts';
export { championScoredDate, type ChampionDate } from './champion-date.ts';
