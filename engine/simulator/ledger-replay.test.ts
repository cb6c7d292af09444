/** The legacy book states each line's limit, balance and days past due after every event as the replay of its events does. */
import { describe, expect, it } from 'vitest';
import { replayLine } from '../credit/line-state.ts';
import type { LineEventType } from '../schema/line-event.ts';
import { simulateLedger } from './ledger.ts';
import { buildNetwork } from './network.ts';

describe('the legacy book replays', () => {
  const net = buildNetwork(11, 6_000, '2023-01-01', 900);
  const book = simulateLedger(net);
  const byLine = new Map<string, number[]>();
  book.line_id.forEach((line, k) => byLine.set(line, [...(byLine.get(line) ?? []), k]));

  it('to the stored after-values at every prefix of every line', () => {
    expect(byLine.size).toBeGreaterThan(200);
    const types = new Set<LineEventType>();
    let checked = 0;
    for (const [line, rows] of byLine) {
      const events = rows.map((k) => ({
        line_id: line, merchant_id: book.merchant_id[k], business_date: String(book.event_day[k]).padStart(5, '0'),
        event_type: book.event_type[k], amount_fen: book.amount_fen[k], interest_fen: book.interest_fen[k], dpd: book.dpd[k],
      }));
      for (let n = 1; n <= rows.length; n++) {
        const k = rows[n - 1];
        const state = replayLine(events.slice(0, n));
        types.add(book.event_type[k]);
        expect({ line, n, limit: state.limit_fen, balance: state.balance_fen, dpd: state.dpd })
          .toEqual({ line, n, limit: book.limit_fen[k], balance: book.balance_fen[k], dpd: book.dpd[k] });
        checked++;
      }
    }
    expect(checked).toBe(book.event_id.length);
    expect([...types].sort()).toEqual(['accepted', 'closed', 'defaulted', 'drawn', 'instalment_due', 'missed', 'offered', 'past_due', 'repaid', 'written_off']);
  });

  it('in ledger order: event ids sort as the days do within each line', () => {
    for (const rows of byLine.values()) {
      const sorted = [...rows].sort((a, b) => book.event_day[a] - book.event_day[b] || (book.event_id[a] < book.event_id[b] ? -1 : 1));
      expect(sorted).toEqual(rows);
    }
  });
});
