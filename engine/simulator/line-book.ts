/**
 * The simulator's legacy book as ledger columns (engine/schema/line-event.ts, without the columns
 * the lake file gives every row alike: source 'legacy_book', recorded_at null). A line's events
 * are written in ledger order, so event ids (line id and a sequence number) sort as dates do.
 *
 * @example
 *   const write = lineWriter(book, 'L00000001', 'M00000001');
 *   write(120, 'accepted', { amount: 5_000_000, limit: 5_000_000, balance: 0, dpd: 0, rate: 0.085 });
 */
import type { LineEventType, RepaymentMode } from '../schema/line-event.ts';

export interface LineBookColumns {
  event_id: string[];
  line_id: string[];
  merchant_id: string[];
  event_day: number[];
  event_type: LineEventType[];
  amount_fen: number[];
  interest_fen: number[];
  limit_fen: number[];
  balance_fen: number[];
  dpd: number[];
  instalments: (number | null)[];
  annual_rate: (number | null)[];
  repayment: (RepaymentMode | null)[];
}

export function emptyLineBook(): LineBookColumns {
  return {
    event_id: [], line_id: [], merchant_id: [], event_day: [], event_type: [], amount_fen: [],
    interest_fen: [], limit_fen: [], balance_fen: [], dpd: [], instalments: [], annual_rate: [], repayment: [],
  };
}

/** One event: its amount and interest part, and the line's limit, balance and days past due after it. */
export interface BookedEvent {
  amount: number;
  interest?: number;
  limit: number;
  balance: number;
  dpd: number;
  instalments?: number;
  rate?: number;
  repayment?: RepaymentMode;
}

export type LineWriter = (day: number, type: LineEventType, event: BookedEvent) => void;

/** Appends one line's events to `book`; refuses an event dated before the line's last one. */
export function lineWriter(book: LineBookColumns, lineId: string, merchantId: string): LineWriter {
  let seq = 0;
  let lastDay = Number.NEGATIVE_INFINITY;
  return (day, type, event) => {
    if (day < lastDay) throw new Error(`line ${lineId}: ${type} on day ${day} after an event on day ${lastDay}`);
    for (const [name, value] of [['amount', event.amount], ['interest', event.interest ?? 0], ['balance', event.balance]] as const) {
      if (!Number.isInteger(value) || value < 0) throw new Error(`line ${lineId}: ${type} ${name} ${value} is not whole fen`);
    }
    lastDay = day;
    seq++;
    book.event_id.push(`${lineId}-${String(seq).padStart(4, '0')}`);
    book.line_id.push(lineId);
    book.merchant_id.push(merchantId);
    book.event_day.push(day);
    book.event_type.push(type);
    book.amount_fen.push(event.amount);
    book.interest_fen.push(event.interest ?? 0);
    book.limit_fen.push(event.limit);
    book.balance_fen.push(event.balance);
    book.dpd.push(event.dpd);
    book.instalments.push(event.instalments ?? null);
    book.annual_rate.push(event.rate ?? null);
    book.repayment.push(event.repayment ?? null);
  };
}
