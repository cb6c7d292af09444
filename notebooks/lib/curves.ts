/**
 * ROC curve points for a chart: the share of bads caught (true positive rate) against the share
 * of goods flagged (false positive rate) as the PD cutoff falls, ties taken together, thinned to
 * at most `points` steps. The area under it is models' `auc`.
 *
 * @example
 *   rocCurve(labels, pd).map((p) => ({ ...p, model: 'scorecard' }));
 */
export interface RocPoint {
  false_positive_rate: number;
  true_positive_rate: number;
}

export function rocCurve(labels: ArrayLike<number>, pd: ArrayLike<number>, points = 200): RocPoint[] {
  if (labels.length !== pd.length) throw new Error(`rocCurve: ${labels.length} labels but ${pd.length} PDs`);
  const order = Array.from({ length: pd.length }, (_, i) => i).sort((a, b) => pd[b] - pd[a]);
  let bads = 0;
  for (let i = 0; i < labels.length; i++) bads += labels[i] ? 1 : 0;
  const goods = labels.length - bads;
  if (bads === 0 || goods === 0) throw new Error('rocCurve: the labels need both bads and goods');
  const curve: RocPoint[] = [{ false_positive_rate: 0, true_positive_rate: 0 }];
  const step = Math.max(1, Math.floor(labels.length / points));
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]]) tp += 1;
    else fp += 1;
    const tieNext = k + 1 < order.length && pd[order[k + 1]] === pd[order[k]];
    if (!tieNext && (k % step === 0 || k === order.length - 1)) curve.push({ false_positive_rate: fp / goods, true_positive_rate: tp / bads });
  }
  return curve;
}
