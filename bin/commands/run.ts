/** `capillary run`: the build plan after ingest (pipelines/manifest.ts, pipelines/runner.ts). */
import { Database } from '../../engine/db/index.ts';
import { STEP_NAMES, STEPS } from '../../pipelines/manifest.ts';
import { DEFAULT_THROUGH, monthlyAsOfDates, planStates, runPlan, type StepRun } from '../../pipelines/runner.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { warehousePath } from '../warehouse-option.ts';
import { progressBar } from '../progress-bar.ts';
import { UsageError } from '../usage-error.ts';
import { dateValue } from './model-options.ts';

export const run: Command = {
  summary: 'run the build plan (holidays, turnover, features, labels, champion, score, offers) up to a step, skipping fresh steps',
  usage: `[--through STEP] [--as-of DATE | --from DATE --to DATE] [--plan] [--step NAME] [--db FILE]

  --through STEP  run the plan up to this step (default ${DEFAULT_THROUGH}): ${STEP_NAMES.join(', ')}
  --as-of DATE    the as-of date of the per-date steps (features, labels; score and offers run at the latest);
                  it also moves the warehouse's business date forward to DATE (events written through the
                  API carry the business date; without --as-of it is the latest day of loaded turnover)
  --from, --to    a monthly range of as-of dates: FROM, FROM + 1 month, ... up to TO
  --plan          print each step of the plan (up to --through, default offers) with its state
                  (fresh, stale or missing, and why) and run nothing
  --step NAME     run this step alone, even when fresh
  --db FILE       warehouse (default ${dbOption.db.default})

A step is fresh when its output exists and nothing it reads changed since its last run (no
ingest since, upstream steps not rebuilt, same champion and policy); fresh steps are skipped.
Without a date, per-date steps are skipped; score takes the latest features date and offers the
champion's latest scored date. Each step run is logged in run_log; a step that fails leaves the
tables it would have replaced as they were.`,
  options: {
    through: { type: 'string' },
    'as-of': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    plan: { type: 'boolean' },
    step: { type: 'string' },
    ...dbOption,
  },
  async run(values: OptionValues): Promise<number> {
    const asOfDates = asOfDatesFrom(values);
    const through = stepOption(values, 'through');
    const step = stepOption(values, 'step');
    if (step && through) throw new UsageError('give --step or --through, not both');
    if (step && STEPS.find((s) => s.name === step)!.dates === 'each' && asOfDates.length === 0) throw new UsageError(`--step ${step} needs --as-of or --from/--to`);
    const db = await Database.open(warehousePath(values, { create: false }), values.plan ? { readOnly: true } : undefined);
    try {
      if (values.plan) {
        process.stdout.write(formatPlan(await planStates(db, { asOfDates, through: through ?? undefined })));
        return 0;
      }
      const asOf = values['as-of'] === undefined ? undefined : asOfDates[0];
      const runs = await runPlan(db, { asOfDates, through: through ?? undefined, steps: step ? [step] : undefined, onProgress: progressBar(), businessDate: asOf });
      process.stdout.write(formatRuns(runs));
      return 0;
    } finally {
      db.close();
    }
  },
};

function stepOption(values: OptionValues, name: string): string | null {
  const value = values[name];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !STEP_NAMES.includes(value)) throw new UsageError(`--${name}: no step '${String(value)}' (steps: ${STEP_NAMES.join(', ')})`);
  return value;
}

export function formatRuns(runs: StepRun[]): string {
  return runs
    .map((r) => {
      const head = `${r.step.padEnd(10)} ${(r.asOfDate ?? '').padEnd(10)}`;
      if (!r.ran) return `${head} ${'skipped'.padStart(12)}       ${r.before.state}: ${r.before.why}`;
      return `${head} ${r.rows.toLocaleString('en-US').padStart(12)} rows  ${(r.ms / 1000).toFixed(2)} s`;
    })
    .join('\n') + '\n';
}

export function formatPlan(rows: Awaited<ReturnType<typeof planStates>>): string {
  const lines = rows.map((r) => `${r.step.name.padEnd(10)} ${(r.asOfDate ?? '').padEnd(10)} ${r.state.state.padEnd(7)} ${r.state.why}`);
  return `${'step'.padEnd(10)} ${'as of'.padEnd(10)} ${'state'.padEnd(7)} why\n${lines.join('\n')}\n`;
}

/** The as-of dates named by --as-of, or --from/--to; none when neither is given. */
export function asOfDatesFrom(values: OptionValues): string[] {
  const asOf = values['as-of'];
  const from = values.from;
  const to = values.to;
  if (asOf !== undefined && (from !== undefined || to !== undefined)) throw new UsageError('give --as-of or --from/--to, not both');
  if (asOf !== undefined) return [dateValue(values, 'as-of')!];
  if (from === undefined && to === undefined) return [];
  if (from === undefined || to === undefined) throw new UsageError('--from and --to go together');
  const [start, end] = [dateValue(values, 'from')!, dateValue(values, 'to')!];
  if (end < start) throw new UsageError(`--to ${end} is before --from ${start}`);
  return monthlyAsOfDates(start, end);
}

