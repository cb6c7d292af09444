/**
 * The scorecard as people read it: one line per characteristic and bin with its counts, bad
 * rate, WoE and points. `formatScorecard` prints it as aligned text for the CLI and model cards.
 */
import type { Scorecard } from './types.ts';

export interface ScorecardLine {
  characteristic: string;
  bin: string;
  count: number;
  badRate: number | null;
  woe: number;
  points: number;
}

export function scorecardTable(card: Scorecard): ScorecardLine[] {
  return card.characteristics.flatMap((c) =>
    c.binning.bins.map((bin, b) => ({
      characteristic: c.feature,
      bin: bin.label,
      count: bin.good + bin.bad,
      badRate: bin.good + bin.bad > 0 ? bin.bad / (bin.good + bin.bad) : null,
      woe: bin.woe,
      points: c.points[b],
    })),
  );
}

/** Aligned text, points rounded to whole numbers as a printed scorecard shows them. */
export function formatScorecard(card: Scorecard): string {
  const header = ['characteristic', 'bin', 'count', 'bad rate', 'WoE', 'points'];
  const rows = scorecardTable(card).map((line) => [
    line.characteristic,
    line.bin,
    String(line.count),
    line.badRate === null ? '-' : `${(100 * line.badRate).toFixed(1)}%`,
    line.woe.toFixed(3),
    line.points.toFixed(0),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const numeric = [false, false, true, true, true, true];
  const format = (cells: string[]): string =>
    cells.map((cell, k) => (numeric[k] ? cell.padStart(widths[k]) : cell.padEnd(widths[k]))).join('  ').trimEnd();
  const s = card.scaling;
  const title = `scorecard: ${card.characteristics.length} characteristics, ${s.baseScore} points at odds ${s.baseOdds}:1, ${s.pdo} points to double the odds`;
  return [title, format(header), ...rows.map(format)].join('\n');
}
