import { describe, expect, it } from 'vitest';
import { counterfactualBalance, quartiles, type LedgerPoint } from './monitoring-replay.ts';

// Drawn 4,000 on day 1; repaid half its principal; drawn 3,000 more on the 20th; defaulted.
const LINE: LedgerPoint[] = [
  { business_date: '2024-01-01', event_type: 'accepted', balance_fen: 0 },
  { business_date: '2024-01-01', event_type: 'drawn', balance_fen: 4_000 },
  { business_date: '2024-01-10', event_type: 'repaid', balance_fen: 2_000 },
  { business_date: '2024-01-20', event_type: 'drawn', balance_fen: 5_000 },
  { business_date: '2024-02-01', event_type: 'repaid', balance_fen: 2_500 },
  { business_date: '2024-05-01', event_type: 'defaulted', balance_fen: 2_500 },
];

describe('counterfactualBalance', () => {
  it('is the ledger’s balance without restrictions', () => {
    expect(counterfactualBalance(LINE, [])).toEqual({ actual_fen: 2_500, monitored_fen: 2_500, blocked_fen: 0 });
  });

  it('refuses draws after a freeze and repays in proportion', () => {
    const c = counterfactualBalance(LINE, [{ from_date: '2024-01-15', frozen: true, limit_fen: null }]);
    // 2,000 owed when frozen; the 3,000 draw never happens; the repayment halves what is owed.
    expect(c).toEqual({ actual_fen: 2_500, monitored_fen: 1_000, blocked_fen: 3_000 });
  });

  it('binds only events after the action’s date, and cuts draws to a reduced limit', () => {
    expect(counterfactualBalance(LINE, [{ from_date: '2024-01-20', frozen: true, limit_fen: null }]).blocked_fen).toBe(0);
    const c = counterfactualBalance(LINE, [{ from_date: '2024-01-15', frozen: false, limit_fen: 3_000 }]);
    expect(c).toEqual({ actual_fen: 2_500, monitored_fen: 1_500, blocked_fen: 2_000 });
  });

  it('thaws with the restriction that lifts it, and stops at the date given', () => {
    const c = counterfactualBalance(LINE, [
      { from_date: '2024-01-05', frozen: true, limit_fen: null },
      { from_date: '2024-01-12', frozen: false, limit_fen: null },
    ]);
    expect(c.blocked_fen).toBe(0);
    expect(counterfactualBalance(LINE, [], '2024-01-15').actual_fen).toBe(2_000);
  });
});

describe('quartiles', () => {
  it('interpolates between ranks', () => {
    expect(quartiles([])).toBeNull();
    expect(quartiles([40])).toEqual({ p25: 40, median: 40, p75: 40 });
    expect(quartiles([10, 20, 30, 40, 50])).toEqual({ p25: 20, median: 30, p75: 40 });
  });
});
