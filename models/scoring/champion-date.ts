/**
 * The one choice of model and date that every "latest" consumer makes: the champion, and the
 * latest as-of date it has scored. Offers sized with the champion must read the champion's own
 * scores; the latest date scored by any model may be a challenger's, which the champion has not
 * scored (the offers job failed that way before this was the only choice).
 *
 * @example
 *   const latest = await championScoredDate(db); // { modelId: 'M-…', asOfDate: '2024-06-01' } or null
 */
import type { Database } from '../../engine/db/index.ts';
import { championModel } from '../registry/read.ts';
import { SCORES_TABLE } from './score-warehouse.ts';

export interface ChampionDate {
  modelId: string;
  asOfDate: string;
}

/** The champion and its latest scored as-of date; null when there is no champion or it scored nothing. */
export async function championScoredDate(db: Database): Promise<ChampionDate | null> {
  const champion = await championModel(db);
  if (!champion || !(await db.exists(SCORES_TABLE))) return null;
  const modelId = champion.record.model_id;
  const row = await db.one<{ d: string | null }>(`SELECT CAST(max(as_of_date) AS VARCHAR) AS d FROM ${SCORES_TABLE} WHERE model_id = $model_id`, { model_id: modelId });
  return row?.d ? { modelId, asOfDate: row.d } : null;
}
