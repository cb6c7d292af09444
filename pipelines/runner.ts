/**
 * Runs pipeline steps in the manifest's order, with progress events and a row in `run_log` for
 * each step (and each as-of date of per-date steps): timing, rows out, ok or failed. A failed
 * step stops the run and leaves the tables it would have replaced as they were.
 *
 * @example
 *   await runPipeline(db, { asOfDates: monthlyAsOfDates('2024-01-01', '2024-06-01') });
 *   await runPipeline(db, { asOfDates: ['2024-06-01'], steps: ['features'] });
 */
import { randomUUID } from 'node:crypto';
import { cstTimestamp, type Database } from '../engine/db/index.ts';
import { silentProgress, type ProgressListener } from '../engine/progress.ts';
import { STEPS, stepNamed, type Step } from './manifest.ts';
import { ensureWarehouse } from './warehouse.ts';

export interface RunOptions {
  /** As-of dates for per-date steps; with none, per-date steps are skipped. */
  asOfDates?: string[];
  /** Only these steps (each alone, in manifest order); default: all. */
  steps?: string[];
  onProgress?: ProgressListener;
  runId?: string;
}

export interface StepRun {
  step: string;
  asOfDate: string | null;
  rows: number;
  ms: number;
}

export class StepFailedError extends Error {
  constructor(step: string, asOfDate: string | null, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`step ${step}${asOfDate ? ` as of ${asOfDate}` : ''} failed: ${reason}`, { cause });
    this.name = 'StepFailedError';
  }
}

export async function runPipeline(db: Database, options: RunOptions = {}): Promise<StepRun[]> {
  const progress = options.onProgress ?? silentProgress;
  const runId = options.runId ?? randomUUID();
  const asOfDates = [...(options.asOfDates ?? [])].sort();
  const only = new Set((options.steps ?? []).map((name) => stepNamed(name).name));
  const steps = STEPS.filter((step) => only.size === 0 || only.has(step.name));
  const work: { step: Step; asOf: string | null }[] = [];
  for (const step of steps) {
    if (step.perAsOf) for (const asOf of asOfDates) work.push({ step, asOf });
    else work.push({ step, asOf: null });
  }
  await ensureWarehouse(db);
  const done: StepRun[] = [];
  for (const [index, { step, asOf }] of work.entries()) {
    const stage = `${step.name}${asOf ? ` ${asOf}` : ''}`;
    progress({ stage, done: index, total: work.length, unit: 'steps' });
    const startedAt = new Date();
    const started = performance.now();
    try {
      const result = await step.run(db, asOf);
      const ms = Math.round(performance.now() - started);
      await logStep(db, runId, step.name, asOf, startedAt, ms, result.rows, null);
      done.push({ step: step.name, asOfDate: asOf, rows: result.rows, ms });
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      await logStep(db, runId, step.name, asOf, startedAt, ms, null, error).catch(() => undefined);
      throw new StepFailedError(step.name, asOf, error);
    }
    progress({ stage, done: index + 1, total: work.length, unit: 'steps' });
  }
  return done;
}

async function logStep(db: Database, runId: string, step: string, asOf: string | null, startedAt: Date, ms: number, rows: number | null, error: unknown): Promise<void> {
  const stamp = (date: Date) => cstTimestamp(date, 'millisecond');
  await db.run(
    `INSERT INTO run_log VALUES ($run_id, $step, CAST($as_of_date AS DATE), CAST($started_at AS TIMESTAMP), CAST($finished_at AS TIMESTAMP),
       $duration_ms, $rows_out, $status, $error)`,
    {
      run_id: runId,
      step,
      as_of_date: asOf,
      started_at: stamp(startedAt),
      finished_at: stamp(new Date(startedAt.getTime() + ms)),
      duration_ms: ms,
      rows_out: rows,
      status: error ? 'failed' : 'ok',
      error: error ? (error instanceof Error ? error.message : String(error)).slice(0, 2000) : null,
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
