/**
 * A scorecard's reason codes for every merchant at once, as one SQL expression giving JSON text:
 * the points each characteristic lost against its best bin (models/scorecard/reasons.ts), the
 * largest four, worst first, ties by feature name — the same choice `reasonCodes` makes for
 * one row, each with plain words for the merchant. Models without points (tree ensembles) give
 * no reasons.
 *
 * @example
 *   reasonCodesSql(model, (f) => `f.${sqlIdentifier(f)}`); // "to_json(list_transform(...))"
 */
import { bestPoints, compileScorecard, sqlDouble, sqlString, type Model } from '../../models/index.ts';
import { z } from 'zod';
import { ReasonCodeSchema, type ReasonCode } from '../../engine/credit/index.ts';
import { plainWords } from './reason-words.ts';

/** Reasons are kept to a tenth of a point: the officer's trace shows no more. */
const DECIMALS = 1;

export function reasonCodesSql(model: Model | null, column: (feature: string) => string): string {
  if (model === null || model.kind !== 'scorecard') return `'[]'`;
  const best = bestPoints(model);
  const points = compileScorecard(model, { column }).points;
  const lost = points.map(
    (p, j) => `{'neg_lost': (${p.sql}) - ${sqlDouble(best[j])}, 'feature': ${sqlString(p.feature)}, 'description': ${sqlString(plainWords(p.feature))}}`,
  );
  // Sorting the structs ascending by (−lost, feature) is the TypeScript order.
  return `to_json(list_transform(list_slice(list_sort(list_filter([${lost.join(', ')}], r -> r.neg_lost < -1e-9)), 1, 4),
    r -> {'feature': r.feature, 'points_lost': round(-r.neg_lost, ${DECIMALS}), 'description': r.description}))`;
}

/** The stored JSON back as engine/credit reason codes (checked). */
export function parseReasonCodes(json: string): ReasonCode[] {
  return z.array(ReasonCodeSchema).max(4).parse(JSON.parse(json));
}
