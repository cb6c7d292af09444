/**
 * A line and its movements as the API shows them, built from ledger events: the state is the
 * replay (engine/credit/line-state.ts), the interest due is accrued to the business date
 * (engine/credit/line-interest.ts), the monitoring notice is the action in force on it
 * (engine/credit/monitoring-notice.ts).
 */
import { interestDueFen, lineRate, monitoringNotice, monthlyRepaymentFen, type MonitoringPolicy } from '../../engine/credit/index.ts';
import type { LineEvent } from '../../engine/schema/line-event.ts';
import type { LineWithEvents } from '../../pipelines/lines/line-events.ts';
import type { LineView, TransactionView } from './schemas.ts';

/** The line as of `businessDate` (interest accrues to it); `line` must hold its 'accepted' event. */
export function lineView({ state, events }: LineWithEvents, businessDate: string, policy: MonitoringPolicy): LineView {
  const accepted = events.find((e) => e.event_type === 'accepted');
  if (!accepted) throw new Error(`line ${state.line_id} was never accepted`);
  const rate = lineRate(events);
  return {
    line_id: state.line_id,
    merchant_id: state.merchant_id,
    status: state.status,
    repayment: accepted.repayment ?? 'instalments',
    line_fen: state.limit_fen,
    // The rate in force: the acceptance's, or a newer offer's once the merchant accepted it.
    annual_rate: rate > 0 ? rate : null,
    balance_fen: state.balance_fen,
    interest_due_fen: interestDueFen(events, businessDate),
    available_fen: state.available_fen,
    dpd: state.dpd,
    opened_date: accepted.business_date,
    opened_at: seconds(accepted.recorded_at),
    notice: monitoringNotice(policy, events, businessDate),
  };
}

/** A `drawn` or `repaid` event as a transaction, with the key the request carried (if any). */
export function transactionView(event: LineEvent, idempotencyKey: string | null): TransactionView {
  const isDraw = event.event_type === 'drawn';
  if (!isDraw && event.event_type !== 'repaid') throw new Error(`event ${event.event_id} (${event.event_type}) is not a draw or repayment`);
  return {
    transaction_id: event.event_id,
    line_id: event.line_id,
    merchant_id: event.merchant_id,
    kind: isDraw ? 'draw' : 'repayment',
    business_date: event.business_date,
    amount_fen: event.amount_fen,
    interest_fen: event.interest_fen,
    instalments: event.instalments,
    monthly_repayment_fen: isDraw && event.instalments !== null ? monthlyRepaymentFen(event.amount_fen, event.annual_rate ?? 0, event.instalments) : null,
    balance_after_fen: event.balance_fen,
    idempotency_key: idempotencyKey,
    created_at: seconds(event.recorded_at),
  };
}

function seconds(stamp: string | null): string | null {
  return stamp === null ? null : stamp.slice(0, 19);
}
