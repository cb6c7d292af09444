/**
 * `capillary score --as-of DATE`: every merchant of the warehouse at that date scored by the
 * champion (or a named model), written to the `scores` table with a `score_runs` row.
 * `capillary score --data FILE --model ID --out FILE.parquet`: a data scientist's own table
 * scored by a registered model (or a model file), written to Parquet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Database } from '../../engine/db/index.ts';
import { parseModel, type Model } from '../../models/model/model.ts';
import { championModel, getModel } from '../../models/registry/index.ts';
import { scoreFile, ScoreFileError } from '../../pipelines/score-file/score-file.ts';
import { scoreWarehouse, SCORES_TABLE, type ScoreMethod } from '../../models/scoring/index.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { warehousePath } from '../warehouse-option.ts';
import { progressBar } from '../progress-bar.ts';
import { UsageError } from '../usage-error.ts';
import { dateValue } from './model-options.ts';

export const score: Command = {
  summary: 'score every merchant at an as-of date with the champion model (writes the scores table)',
  usage: `--as-of DATE [--model ID] [--method sql|typescript] [--db FILE]
       capillary score --data FILE --model ID|MODEL.json --out FILE.parquet [--db FILE]

  --as-of DATE    the date whose features to score (built by \`capillary features\` or \`run\`)
  --model ID      a registered model instead of the champion
  --method M      sql: the model compiled to one DuckDB expression (a scorecard's default);
                  typescript: trees compiled to JavaScript over columns read from DuckDB (the
                  default for tree ensembles, several times faster than their nested-CASE SQL)
  --db FILE       warehouse (default ${dbOption.db.default})
  --data FILE     score this CSV, TSV or Parquet table instead (NA, N/A, null, NULL, NaN and
                  empty cells are missing); it needs the model's feature columns
  --out FILE      with --data: the Parquet file to write, every column of FILE plus pd, score
                  (scorecard points) and reason_codes (JSON; empty for tree ensembles)`,
  options: { 'as-of': { type: 'string' }, model: { type: 'string' }, method: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, ...dbOption },
  async run(values: OptionValues): Promise<number> {
    if (values.data !== undefined || values.out !== undefined) return scoreDataFile(values);
    const asOfDate = dateValue(values, 'as-of');
    if (!asOfDate) throw new UsageError('--as-of DATE is required');
    const method = values.method as ScoreMethod | undefined;
    if (method !== undefined && method !== 'sql' && method !== 'typescript') throw new UsageError(`--method: sql or typescript (got '${String(method)}')`);
    const db = await Database.open(warehousePath(values, { create: false }));
    try {
      const stored = typeof values.model === 'string' ? await getModel(db, values.model) : await championModel(db);
      if (!stored) throw new Error('there is no champion to score with: promote one (`capillary models promote ID --by NAME --why TEXT`) or pass --model ID');
      if (method === 'typescript' && stored.model.kind === 'scorecard') throw new UsageError('--method typescript is for tree ensembles; a scorecard scores in SQL');
      const run = await scoreWarehouse(db, stored.record.model_id, stored.model, { asOfDate, method, onProgress: progressBar() });
      const summary = await db.one<Record<string, number>>(
        `SELECT avg(pd) AS mean, quantile_cont(pd, 0.5) AS median, quantile_cont(pd, 0.9) AS p90, max(pd) AS max FROM ${SCORES_TABLE} WHERE as_of_date = CAST($d AS DATE) AND model_id = $id`,
        { d: asOfDate, id: run.modelId },
      );
      const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
      const steps = run.method === 'typescript' ? `read ${run.steps.read.toFixed(2)} s, score ${run.steps.score.toFixed(2)} s, write ${run.steps.write.toFixed(2)} s; ` : '';
      process.stdout.write(
        `scored ${run.rows.toLocaleString('en-US')} merchants as of ${asOfDate} with ${run.modelId} (${stored.record.status}, ${run.method}) in ${run.seconds.toFixed(2)} s ` +
          `(${steps}${Math.round(run.rows / run.seconds).toLocaleString('en-US')} merchants/s)\n` +
          `PD: mean ${pct(summary!.mean)}, median ${pct(summary!.median)}, 90th percentile ${pct(summary!.p90)}, max ${pct(summary!.max)}; written to ${SCORES_TABLE}\n`,
      );
      return 0;
    } finally {
      db.close();
    }
  },
};

/** `--data FILE --model ID --out FILE.parquet`: every bad option is named, exit 2, nothing left behind. */
async function scoreDataFile(values: OptionValues): Promise<number> {
  if (typeof values.data !== 'string') throw new UsageError('--data FILE is required with --out');
  if (typeof values.out !== 'string') throw new UsageError('--out FILE.parquet is required with --data');
  if (values['as-of'] !== undefined) throw new UsageError('--as-of scores the warehouse; --data scores a file: give one of them');
  if (values.method !== undefined) throw new UsageError('--method is for --as-of; a file is scored by the model compiled to SQL');
  if (typeof values.model !== 'string') throw new UsageError('--model ID (or a model .json file) is required with --data');
  if (!existsSync(values.data)) throw new UsageError(`--data: ${values.data} does not exist`);
  const model = await modelOf(values.model, String(values.db));
  const db = await Database.open(':memory:');
  try {
    const result = await scoreFile(db, model, { data: values.data, out: values.out });
    process.stdout.write(`scored ${result.rows.toLocaleString('en-US')} rows of ${values.data} with ${values.model}; written to ${result.out}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ScoreFileError) throw new UsageError(error.message);
    throw error;
  } finally {
    db.close();
  }
}

async function modelOf(id: string, dbPath: string): Promise<Model> {
  if (id.endsWith('.json') && existsSync(id)) {
    try {
      return parseModel(readFileSync(id, 'utf8'));
    } catch (error) {
      throw new UsageError(`--model: ${(error as Error).message}`);
    }
  }
  if (!existsSync(dbPath)) throw new UsageError(`--db: ${dbPath} does not exist (the registry that holds model ${id})`);
  const db = await Database.open(dbPath);
  try {
    return (await getModel(db, id)).model;
  } catch (error) {
    throw new UsageError(`--model: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}
