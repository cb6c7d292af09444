/**
 * Drift of a model's population: PSI of the PD between its training population (the reference
 * profile stored in the registry) and a scoring run, and CSI of every feature it reads between
 * the same training rows and the warehouse's features at the run's date. Counting happens in
 * DuckDB on the reference's own bins (one pass of filtered counts for numeric features, a
 * GROUP BY per categorical one), so a 1.5M-merchant date never travels into JavaScript.
 *
 * @example
 *   const drift = await measureDrift(db, champion.record.model_id, champion.reference, '2025-06-01');
 *   drift.psi.verdict; // 'stable' | 'monitor' | 'shift'
 */
import type { Database } from '../../engine/db/index.ts';
import { numericRef, textRef } from '../compile-sql/columns.ts';
import { sqlDouble } from '../compile-sql/literal.ts';
import { stabilityIndex, type StabilityResult } from '../metrics/stability.ts';
import { SCORE_RUNS_TABLE, SCORES_TABLE } from '../scoring/score-warehouse.ts';
import { FEATURES_TABLE } from '../warehouse/tables.ts';
import type { BinnedProfile, PopulationProfile } from './profile.ts';

export interface Drift {
  asOfDate: string;
  rows: number;
  psi: StabilityResult;
  csi: (StabilityResult & { feature: string })[];
}

export async function measureDrift(db: Database, modelId: string, reference: PopulationProfile, asOfDate: string): Promise<Drift> {
  if (!(await db.exists(SCORES_TABLE))) throw new Error('the warehouse has no scores yet: run `capillary score --as-of DATE` first');
  const where = 'WHERE as_of_date = CAST($as_of_date AS DATE)';
  const scoreCounts = await rangeCounts(db, `FROM ${SCORES_TABLE} ${where} AND model_id = $model_id`, [['pd', reference.score]], { as_of_date: asOfDate, model_id: modelId });
  const rows = scoreCounts.total;
  if (rows === 0) throw new Error(`no scores of ${modelId} as of ${asOfDate}: run \`capillary score --as-of ${asOfDate}\` with it first`);
  const numeric = reference.features.filter((f) => f.type === 'numeric');
  const featureCounts = await rangeCounts(db, `FROM ${FEATURES_TABLE} ${where}`, numeric.map((f) => [numericRef(f.feature), f]), { as_of_date: asOfDate });
  const csi = [];
  for (const profile of reference.features) {
    const actual = profile.type === 'numeric' ? featureCounts.counts[numeric.indexOf(profile)] : await categoryCounts(db, profile, asOfDate);
    csi.push({ feature: profile.feature, ...stabilityIndex(profile.counts, actual) });
  }
    const pdCounts = scoreCounts.counts[0].slice(0, -1); // a PD is never missing: no missing bin
  return { asOfDate, rows, psi: stabilityIndex(reference.score.counts, pdCounts, [...(reference.score.edges ?? []), Infinity]), csi };
}

/** Counts per value bin (and missing) of each expression, on its profile's edges, in one pass. */
async function rangeCounts(db: Database, from: string, columns: [string, BinnedProfile][], params: Record<string, string>): Promise<{ total: number; counts: number[][] }> {
  const select = ['count(*) AS "total"'];
  columns.forEach(([sql, profile], k) => {
    (profile.edges ?? []).forEach((edge, j) => select.push(`count(*) FILTER (WHERE ${sql} <= ${sqlDouble(edge)}) AS "c${k}_${j}"`));
    select.push(`count(*) FILTER (WHERE ${sql} IS NOT NULL) AS "c${k}_present"`);
  });
  const row = (await db.one<Record<string, number>>(`SELECT ${select.join(', ')} ${from}`, params))!;
  const total = Number(row.total);
  const counts = columns.map(([, profile], k) => {
    const cumulative = [...(profile.edges ?? []).map((_, j) => Number(row[`c${k}_${j}`])), Number(row[`c${k}_present`])];
    const bins = cumulative.map((c, j) => c - (j > 0 ? cumulative[j - 1] : 0));
    return [...bins, total - Number(row[`c${k}_present`])];
  });
  return { total, counts };
}

/** Counts per reference category, then unseen, then missing. */
async function categoryCounts(db: Database, profile: BinnedProfile & { feature: string }, asOfDate: string): Promise<number[]> {
  const rows = await db.all<{ value: string | null; n: number }>(
    `SELECT ${textRef(profile.feature)} AS value, count(*) AS n FROM ${FEATURES_TABLE} WHERE as_of_date = CAST($as_of_date AS DATE) GROUP BY 1`,
    { as_of_date: asOfDate },
  );
  const categories = profile.categories ?? [];
  const counts = new Array<number>(categories.length + 2).fill(0);
  for (const { value, n } of rows) {
    const k = value === null ? categories.length + 1 : categories.indexOf(value);
    counts[k < 0 ? categories.length : k] += Number(n);
  }
  return counts;
}

/** The as-of date of the model's latest scoring run, or null. */
export async function latestScoredDate(db: Database, modelId: string): Promise<string | null> {
  if (!(await db.exists(SCORE_RUNS_TABLE))) return null;
  const row = await db.one<{ d: string }>(
    `SELECT CAST(as_of_date AS VARCHAR) AS d FROM ${SCORE_RUNS_TABLE} WHERE model_id = $id ORDER BY scored_at DESC, as_of_date DESC LIMIT 1`,
    { id: modelId },
  );
  return row?.d ?? null;
}
