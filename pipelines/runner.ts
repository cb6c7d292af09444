/**
 * Runs the build plan (manifest.ts) up to a step: each step at its dates, skipping the fresh ones
 * (plan-state.ts), with progress events and a row in `run_log` for each step run (timing, rows
 * out, ok or failed, and the inputs it read, which later runs compare). A failed step stops the
 * run and leaves the tables it would have replaced as they were.
 *
 * @example
 *   await runPlan(db, { through: 'offers', asOfDates: monthlyAsOfDates('2024-01-01', '2024-06-01') });
 *   await runPlan(db, { asOfDates: ['2024-06-01'], steps: ['features'] }); // one step, even if fresh
 */
import { randomUUID } from 'node:crypto';
import { cstTimestamp, type Database } from '../engine/db/index.ts';
import { silentProgress, type ProgressListener } from '../engine/progress.ts';
import { championScoredDate } from '../models/index.ts';
import { advanceBusinessDate } from './business-date.ts';
import { STEPS, stepNamed, stepsThrough, type Step } from './manifest.ts';
import { monitoringDate } from './monitoring/monitor.ts';
import { currentInputs, stepState, type StepInputs, type StepState } from './plan-state.ts';
import { ensureWarehouse } from './warehouse.ts';

/** Without `through`, the plan's data steps: what `capillary run` has always built. */
export const DEFAULT_THROUGH = 'labels';

export interface RunOptions {
  /** As-of dates of the per-date steps; with none, they are skipped and the latest-date steps take the warehouse's latest. */
  asOfDates?: string[];
  /** The last step to run (default 'labels'); the steps before it run first when they are not fresh. */
  through?: string;
  /** Only these steps (in plan order), each run even when fresh: a rebuild by hand. */
  steps?: string[];
  /** Run the latest-date steps (score, offers) at every as-of date, not only the latest. */
  everyDate?: boolean;
  onProgress?: ProgressListener;
  runId?: string;
  /** A date the run moves the warehouse's business date forward to (`capillary run --as-of`); see business-date.ts. */
  businessDate?: string;
}

export interface StepRun {
  step: string;
  asOfDate: string | null;
  /** False when the step was fresh and skipped. */
  ran: boolean;
  /** The state before the run: why it ran, or why it was skipped. */
  before: StepState;
  rows: number;
  ms: number;
  /** What the step reports of its run (the model, offer counts), when it ran. */
  detail?: Record<string, string | number>;
}

export class StepFailedError extends Error {
  constructor(step: string, asOfDate: string | null, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`step ${step}${asOfDate ? ` as of ${asOfDate}` : ''} failed: ${reason}`, { cause });
    this.name = 'StepFailedError';
  }
}

export async function runPlan(db: Database, options: RunOptions = {}): Promise<StepRun[]> {
  const progress = options.onProgress ?? silentProgress;
  const runId = options.runId ?? randomUUID();
  const asOfDates = [...new Set(options.asOfDates ?? [])].sort();
  const forced = options.steps !== undefined;
  const steps = selectSteps(options);
  await ensureWarehouse(db);
  // A latest-date step without given dates takes its date when its turn comes (after the score it reads).
  const work = steps.flatMap((step) => plannedDates(step, asOfDates, options.everyDate ?? false).map((asOf) => ({ step, asOf })));
  const done: StepRun[] = [];
  for (const [index, item] of work.entries()) {
    const asOf = item.asOf === LATEST ? await latestDate(db, item.step) : item.asOf;
    const stage = `${item.step.name}${asOf ? ` ${asOf}` : ''}`;
    progress({ stage, done: index, total: work.length, unit: 'steps' });
    if (item.asOf === LATEST && asOf === null) {
      const why = NO_DATE[item.step.name] ?? 'no date to run at';
      // Asked for by name, a step that cannot run is an error; within the plan it is just not built yet.
      if (forced) throw new StepFailedError(item.step.name, null, new Error(why));
      done.push({ step: item.step.name, asOfDate: null, ran: false, before: { state: 'missing', why }, rows: 0, ms: 0 });
      continue;
    }
    const before = await stepState(db, item.step, asOf);
    if (before.state === 'fresh' && !forced) {
      done.push({ step: item.step.name, asOfDate: asOf, ran: false, before, rows: 0, ms: 0 });
      progress({ stage, done: index + 1, total: work.length, unit: 'steps' });
      continue;
    }
    const inputs = await currentInputs(db, item.step, asOf);
    const startedAt = new Date();
    const started = performance.now();
    try {
      const result = await item.step.run(db, asOf, forced);
      const ms = Math.round(performance.now() - started);
      await logStep(db, { runId, step: item.step.name, asOf, startedAt, ms, rows: result.rows, error: null, inputs });
      done.push({ step: item.step.name, asOfDate: asOf, ran: true, before, rows: result.rows, ms, detail: result.detail });
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      await logStep(db, { runId, step: item.step.name, asOf, startedAt, ms, rows: null, error, inputs }).catch(() => undefined);
      throw new StepFailedError(item.step.name, asOf, error);
    }
    progress({ stage, done: index + 1, total: work.length, unit: 'steps' });
  }
  await advanceBusinessDate(db, { asOf: options.businessDate });
  return done;
}

