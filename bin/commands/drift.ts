/**
 * `capillary drift`: PSI of the champion's PD and CSI of each of its features between its
 * training population and its latest scoring run (or a given date), read with the usual bands:
 * below 0.1 stable, 0.1–0.25 monitor, 0.25 and above a shift.
 */
import { Database } from '../../engine/db/index.ts';
import { latestScoredDate, measureDrift } from '../../models/monitoring/index.ts';
import { championModel, getModel } from '../../models/registry/index.ts';
import { align } from '../../models/training/format-report.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { warehousePath } from '../warehouse-option.ts';
import { dateValue } from './model-options.ts';

export const drift: Command = {
  summary: "population drift (PSI, CSI) of the champion's latest scoring run against its training data",
  usage: `[--as-of DATE] [--model ID] [--all] [--db FILE]

  --as-of DATE    the scoring run to check (default: the model's latest)
  --model ID      a registered model instead of the champion
  --all           list every feature, not only those that moved (CSI of 0.1 or more)
  --db FILE       warehouse (default ${dbOption.db.default})`,
  options: { 'as-of': { type: 'string' }, model: { type: 'string' }, all: { type: 'boolean', default: false }, ...dbOption },
  async run(values: OptionValues): Promise<number> {
    const asOf = dateValue(values, 'as-of');
    const db = await Database.open(warehousePath(values, { create: false }), { readOnly: true });
    try {
      const stored = typeof values.model === 'string' ? await getModel(db, values.model) : await championModel(db);
      if (!stored) throw new Error('there is no champion to monitor: promote one or pass --model ID');
      const modelId = stored.record.model_id;
      const date = asOf ?? (await latestScoredDate(db, modelId));
      if (!date) throw new Error(`${modelId} has not scored any date yet: run \`capillary score --as-of DATE\` first`);
      const result = await measureDrift(db, modelId, stored.reference, date);
      const moved = result.csi.filter((c) => values.all === true || c.verdict !== 'stable').sort((a, b) => b.index - a.index);
      const lines = [
        `${modelId}: training population (${stored.reference.rows.toLocaleString('en-US')} rows, ${stored.record.train_from ?? 'random split'}..${stored.record.train_to ?? ''}) vs scoring run as of ${date} (${result.rows.toLocaleString('en-US')} merchants)`,
        `PSI of the PD: ${result.psi.index.toFixed(4)} — ${result.psi.verdict}`,
        `CSI: ${result.csi.filter((c) => c.verdict === 'stable').length} stable, ${result.csi.filter((c) => c.verdict === 'monitor').length} to monitor, ${result.csi.filter((c) => c.verdict === 'shift').length} shifted, of ${result.csi.length} features`,
      ];
      if (moved.length > 0) lines.push(...align([['feature', 'CSI', 'verdict'], ...moved.map((c) => [c.feature, c.index.toFixed(4), c.verdict])]).map((l) => `  ${l}`));
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    } finally {
      db.close();
    }
  },
};
