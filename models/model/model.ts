/**
 * One face for every model kind: score a row (the API), score a dataset (validation), compile
 * to SQL (the warehouse), list the features it reads, and write or read the JSON file. The
 * registry and the CLI speak to models only through here.
 *
 * @example
 *   const text = serializeModel(model);
 *   const again = parseModel(text);
 *   scoreRow(again, row) === scoreRow(model, row); // true, to the last bit
 */
import type { Dataset, Row } from '../data/frame.ts';
import { compileEnsemble } from '../compile-sql/trees-sql.ts';
import { compileScorecard } from '../compile-sql/scorecard-sql.ts';
import type { ColumnOptions } from '../compile-sql/columns.ts';
import { ensemblePd } from '../gbdt/predict.ts';
import { datasetColumns } from '../scoring/input-codes.ts';
import { treeProgram } from '../scoring/tree-program.ts';
import type { TreeEnsemble } from '../gbdt/types.ts';
import { scorecardPd, scoreScorecard } from '../scorecard/score.ts';
import type { Scorecard } from '../scorecard/types.ts';
import { ModelFileSchema } from './schema.ts';

export type Model = Scorecard | TreeEnsemble;
export type Algorithm = Model['kind'];

/** PD of one row. */
export function scoreRow(model: Model, row: Row): number {
  return model.kind === 'scorecard' ? scorecardPd(model, row) : ensemblePd(model, row);
}

/**
 * PD of every row of a dataset. Tree ensembles go through the compiled tree program, which adds
 * tree outputs in the one-row scorer's order: a training population's PDs, the warehouse's
 * scores and the API's answers are then the same numbers to the bit.
 */
export function scoreDataset(model: Model, data: Dataset): Float64Array {
  if (model.kind === 'scorecard') return scoreScorecard(model, data).pd;
  const program = treeProgram(model);
  return program.score(datasetColumns(program, data), data.nRows);
}

/** One DuckDB SQL expression giving the PD of a row of a table holding the model's features. */
export function compilePdSql(model: Model, options: ColumnOptions = {}): string {
  return model.kind === 'scorecard' ? compileScorecard(model, options).pd : compileEnsemble(model, options).pd;
}

/** Features the model reads (a trees model reads all it was trained on, used or not). */
export function modelFeatures(model: Model): string[] {
  return model.kind === 'scorecard' ? model.characteristics.map((c) => c.feature) : model.features.map((f) => f.feature);
}

/** Features that some split or characteristic actually uses. */
export function usedFeatures(model: Model): string[] {
  if (model.kind === 'scorecard') return modelFeatures(model);
  const used = new Set<number>();
  for (const tree of model.trees) for (const f of tree.feature) if (f >= 0) used.add(f);
  return [...used].sort((a, b) => a - b).map((f) => model.features[f].feature);
}

/** The model as a JSON file (doubles written shortest-exact, so a reload is bit-identical). */
export function serializeModel(model: Model, indent?: number): string {
  return JSON.stringify({ format: 'capillary.model', version: 1, model }, null, indent);
}

/** Reads a model file, checking its shape; errors name the offending field. */
export function parseModel(text: string): Model {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new Error(`model file is not JSON: ${(cause as Error).message}`, { cause });
  }
  const parsed = ModelFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`model file is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data.model;
}
