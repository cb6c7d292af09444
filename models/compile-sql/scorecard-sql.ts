/**
 * A scorecard as one SQL expression: a CASE per characteristic giving its points, their sum the
 * score, and the PD from the scaling, 1 / (1 + exp((score − offset) / factor)), the same
 * arithmetic in the same order as scorecard/score.ts. Bins are tested in the TypeScript order:
 * missing, special values, then ranges by `<=` on the exact edges; unseen categories fall to
 * the "other" bin through ELSE.
 *
 * @example
 *   const { pd } = compileScorecard(card);
 *   await db.all(`SELECT merchant_id, ${pd} AS pd FROM features`);
 */
import { otherIndex } from '../binning/assign.ts';
import type { Characteristic, Scorecard } from '../scorecard/types.ts';
import { numericRef, textRef, type ColumnOptions } from './columns.ts';
import { sqlDouble, sqlString } from './literal.ts';

export interface CompiledScorecard {
  /** Points per characteristic, in table order. */
  points: { feature: string; sql: string }[];
  score: string;
  pd: string;
}

export function compileScorecard(card: Scorecard, options: ColumnOptions = {}): CompiledScorecard {
  const points = card.characteristics.map((c) => ({ feature: c.feature, sql: characteristicSql(c, options) }));
  const score = points.length === 1 ? points[0].sql : points.map((p) => `(${p.sql})`).join(' + ');
  const { offset, factor } = card.scaling;
  const pd = `1.0 / (1.0 + exp(((${score}) - ${sqlDouble(offset)}) / ${sqlDouble(factor)}))`;
  return { points, score, pd };
}

function characteristicSql(c: Characteristic, options: ColumnOptions): string {
  const bins = c.binning.bins;
  const pts = (b: number): string => sqlDouble(c.points[b]);
  const whens: string[] = [];
  const missing = bins.findIndex((bin) => bin.kind === 'missing');
  if (c.binning.type === 'numeric') {
    const v = numericRef(c.feature, options);
    whens.push(`WHEN ${v} IS NULL THEN ${pts(missing)}`);
    bins.forEach((bin, b) => {
      if (bin.kind === 'special' && bin.values && bin.values.length > 0) whens.push(`WHEN ${v} IN (${bin.values.map(sqlDouble).join(', ')}) THEN ${pts(b)}`);
    });
    const ranges = bins.map((bin, b) => ({ bin, b })).filter(({ bin }) => bin.kind === 'range');
    for (const { bin, b } of ranges) {
      if (bin.upper === null || bin.upper === undefined) return `CASE ${whens.join(' ')} ELSE ${pts(b)} END`;
      whens.push(`WHEN ${v} <= ${sqlDouble(bin.upper)} THEN ${pts(b)}`);
    }
    throw new Error(`feature ${c.feature}: the last range has an upper edge; a numeric binning must end open`);
  }
  const t = textRef(c.feature, options);
  whens.push(`WHEN ${t} IS NULL THEN ${pts(missing)}`);
  bins.forEach((bin, b) => {
    if (bin.categories && bin.categories.length > 0) whens.push(`WHEN ${t} IN (${bin.categories.map(sqlString).join(', ')}) THEN ${pts(b)}`);
  });
  return `CASE ${whens.join(' ')} ELSE ${pts(otherIndex(c.binning))} END`;
}
