/** `capillary run`: the pipeline steps after ingest (pipelines/runner.ts). */
import { Database } from '../../engine/db/index.ts';
import { STEPS } from '../../pipelines/manifest.ts';
import { monthlyAsOfDates, runPipeline, type StepRun } from '../../pipelines/runner.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { progressBar } from '../progress-bar.ts';
import { UsageError } from '../usage-error.ts';

export const run: Command = {
  summary: 'run the pipeline steps (turnover, features, labels) for one as-of date or a monthly range',
  usage: `[--as-of DATE | --from DATE --to DATE] [--step NAME] [--db FILE]

  --as-of DATE    the as-of date of the per-date steps (features, labels)
  --from, --to    a monthly range of as-of dates: FROM, FROM + 1 month, ... up to TO
  --step NAME     run this step alone: ${STEPS.map((s) => s.name).join(', ')}
  --db FILE       warehouse (default ${dbOption.db.default})

Without a date, only the steps that do not depend on one run. Each step is logged in run_log;
a step that fails leaves the tables it would have replaced as they were.`,
  options: { 'as-of': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, step: { type: 'string' }, ...dbOption },
  async run(values: OptionValues): Promise<number> {
    const asOfDates = asOfDatesFrom(values);
    const step = typeof values.step === 'string' ? values.step : null;
    if (step && !STEPS.some((s) => s.name === step)) throw new UsageError(`--step: no step '${step}' (steps: ${STEPS.map((s) => s.name).join(', ')})`);
    if (step && STEPS.find((s) => s.name === step)!.perAsOf && asOfDates.length === 0) throw new UsageError(`--step ${step} needs --as-of or --from/--to`);
    const db = await Database.open(String(values.db));
    try {
      const runs = await runPipeline(db, { asOfDates, steps: step ? [step] : undefined, onProgress: progressBar() });
      process.stdout.write(formatRuns(runs));
      return 0;
    } finally {
      db.close();
    }
  },
};

export function formatRuns(runs: StepRun[]): string {
  return runs.map((r) => `${r.step.padEnd(10)} ${(r.asOfDate ?? '').padEnd(10)} ${r.rows.toLocaleString('en-US').padStart(12)} rows  ${(r.ms / 1000).toFixed(2)} s`).join('\n') + '\n';
}

/** The as-of dates named by --as-of, or --from/--to; none when neither is given. */
export function asOfDatesFrom(values: OptionValues): string[] {
  const asOf = values['as-of'];
  const from = values.from;
  const to = values.to;
  if (asOf !== undefined && (from !== undefined || to !== undefined)) throw new UsageError('give --as-of or --from/--to, not both');
  if (asOf !== undefined) return [date(asOf, 'as-of')];
  if (from === undefined && to === undefined) return [];
  if (from === undefined || to === undefined) throw new UsageError('--from and --to go together');
  const [start, end] = [date(from, 'from'), date(to, 'to')];
  if (end < start) throw new UsageError(`--to ${end} is before --from ${start}`);
  return monthlyAsOfDates(start, end);
}

function date(value: unknown, name: string): string {
  const text = String(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
    throw new UsageError(`--${name}: expected a date YYYY-MM-DD (got '${text}')`);
  }
  return text;
}
