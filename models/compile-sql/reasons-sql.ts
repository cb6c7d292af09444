/**
 * A scorecard's reason codes as one SQL expression giving JSON text, the one implementation of
 * them: for each characteristic the points its bin lost against the best bin seen in training
 * (scorecard/reasons.ts bestPoints), the largest four (adverse-action practice), worst first,
 * ties by feature name, each as engine/credit's ReasonCode — the feature and the points lost, to
 * a tenth of a point. No words: the merchant's and the officer's are rendered when read. Models
 * without points (tree ensembles) give no reasons.
 *
 * @example
 *   reasonCodesSql(model, (f) => `f.${sqlIdentifier(f)}`);
 *   // → '[{"feature":"cv_daily_90d","points_lost":31.2}, ...]' per row
 */
import type { Model } from '../model/model.ts';
import { bestPoints } from '../scorecard/reasons.ts';
import { sqlDouble, sqlString } from './literal.ts';
import { compileScorecard } from './scorecard-sql.ts';

/** Reasons are kept to a tenth of a point: the officer's trace shows no more. */
const DECIMALS = 1;
/** At most four reasons (ARCHITECTURE.md §4). */
export const MAX_REASONS = 4;

export function reasonCodesSql(model: Model | null, column: (feature: string) => string): string {
  if (model === null || model.kind !== 'scorecard') return `'[]'`;
  const best = bestPoints(model);
  const points = compileScorecard(model, { column }).points;
  const lost = points.map((p, j) => `{'neg_lost': (${p.sql}) - ${sqlDouble(best[j])}, 'feature': ${sqlString(p.feature)}}`);
  // Sorting the structs ascending by (−lost, feature) puts the worst first, ties by name.
  return `to_json(list_transform(list_slice(list_sort(list_filter([${lost.join(', ')}], r -> r.neg_lost < -1e-9)), 1, ${MAX_REASONS}),
    r -> {'feature': r.feature, 'points_lost': round(-r.neg_lost, ${DECIMALS})}))`;
}
