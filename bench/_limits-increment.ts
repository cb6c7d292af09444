/**
 * The daily increment of the limits benchmark: a warehouse built through offers on the bench's
 * lake, then one more day lands in the lake and is ingested and the plan runs through offers at
 * the new as-of date; the seconds of that ingest and run are the increment. The new day is the
 * lake's last day delivered again under the next date (the simulator's networks differ by length,
 * so a network one day longer is not this one plus a day): the same merchants trade as much as
 * on the day before. The champion that scores is trained on a small network of its own (a short
 * bench lake has no 12-month labels) and promoted in the bench warehouse: the champion is an input
 * of the plan, as in a bank, where a person promotes it.
 */
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../engine/calendar/days.ts';
import { Database } from '../engine/db/index.ts';
import { ingestLake } from '../pipelines/ingest/ingest.ts';
import { runPlan } from '../pipelines/runner.ts';
import { promoteSmallNetworkChampion } from './_champion.ts';
import { timed } from './_measure.ts';

export interface IncrementFigure {
  ms: number;
  cpuMs: number;
  /** Milliseconds of the ingest and of each plan step that ran. */
  parts: Record<string, number>;
  newDay: string;
  /** Rows of the new day's file. */
  rows: number;
}

/** `lake` is the bench's settlement lake of `days` days from `start`, already ingested into `db`. */
export async function measureIncrement(dir: string, db: Database, lake: string, start: string, days: number): Promise<IncrementFigure> {
  await promoteSmallNetworkChampion(dir, db);
  await runPlan(db, { through: 'offers', asOfDates: [addDays(start, days)] });
  return addOneDay(db, lake, start, days);
}

/**
 * The increment itself on a warehouse built through offers at the day after the lake's last:
 * the last day delivered again under the next date, ingested, and the plan run through offers
 * at the new as-of date; throws when turnover did not rebuild from that day only.
 */
export async function addOneDay(db: Database, lake: string, start: string, days: number): Promise<IncrementFigure> {
  const lastDay = addDays(start, days - 1);
  const newDay = addDays(lastDay, 1);
  const folder = (day: string) => join(lake, 'settlements', `settlement_date=${day}`);
  cpSync(folder(lastDay), folder(newDay), { recursive: true });
  const rows = Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM read_parquet($files)`, { files: readdirSync(folder(newDay)).map((f) => join(folder(newDay), f)) }))!.n);
  const parts: Record<string, number> = {};
  const work = await timed(async () => {
    const ingest = await timed(() => ingestLake(db, lake));
    parts.ingest = Math.round(ingest.ms);
    const runs = await runPlan(db, { through: 'offers', asOfDates: [addDays(newDay, 1)] });
    for (const run of runs.filter((r) => r.ran)) parts[run.step] = (parts[run.step] ?? 0) + run.ms;
    const turnover = runs.find((r) => r.step === 'turnover');
    if (turnover?.detail?.rebuilt !== `from ${newDay}`) throw new Error(`the increment rebuilt turnover ${String(turnover?.detail?.rebuilt)}, not from ${newDay}`);
  });
  return { ms: work.ms, cpuMs: work.cpuMs, parts, newDay, rows };
}
