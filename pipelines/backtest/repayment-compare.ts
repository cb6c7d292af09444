/**
 * Instalments against holdback on the same merchants: two legacy books simulated from one seed
 * (the same network, lines and draw decisions; only how the lines are repaid differs, the
 * holdback at the credit policy's repayment terms), each summarised from its own ledger events:
 * defaults, loss, days to repay and the share of principal repaid.
 *
 * @example
 *   const comparison = compareRepayment({ merchants: 5000, days: 1095, start: '2022-01-01', seed: 7 });
 *   comparison.books.map((b) => [b.repayment, b.loss_rate]);
 */
import { DEFAULT_POLICY, type CreditPolicy } from '../../engine/credit/index.ts';
import type { RepaymentMode } from '../../engine/schema/index.ts';
import { buildNetwork, parseSimulationOptions, simulateLedger, type LineBookColumns } from '../../engine/simulator/index.ts';
import { silentProgress, type ProgressListener } from '../../engine/progress.ts';

export interface RepaymentCompareOptions {
  merchants: number;
  days: number;
  start: string;
  seed: number;
  /** The policy whose repayment section sets the holdback (default: the built-in policy). */
  policy?: CreditPolicy;
  onProgress?: ProgressListener;
}

/** One book's figures; rates are shares, money is fen, days are calendar days. */
export interface RepaymentBookSummary {
  repayment: RepaymentMode;
  lines: number;
  /** Lines with at least one draw: the denominator of the default rate. */
  drawn_lines: number;
  drawn_fen: number;
  principal_repaid_fen: number;
  interest_repaid_fen: number;
  /** Principal repaid over principal drawn, within the simulated days. */
  share_repaid: number;
  /** Lines with a missed instalment or holdback shortfall. */
  lines_missed: number;
  defaults: number;
  default_rate: number;
  /** Principal outstanding when the line defaulted (no recoveries in the book). */
  loss_fen: number;
  loss_rate: number;
  /** Lines whose balance came back to zero after their first draw, and the days it took (median, quartiles). */
  repaid_in_full: number;
  days_to_repay_p25: number | null;
  days_to_repay_median: number | null;
  days_to_repay_p75: number | null;
}

export interface RepaymentComparison {
  merchants: number;
  days: number;
  start: string;
  seed: number;
  policy_version: string;
  holdback_share: number;
  holdback_min_share_30d: number;
  books: RepaymentBookSummary[];
}

export function compareRepayment(options: RepaymentCompareOptions): RepaymentComparison {
  // The same bounds as a simulation of the network (a lake is not written).
  const { merchants, days, start, seed } = options;
  const valid = parseSimulationOptions({ merchants, days, start, seed, grain: 'settlement', out: '-' });
  const policy = options.policy ?? DEFAULT_POLICY;
  const onProgress = options.onProgress ?? silentProgress;
  const net = buildNetwork(valid.seed, valid.merchants, valid.start, valid.days, (done) =>
    onProgress({ stage: 'merchant model', done, total: valid.merchants, unit: 'merchants' }));
  const books = (['instalments', 'holdback'] as const).map((repayment, k) => {
    onProgress({ stage: 'books', done: k, total: 2, unit: 'books' });
    return summariseBook(repayment, simulateLedger(net, { repayment, holdback: policy.repayment }));
  });
  onProgress({ stage: 'books', done: 2, total: 2, unit: 'books' });
  return {
    merchants: valid.merchants, days: valid.days, start: valid.start, seed: valid.seed, policy_version: policy.version,
    holdback_share: policy.repayment.holdback_share, holdback_min_share_30d: policy.repayment.holdback_min_share_30d, books,
  };
}

/** A book's figures from its events alone (each line's events are in ledger order). */
export function summariseBook(repayment: RepaymentMode, book: LineBookColumns): RepaymentBookSummary {
  const s = { lines: 0, drawn_lines: 0, drawn_fen: 0, principal_repaid_fen: 0, interest_repaid_fen: 0, lines_missed: 0, defaults: 0, loss_fen: 0 };
  const daysToRepay: number[] = [];
  let line = '';
  let firstDraw = -1;
  let repaidAt = -1;
  let missed = false;
  const endLine = () => {
    if (firstDraw >= 0) s.drawn_lines++;
    if (repaidAt >= 0) daysToRepay.push(repaidAt - firstDraw);
    if (missed) s.lines_missed++;
  };
  for (let k = 0; k < book.event_id.length; k++) {
    if (book.line_id[k] !== line) {
      if (line !== '') endLine();
      line = book.line_id[k];
      firstDraw = -1;
      repaidAt = -1;
      missed = false;
    }
    const amount = book.amount_fen[k];
    switch (book.event_type[k]) {
      case 'accepted': s.lines++; break;
      case 'drawn':
        s.drawn_fen += amount;
        if (firstDraw < 0) firstDraw = book.event_day[k];
        break;
      case 'repaid':
        s.principal_repaid_fen += amount - book.interest_fen[k];
        s.interest_repaid_fen += book.interest_fen[k];
        if (firstDraw >= 0 && repaidAt < 0 && book.balance_fen[k] === 0) repaidAt = book.event_day[k];
        break;
      case 'missed': missed = true; break;
      case 'defaulted':
        s.defaults++;
        s.loss_fen += book.balance_fen[k];
        break;
      default: break;
    }
  }
  if (line !== '') endLine();
  daysToRepay.sort((a, b) => a - b);
  const quantile = (q: number) => (daysToRepay.length === 0 ? null : daysToRepay[Math.min(daysToRepay.length - 1, Math.floor(q * daysToRepay.length))]);
  return {
    repayment,
    ...s,
    share_repaid: ratio(s.principal_repaid_fen, s.drawn_fen),
    default_rate: ratio(s.defaults, s.drawn_lines),
    loss_rate: ratio(s.loss_fen, s.drawn_fen),
    repaid_in_full: daysToRepay.length,
    days_to_repay_p25: quantile(0.25),
    days_to_repay_median: quantile(0.5),
    days_to_repay_p75: quantile(0.75),
  };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
