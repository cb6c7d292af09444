/**
 * `capillary monitor --as-of DATE`: daily monitoring of every open or frozen Easy Loan line as of
 * a date (pipelines/monitoring): each line's early-warning signals, the policy's action, written
 * to the ledger as events. A date already monitored is reported, not monitored twice.
 */
import { Database } from '../../engine/db/index.ts';
import { MonitoringDateError, monitoringDate, monitorLines } from '../../pipelines/monitoring/monitor.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { progressBar } from '../progress-bar.ts';
import { UsageError } from '../usage-error.ts';
import { warehousePath } from '../warehouse-option.ts';
import { dateValue } from './model-options.ts';
import { readPolicyFile } from './policy-option.ts';

export const monitor: Command = {
  summary: 'monitor every open Easy Loan line as of a date: signals, actions, ledger events',
  usage: `[--as-of DATE] [--policy FILE] [--model ID] [--json] [--db FILE]

  --as-of DATE   the monitoring date: signals read data before it; actions are dated on it
                 (default: the warehouse's business date; never before the
                 ledger's last event: replay a past date with \`capillary backtest --monitoring\`)
  --policy FILE  a policy as JSON whose monitoring section decides (default: the built-in policy)
  --model ID     the model whose latest scores give the behavioural PD (default: the champion)
  --json         print the run as JSON
  --db FILE      warehouse (default ${dbOption.db.default})`,
  options: { 'as-of': { type: 'string' }, policy: { type: 'string' }, model: { type: 'string' }, json: { type: 'boolean', default: false }, ...dbOption },
  async run(values: OptionValues): Promise<number> {
    const policy = typeof values.policy === 'string' ? readPolicyFile(values.policy) : undefined;
    const db = await Database.open(warehousePath(values, { create: false }));
    try {
      const asOfDate = dateValue(values, 'as-of') ?? (await monitoringDate(db));
      if (!asOfDate) throw new UsageError('the warehouse has no turnover to take a business date from: give --as-of DATE, or run the plan through turnover');
      const run = await monitorLines(db, {
        asOfDate, policy, modelId: typeof values.model === 'string' ? values.model : undefined,
        onProgress: values.json ? undefined : progressBar(),
      });
      if (values.json) {
        process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
      } else if (run.already_monitored) {
        process.stdout.write(`${asOfDate} was monitored already (${run.lines} lines, policy ${run.policy_version}); nothing written\n`);
      } else {
        process.stdout.write(
          `monitored ${run.lines} lines as of ${asOfDate} (policy ${run.policy_version}, PD from ${run.model_id ?? 'no model'}) in ${run.seconds.toFixed(2)} s: ` +
            `${run.watched} watched, ${run.reduced} limits reduced, ${run.frozen} frozen, ${run.unfrozen} unfrozen, ${run.increased} limits raised\n`,
        );
      }
      return 0;
    } catch (error) {
      if (error instanceof MonitoringDateError) throw new UsageError(`--as-of: ${error.message}`);
      throw error;
    } finally {
      db.close();
    }
  },
};
