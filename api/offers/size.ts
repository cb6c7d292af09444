/** The offers job: the build plan's offers step alone, at a date or the champion's latest scored date. */
import type { Database } from '../../engine/db/index.ts';
import type { ProgressListener } from '../../engine/progress.ts';
import { runPlan } from '../../pipelines/runner.ts';

export async function sizeLatestOffers(db: Database, asOfDate: string | undefined, onProgress: ProgressListener) {
  const [run] = await runPlan(db, { steps: ['offers'], asOfDates: asOfDate ? [asOfDate] : [], onProgress });
  return { ...run.detail, as_of_date: run.asOfDate } as {
    run_id: string; as_of_date: string; model_id: string; merchants: number; offers: number; declines: number; seconds: number;
  };
}
