/**
 * `capillary score --as-of DATE`: every merchant of the warehouse at that date scored by the
 * champion (or a named model), written to the `scores` table with a `score_runs` row.
 */
import { Database } from '../../engine/db/index.ts';
import { championModel, getModel } from '../../models/registry/index.ts';
import { scoreWarehouse, SCORES_TABLE, type ScoreMethod } from '../../models/scoring/index.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { warehousePath } from '../warehouse-option.ts';
import { progressBar } from '../progress-bar.ts';
import { UsageError } from '../usage-error.ts';
import { dateValue } from './model-options.ts';

export const score: Command = {
  summary: 'score every merchant at an as-of date with the champion model (writes the scores table)',
  usage: `--as-of DATE [--model ID] [--method sql|typescript] [--db FILE]

  --as-of DATE    the date whose features to score (built by \`capillary features\` or \`run\`)
  --model ID      a registered model instead of the champion
  --method M      sql: the model compiled to one DuckDB expression (a scorecard's default);
                  typescript: trees compiled to JavaScript over columns read from DuckDB (the
                  default for tree ensembles, several times faster than their nested-CASE SQL)
  --db FILE       warehouse (default ${dbOption.db.default})`,
  options: { 'as-of': { type: 'string' }, model: { type: 'string' }, method: { type: 'string' }, ...dbOption },
  async run(values: OptionValues): Promise<number> {
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
