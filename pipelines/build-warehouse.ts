/**
 * The one function that builds a warehouse in code: ingest a lake (when given), then run the
 * build plan up to a step, skipping what is fresh. `capillary start`, the API's jobs, the
 * notebooks' warehouse, the test fixtures and the benchmarks all build through it.
 *
 * @example
 *   const built = await buildWarehouse(db, { lake: 'data/lake', through: 'offers', asOfDates });
 *   built.runs.filter((r) => r.ran); // what this call rebuilt
 */
import type { Database } from '../engine/db/index.ts';
import { addDays } from '../engine/calendar/days.ts';
import type { ProgressListener } from '../engine/progress.ts';
import { ingestLake, type IngestSummary } from './ingest/ingest.ts';
import { monthlyAsOfDates, runPlan, type RunOptions, type StepRun } from './runner.ts';

export interface BuildOptions extends Omit<RunOptions, 'steps' | 'through'> {
  /** A finished lake folder to ingest first (files already loaded are skipped). */
  lake?: string;
  /** The last step of the plan to run. */
  through: string;
  onProgress?: ProgressListener;
}

export interface BuiltWarehouse {
  ingest: IngestSummary | null;
  runs: StepRun[];
}

export async function buildWarehouse(db: Database, options: BuildOptions): Promise<BuiltWarehouse> {
  const { lake, ...plan } = options;
  const ingest = lake ? await ingestLake(db, lake, { requireFinished: true, onProgress: options.onProgress }) : null;
  const runs = await runPlan(db, plan);
  return { ingest, runs };
}

/**
 * Monthly as-of dates of a simulated network of `days` days from `start`: from the seventh month
 * (six months of history behind the first) to the day after the last.
 */
export function networkAsOfDates(start: string, days: number): string[] {
  return monthlyAsOfDates(addDays(start, 182), addDays(start, days));
}
