/** The legacy book states each line's limit, balance and days past due after every event as the replay of its events does. */
import { describe, expect, it } from 'vitest';
import { replayLine } from '../credit/line-state.ts';
import type { LineEventType, RepaymentMode } from '../schema/line-event.ts';
import { simulateLedger } from './ledger.ts';
import { buildNetwork } from './network.ts';

const net = buildNetwork(11, 6_000, '2023-01-01', 900);

for (const repayment of ['instalments', 'holdback'] as const satisfies readonly RepaymentMode[]) {
  describe(`the legacy book repaid by ${repayment} replays`, () => {
    const book = simulateLedger(net, { repayment });
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

    it(`records the mode on every acceptance and draw, and instalments only on draws repaid in them`, () => {
      book.event_type.forEach((type, k) => {
        expect(book.repayment[k]).toBe(type === 'accepted' || type === 'drawn' ? repayment : null);
        expect(book.instalments[k] !== null).toBe(type === 'drawn' && repayment === 'instalments');
      });
    });
  });
}

describe('the two books', () => {
  it('lend to the same merchants the same lines, opened the same days', () => {
    const lines = (repayment: RepaymentMode) => {
      const book = simulateLedger(net, { repayment });
      return book.event_type.flatMap((type, k) => (type === 'accepted' ? [`${book.line_id[k]} ${book.event_day[k]} ${book.amount_fen[k]}`] : []));
    };
    const instalments = lines('instalments');
    expect(instalments.length).toBeGreaterThan(200);
    expect(lines('holdback')).toEqual(instalments);
  });
});
