/**
 * Expected against realised loss over a period: the lines performing at its start, with the
 * 12-month expected loss their PDs gave then (PD × LGD × EAD), against what those same lines lost
 * by defaulting before its end.
 *
 * @example
 *   compareLoss(linesAtStart, realised, DEFAULT_POLICY, '2024-01-01', '2025-01-01').realised_defaults;
 */
import type { LossComparison } from '../schema/portfolio-report.ts';
import { assessLine, isOnBook, type BookLine } from './book-exposure.ts';
import type { CreditPolicy } from './policy.ts';
import { expectedLossFen } from './price.ts';

/** A line that defaulted in the period, and the principal it lost (written off, or outstanding at default). */
export interface RealisedDefault {
  line_id: string;
  loss_fen: number;
}

export function compareLoss(
  linesAtStart: Iterable<BookLine>,
  realised: Iterable<RealisedDefault>,
  policy: CreditPolicy,
  fromDate: string,
  toDate: string,
): LossComparison {
  const lossOf = new Map([...realised].map((r) => [r.line_id, r.loss_fen]));
  const out: LossComparison = {
    from_date: fromDate, to_date: toDate, n_lines: 0, expected_defaults: 0, realised_defaults: 0, expected_loss_fen: 0, realised_loss_fen: 0,
  };
  for (const line of linesAtStart) {
    if (!isOnBook(line.status) || line.status === 'defaulted') continue;
    const { pd, ead_fen } = assessLine(line, policy);
    out.n_lines += 1;
    out.expected_defaults += pd;
    out.expected_loss_fen += expectedLossFen(pd, policy.expected_loss.lgd, ead_fen);
    const loss = lossOf.get(line.line_id);
    if (loss !== undefined) {
      out.realised_defaults += 1;
      out.realised_loss_fen += loss;
    }
  }
  return out;
}
