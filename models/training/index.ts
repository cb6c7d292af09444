/** models/training: training sets from the warehouse or a file, out-of-time split, fit, evaluation. */
export type { DroppedColumn, LabelledTable, Truth } from './labelled-table.ts';
export { eventValue } from './target.ts';
export { readLabelledTable, type ReadTableOptions } from './read-table.ts';
export { loadFileTable, type FileTableOptions } from './file-source.ts';
export { loadWarehouseTable, WAREHOUSE_TARGETS, type WarehouseTableOptions, type WarehouseTarget } from './warehouse-source.ts';
export { splitParts, type PartInfo, type Parts, type SplitOptions } from './split-parts.ts';
export { keepColumns, usableFeatures } from './usable-features.ts';
export { ALGORITHMS, DEFAULT_PARAMETERS, fitModel, type FitOptions, type Parameters } from './fit-model.ts';
export { evaluateParts, PART_NAMES, type OracleComparison, type PartName, type TrainingMetrics } from './evaluate-parts.ts';
export { dataFingerprint } from './fingerprint.ts';
export { trainAndEvaluate, type TrainingResult, type TrainOptions } from './train-and-evaluate.ts';
export { align, formatReport, type ReportInput } from './format-report.ts';
export { PARAMETER_RANGES, parameterProblems, describeRange } from './parameter-ranges.ts';
