/**
 * Scoring with a scorecard: one row (the API) or a whole dataset (validation). The total is
 * summed characteristic by characteristic in table order, the same order the compiled SQL adds
 * its CASE terms, and the PD comes from the scaling, so both paths give the same number.
 *
 * @example
 *   const { score, pd, points } = scoreRowDetail(card, { duration_in_month: 24, ... });
 */
import { binCodes, binIndex } from '../binning/assign.ts';
import { columnOf, type Dataset, type Row } from '../data/frame.ts';
import { pdFromScore } from './scaling.ts';
import type { Scorecard } from './types.ts';

export interface ScorecardRowScore {
  score: number;
  pd: number;
  /** Bin index per characteristic. */
  bins: number[];
  points: number[];
}

export function scoreRowDetail(card: Scorecard, row: Row): ScorecardRowScore {
  const bins = card.characteristics.map((c) => binIndex(c.binning, row[c.feature]));
  const points = card.characteristics.map((c, j) => c.points[bins[j]]);
  let score = 0;
  for (const p of points) score += p;
  return { score, pd: pdFromScore(card.scaling, score), bins, points };
}

/** PD of one row. */
export function scorecardPd(card: Scorecard, row: Row): number {
  let score = 0;
  for (const c of card.characteristics) score += c.points[binIndex(c.binning, row[c.feature])];
  return pdFromScore(card.scaling, score);
}

/** Scores and PDs of every row of a dataset. */
export function scoreScorecard(card: Scorecard, data: Dataset): { score: Float64Array; pd: Float64Array } {
  const score = new Float64Array(data.nRows);
  for (const c of card.characteristics) {
    const codes = binCodes(c.binning, columnOf(data, c.feature));
    for (let i = 0; i < data.nRows; i++) score[i] += c.points[codes[i]];
  }
  return { score, pd: score.map((s) => pdFromScore(card.scaling, s)) };
}
