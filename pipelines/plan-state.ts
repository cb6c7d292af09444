/**
 * Whether a step's output is fresh, stale or missing, and why. A step's run is logged in run_log
 * with the inputs it read (its sources and the run ids of its upstream steps' latest builds); it
 * is fresh while those are unchanged and its output is there.
 *
 * @example
 *   await stepState(db, stepNamed('features'), '2024-06-01'); // { state: 'stale', why: 'turnover was rebuilt since' }
 */
import type { Database } from '../engine/db/index.ts';
import { stepNamed, type Step } from './manifest.ts';

export type Freshness = 'fresh' | 'stale' | 'missing';

export interface StepState {
  state: Freshness;
  why: string;
}

export type StepInputs = Record<string, string>;

/** The latest successful run of a step (at a date): its run id and the inputs it read. */
export async function lastRun(db: Database, step: string, asOfDate: string | null): Promise<{ runId: string; inputs: StepInputs } | null> {
  if (!(await db.exists('run_log'))) return null;
  const row = await db.one<{ run_id: string; inputs: string | null }>(
    `SELECT run_id, inputs FROM run_log
     WHERE step = $step AND as_of_date IS NOT DISTINCT FROM CAST($as_of_date AS DATE) AND status = 'ok'
     ORDER BY finished_at DESC, rowid DESC LIMIT 1`,
    { step, as_of_date: asOfDate },
  );
  return row ? { runId: row.run_id, inputs: row.inputs ? JSON.parse(row.inputs) : {} } : null;
}

/** What a step would read now: its sources and its upstream steps' latest run ids. */
export async function currentInputs(db: Database, step: Step, asOfDate: string | null): Promise<StepInputs> {
  const inputs: StepInputs = { ...(await step.sources(db, asOfDate)) };
  for (const name of step.dependsOn) {
    const upstream = stepNamed(name);
    // A kept step (the champion) is read through its own source (the model id), not its runs.
    if (upstream.keptOnceBuilt) continue;
    // A once-built step that says what it holds before a date is read through that, not its runs.
    if (upstream.versionBefore && asOfDate !== null) {
      inputs[name] = await upstream.versionBefore(db, asOfDate);
      continue;
    }
    inputs[name] = (await lastRun(db, name, upstream.dates === 'once' ? null : asOfDate))?.runId ?? 'never';
  }
  return inputs;
}

export async function stepState(db: Database, step: Step, asOfDate: string | null): Promise<StepState> {
  const last = await lastRun(db, step.name, asOfDate);
  if (!(await step.built(db, asOfDate))) {
    return { state: 'missing', why: step.keptOnceBuilt ? 'no champion yet' : last ? 'its output is gone' : 'never built' };
  }
  if (step.keptOnceBuilt) return { state: 'fresh', why: 'kept until a person promotes another' };
  if (!last) return { state: 'stale', why: 'built outside the plan (no run_log entry)' };
  const now = await currentInputs(db, step, asOfDate);
  const changed = Object.keys(now).filter((key) => last.inputs[key] !== now[key]);
  if (changed.length > 0) return { state: 'stale', why: changed.map(describeChange).join('; ') };
  return { state: 'fresh', why: 'nothing it reads changed since its last run' };
}

function describeChange(input: string): string {
  switch (input) {
    case 'lake': return 'new or changed data ingested since';
    case 'calendar': return 'the holiday calendar changed since';
    case 'model': return 'the champion changed since';
    case 'policy': return 'the default policy changed since';
    case 'code': return 'its queries changed since';
    default: return `${input} was rebuilt since`;
  }
}