/** Each step of the plan up to `through` at its dates, with its state now and why (`capillary run --plan`). */
export async function planStates(db: Database, options: Pick<RunOptions, 'asOfDates' | 'through' | 'everyDate'> = {}): Promise<{ step: Step; asOfDate: string | null; state: StepState }[]> {
  const given = [...new Set(options.asOfDates ?? [])].sort();
  const asOfDates = given.length > 0 ? given : await builtDates(db);
  const rows: { step: Step; asOfDate: string | null; state: StepState }[] = [];
  for (const step of stepsThrough(options.through ?? STEPS.at(-1)!.name)) {
    for (const planned of plannedDates(step, asOfDates, options.everyDate ?? false)) {
      const asOfDate = planned === LATEST ? await latestDate(db, step) : planned;
      let state: StepState = asOfDate === null && step.dates !== 'once' ? { state: 'missing', why: 'no date to run at' } : await stepState(db, step, asOfDate);
      // A step after one that will run is stale whatever its own inputs say now.
      const behind = rows.find((row) => step.dependsOn.includes(row.step.name) && row.state.state !== 'fresh' && (row.step.dates === 'once' || row.asOfDate === asOfDate));
      if (behind && state.state === 'fresh') state = { state: 'stale', why: `${behind.step.name} is ${behind.state.state}` };
      rows.push({ step, asOfDate, state });
    }
  }
  return rows;
}

/** Why a latest-date step has no date to run at. */
const NO_DATE: Record<string, string> = {
  score: 'there are no features yet: run the plan through features first',
  offers: 'the champion has scored nothing yet: run the score step first',
  monitor: 'there is no turnover yet: run the plan through turnover first',
};

/** A date chosen when the step's turn comes (latestDate). */
const LATEST = 'latest' as const;

function selectSteps(options: RunOptions): Step[] {
  if (options.steps) {
    const only = new Set(options.steps.map((name) => stepNamed(name).name));
    return STEPS.filter((step) => only.has(step.name));
  }
  return stepsThrough(options.through ?? DEFAULT_THROUGH);
}

function plannedDates(step: Step, asOfDates: string[], everyDate: boolean): (string | null)[] {
  if (step.dates === 'once') return [null];
  if (step.dates === 'each' || everyDate) return asOfDates;
  return asOfDates.length > 0 ? [asOfDates.at(-1)!] : [LATEST];
}

/**
 * A latest-date step's date when none is given: the score step scores the latest features date;
 * offers are sized at the champion's latest scored date (models/scoring: the one choice of model
 * and date that the offers job makes too); lines are monitored at the business date (monitor.ts).
 */
async function latestDate(db: Database, step: Step): Promise<string | null> {
  if (step.name === 'offers') return (await championScoredDate(db))?.asOfDate ?? null;
  if (step.name === 'monitor') return monitoringDate(db);
  if (!(await db.exists('features'))) return null;
  return (await db.one<{ d: string | null }>('SELECT CAST(max(as_of_date) AS VARCHAR) AS d FROM features'))?.d ?? null;
}

/** The as-of dates the per-date steps have been built at (the plan's dates when none are given). */
async function builtDates(db: Database): Promise<string[]> {
  if (!(await db.exists('run_log'))) return [];
  const rows = await db.all<{ d: string }>(`SELECT DISTINCT CAST(as_of_date AS VARCHAR) AS d FROM run_log WHERE step = 'features' AND status = 'ok' ORDER BY d`);
  return rows.map((row) => row.d);
}

interface LoggedStep {
  runId: string;
  step: string;
  asOf: string | null;
  startedAt: Date;
  ms: number;
  rows: number | null;
  error: unknown;
  inputs: StepInputs;
}

async function logStep(db: Database, entry: LoggedStep): Promise<void> {
  const stamp = (date: Date) => cstTimestamp(date, 'millisecond');
  const { error } = entry;
  await db.run(
    `INSERT INTO run_log BY NAME SELECT $run_id AS run_id, $step AS step, CAST($as_of_date AS DATE) AS as_of_date, CAST($started_at AS TIMESTAMP) AS started_at,
       CAST($finished_at AS TIMESTAMP) AS finished_at, $duration_ms AS duration_ms, $rows_out AS rows_out, $status AS status, $error AS error, $inputs AS inputs`,
    {
      run_id: entry.runId,
      step: entry.step,
      as_of_date: entry.asOf,
      started_at: stamp(entry.startedAt),
      finished_at: stamp(new Date(entry.startedAt.getTime() + entry.ms)),
      duration_ms: entry.ms,
      rows_out: entry.rows,
      status: error ? 'failed' : 'ok',
      error: error ? (error instanceof Error ? error.message : String(error)).slice(0, 2000) : null,
      inputs: JSON.stringify(entry.inputs),
    },
  );
}

/** As-of dates a month apart from `from` to `to` (both 'YYYY-MM-DD', inclusive). */
export function monthlyAsOfDates(from: string, to: string): string[] {
  const dates: string[] = [];
  const start = new Date(`${from}T00:00:00Z`);
  for (let i = 0; ; i++) {
    const date = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, start.getUTCDate()));
    if (date.getUTCDate() !== start.getUTCDate()) continue;
    const text = date.toISOString().slice(0, 10);
    if (text > to) break;
    dates.push(text);
  }
  return dates;
}
