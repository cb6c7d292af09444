/**
 * A newer offer on an open line: the new limit under each balance rule, never below the balance
 * owed; the new offer's rate in force from its limit change (interest before it at the old rate).
 */
import { describe, expect, it } from 'vitest';
import type { LineEventType } from '../schema/line-event.ts';
import { interestDueFen, lineRate } from './line-interest.ts';
import { limitOnNewOffer } from './limit-change.ts';

describe('limitOnNewOffer', () => {
  const offer = { line_fen: 3_000_000, balance_fen: 1_200_000 };

  it("adds back the balance the offer was sized against when the policy deducts it", () => {
    expect(limitOnNewOffer(offer, 1_200_000, 'deducted')).toBe(4_200_000);
    // A draw since the offers run uses room inside the total sized; a repayment since leaves more.
    expect(limitOnNewOffer(offer, 2_000_000, 'deducted')).toBe(4_200_000);
    expect(limitOnNewOffer(offer, 500_000, 'deducted')).toBe(4_200_000);
  });

  it("takes the offer's line as the whole line when the policy ignores the balance", () => {
    expect(limitOnNewOffer(offer, 1_200_000, 'ignored')).toBe(3_000_000);
  });

  it('never sets a limit below the balance owed', () => {
    expect(limitOnNewOffer(offer, 3_500_000, 'ignored')).toBe(3_500_000);
    expect(limitOnNewOffer({ line_fen: 1_000_000, balance_fen: 0 }, 2_000_000, 'deducted')).toBe(2_000_000);
  });
});

describe('the rate in force', () => {
  const event = (business_date: string, event_type: LineEventType, balance_fen: number, annual_rate: number | null) =>
    ({ business_date, event_type, balance_fen, interest_fen: 0, annual_rate });

  it("is the new offer's from its limit change on; interest before it stays at the old rate", () => {
    const events = [
      event('2025-01-01', 'accepted', 0, 0.18),
      event('2025-01-01', 'drawn', 365_000, 0.18),
      event('2025-01-31', 'limit_changed', 365_000, 0.12),
    ];
    expect(lineRate(events)).toBe(0.12);
    expect(lineRate(events.slice(0, 2))).toBe(0.18);
    // 30 days at 18% on RMB 3,650, then 10 days at 12%.
    expect(interestDueFen(events, '2025-02-10')).toBe(Math.floor(365_000 * 0.18 * 30 / 365 + 365_000 * 0.12 * 10 / 365));
  });

  it('is left alone by a limit change that states no rate (monitoring)', () => {
    const events = [event('2025-01-01', 'accepted', 0, 0.18), event('2025-01-01', 'drawn', 365_000, 0.18), event('2025-01-31', 'limit_changed', 365_000, null)];
    expect(lineRate(events)).toBe(0.18);
    expect(interestDueFen(events, '2025-02-10')).toBe(Math.floor(365_000 * 0.18 * 40 / 365));
  });
});
