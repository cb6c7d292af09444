/** `capillary features`: point-in-time features as of a date (or a monthly range of dates). */
import { Database } from '../../engine/db/index.ts';
import { FEATURE_CATALOG } from '../../engine/warehouse/index.ts';
import { runPlan } from '../../pipelines/runner.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { warehousePath } from '../warehouse-option.ts';
import { progressBar } from '../progress-bar.ts';
import { UsageError } from '../usage-error.ts';
import { asOfDatesFrom, formatRuns } from './run.ts';

export const features: Command = {
  summary: `compute the ${FEATURE_CATALOG.length} merchant features as of a date into the features table`,
  usage: `--as-of DATE | --from DATE --to DATE [--db FILE]

  --as-of DATE    nothing on or after this date is read
  --from, --to    a monthly range of as-of dates
  --db FILE       warehouse (default ${dbOption.db.default})

The build plan through its features step (\`capillary run --through features\`): holidays and
turnover are rebuilt first when they are not fresh; a date whose features are fresh is skipped.
The catalog of features is in README.md (Pipelines and features).`,
  options: { 'as-of': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, ...dbOption },
  async run(values: OptionValues): Promise<number> {
    const asOfDates = asOfDatesFrom(values);
    if (asOfDates.length === 0) throw new UsageError('--as-of DATE (or --from/--to) is required');
    const db = await Database.open(warehousePath(values, { create: false }));
    try {
      const runs = await runPlan(db, { asOfDates, through: 'features', onProgress: progressBar() });
      process.stdout.write(formatRuns(runs));
      return 0;
    } finally {
      db.close();
    }
  },
};
