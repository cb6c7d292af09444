/**
 * `capillary score --data FILE`: a data scientist's own table (CSV, TSV or Parquet, read as
 * training reads it, `NA` and the like as missing) scored by a model, written to Parquet: every
 * column of the file, then `pd`, `score` (scorecard points; null for tree ensembles) and
 * `reason_codes` (JSON, the largest points lost, as offers give them; empty for tree ensembles,
 * which have no points to lose). The model is compiled to one SQL expression and scored inside
 * DuckDB, the same SQL the warehouse scoring uses.
 *
 * @example
 *   const result = await scoreFile(db, model, { data: 'applicants.csv', out: 'scored.parquet' });
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { quote, writeParquet, type Database } from '../../engine/db/index.ts';
import { loadFile } from '../../models/data/read-file.ts';
import { compilePdSql, compileScorecard, modelFeatures, reasonCodesSql, sqlIdentifier, type Model } from '../../models/index.ts';

export const SCORED_COLUMNS = ['pd', 'score', 'reason_codes'] as const;

export interface ScoreFileOptions {
  data: string;
  out: string;
}

/** Input the file cannot be scored with: names the option to fix. */
export class ScoreFileError extends Error {
  constructor(readonly option: 'data' | 'out', message: string) {
    super(`--${option}: ${message}`);
    this.name = 'ScoreFileError';
  }
}

export async function scoreFile(db: Database, model: Model, options: ScoreFileOptions): Promise<{ rows: number; out: string }> {
  const out = resolve(options.out);
  if (!out.endsWith('.parquet')) throw new ScoreFileError('out', `write to a .parquet file (got ${options.out})`);
  if (!existsSync(dirname(out))) throw new ScoreFileError('out', `folder ${dirname(out)} does not exist`);
  const input = 'score_input';
  try {
    await loadFile(db, options.data, input);
  } catch (error) {
    throw new ScoreFileError('data', (error as Error).message);
  }
  const columns = (await db.all<{ column_name: string }>(`DESCRIBE ${quote(input)}`)).map((c) => c.column_name);
  const missing = modelFeatures(model).filter((feature) => !columns.includes(feature));
  if (missing.length > 0) throw new ScoreFileError('data', `${options.data} lacks the model's features ${missing.join(', ')}`);
  const clash = columns.filter((c) => (SCORED_COLUMNS as readonly string[]).includes(c));
  if (clash.length > 0) throw new ScoreFileError('data', `${options.data} already has columns named ${clash.join(', ')}; rename them`);
  const column = (feature: string) => `i.${sqlIdentifier(feature)}`;
  const score = model.kind === 'scorecard' ? compileScorecard(model, { column }).score : 'CAST(NULL AS DOUBLE)';
  const query = `SELECT i.*, ${compilePdSql(model, { column })} AS pd, ${score} AS score, CAST(${reasonCodesSql(model, column)} AS VARCHAR) AS reason_codes
    FROM ${quote(input)} AS i ORDER BY i.rowid`;
  // Written beside the target and renamed: a failed run never leaves half a file under its name.
  const partial = `${out}.partial-${process.pid}`;
  try {
    const rows = await writeParquet(db, query, partial);
    renameSync(partial, out);
    return { rows, out };
  } finally {
    rmSync(partial, { force: true });
  }
}
