/**
 * Instalments against holdback: the figures come from two books simulated for the same
 * merchants, each counted back from its own ledger; the holdback's terms come from the policy.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../engine/credit/index.ts';
import { buildNetwork, simulateLedger, type LineBookColumns } from '../../engine/simulator/index.ts';
import { formatRepaymentComparison } from './format-repayment.ts';
import { compareRepayment, summariseBook } from './repayment-compare.ts';

const OPTIONS = { merchants: 3000, days: 1095, start: '2022-01-01', seed: 7 };

describe('repayment compared', () => {
  const comparison = compareRepayment(OPTIONS);
  const [instalments, holdback] = comparison.books;
  const net = buildNetwork(OPTIONS.seed, OPTIONS.merchants, OPTIONS.start, OPTIONS.days);
  const books = { instalments: simulateLedger(net, { repayment: 'instalments' }), holdback: simulateLedger(net, { repayment: 'holdback' }) };
  const sum = (book: LineBookColumns, type: string, of: (k: number) => number) =>
    book.event_type.reduce((total, t, k) => (t === type ? total + of(k) : total), 0);

  it('lends the same lines to the same merchants in both books, and only then differs', () => {
    expect(comparison).toMatchObject({ ...OPTIONS, policy_version: DEFAULT_POLICY.version, holdback_share: 0.13 });
    expect(instalments.repayment).toBe('instalments');
    expect(holdback.repayment).toBe('holdback');
    expect(instalments.lines).toBeGreaterThan(300);
    expect(holdback.lines).toBe(instalments.lines);
    expect(holdback.drawn_lines).toBe(instalments.drawn_lines);
    expect(holdback.principal_repaid_fen).not.toBe(instalments.principal_repaid_fen);
  });

  it('counts each figure from its own book', () => {
    for (const b of comparison.books) {
      const book = books[b.repayment];
      expect(b.drawn_fen).toBe(sum(book, 'drawn', (k) => book.amount_fen[k]));
      expect(b.principal_repaid_fen).toBe(sum(book, 'repaid', (k) => book.amount_fen[k] - book.interest_fen[k]));
      expect(b.defaults).toBe(sum(book, 'defaulted', () => 1));
      expect(b.loss_fen).toBe(sum(book, 'defaulted', (k) => book.balance_fen[k]));
      expect(b.default_rate).toBeCloseTo(b.defaults / b.drawn_lines, 12);
      expect(b.share_repaid).toBeGreaterThan(0.5);
      expect(b.share_repaid).toBeLessThan(1);
      expect(b.defaults).toBeGreaterThan(5);
      expect(b.days_to_repay_p25!).toBeLessThanOrEqual(b.days_to_repay_median!);
      expect(b.days_to_repay_median!).toBeLessThanOrEqual(b.days_to_repay_p75!);
    }
    expect(formatRepaymentComparison(comparison)).toMatch(/default rate +\d+\.\d\d% +\d+\.\d\d%\n/);
  });

  it('follows the policy: a larger holdback repays sooner, a harder minimum defaults more', () => {
    const withRepayment = (repayment: Partial<typeof DEFAULT_POLICY.repayment>) =>
      compareRepayment({ ...OPTIONS, policy: { ...DEFAULT_POLICY, version: 'test', repayment: { ...DEFAULT_POLICY.repayment, ...repayment } } }).books[1];
    const larger = withRepayment({ holdback_share: 0.2 });
    expect(larger.share_repaid).toBeGreaterThan(holdback.share_repaid);
    expect(larger.days_to_repay_median!).toBeLessThan(holdback.days_to_repay_median!);
    expect(withRepayment({ holdback_min_share_30d: 1 / 12 }).defaults).toBeGreaterThan(holdback.defaults);
  });

  it('refuses a network the simulator would refuse, naming the option', () => {
    expect(() => compareRepayment({ ...OPTIONS, days: 0 })).toThrow(/--days: must be at least 1/);
  });
});

describe('a book summarised', () => {
  it('takes days to repay from the first draw to a zero balance, and the loss as the balance at default', () => {
    const book: LineBookColumns = {
      event_id: ['A-1', 'A-2', 'A-3', 'A-4', 'B-1', 'B-2', 'B-3'], line_id: ['A', 'A', 'A', 'A', 'B', 'B', 'B'],
      merchant_id: Array(7).fill('M00000001'), event_day: [0, 10, 40, 70, 0, 5, 125],
      event_type: ['accepted', 'drawn', 'repaid', 'repaid', 'accepted', 'drawn', 'defaulted'],
      amount_fen: [1000, 600, 310, 310, 1000, 500, 0], interest_fen: [0, 0, 10, 10, 0, 0, 0], limit_fen: Array(7).fill(1000),
      balance_fen: [0, 600, 300, 0, 0, 500, 500], dpd: [0, 0, 0, 0, 0, 0, 90], instalments: [null, 2, null, null, null, 2, null],
      annual_rate: [0.1, 0.1, null, null, 0.1, 0.1, null], repayment: ['instalments', 'instalments', null, null, 'instalments', 'instalments', null],
    };
    expect(summariseBook('instalments', book)).toEqual({
      repayment: 'instalments', lines: 2, drawn_lines: 2, drawn_fen: 1100, principal_repaid_fen: 600, interest_repaid_fen: 20,
      share_repaid: 600 / 1100, lines_missed: 0, defaults: 1, default_rate: 0.5, loss_fen: 500, loss_rate: 500 / 1100,
      repaid_in_full: 1, days_to_repay_p25: 60, days_to_repay_median: 60, days_to_repay_p75: 60,
    });
  });
});
