/** The offers job: sizes every scored merchant at a date with the offers pipeline. */
import type { Database } from '../../engine/db/index.ts';
import type { ProgressListener } from '../../engine/progress.ts';
import { sizeOffers } from '../../pipelines/offers/index.ts';

export async function sizeLatestOffers(db: Database, asOfDate: string | undefined, onProgress: ProgressListener) {
  const date = asOfDate ?? (await latestScoredDate(db));
  const run = await sizeOffers(db, { asOfDate: date, onProgress });
  return { run_id: run.runId, as_of_date: run.asOfDate, model_id: run.modelId, merchants: run.merchants, offers: run.offers, declines: run.declines, seconds: run.seconds };
}

async function latestScoredDate(db: Database): Promise<string> {
  const row = await db.one<{ d: string | null }>('SELECT CAST(max(as_of_date) AS VARCHAR) AS d FROM scores').catch(() => undefined);
  if (!row?.d) throw new Error('nothing is scored yet: run a score job first');
  return row.d;
}
