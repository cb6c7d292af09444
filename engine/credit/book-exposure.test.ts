import { describe, expect, it } from 'vitest';
import { bookExposure, type BookLine } from './book-exposure.ts';
import { compareLoss } from './loss-comparison.ts';
import { DEFAULT_POLICY } from './policy.ts';
import { exposureAtDefault } from './price.ts';

const base: BookLine = { line_id: 'L1', segment: 'cafe', status: 'open', limit_fen: 1_000_000, balance_fen: 400_000, dpd: 0, pd: 0.01, pd_origination: 0.01 };
const lines: BookLine[] = [
  base,
  { ...base, line_id: 'L2', segment: 'hotel', pd: 0.04 }, // PD quadrupled: stage 2
  { ...base, line_id: 'L3', segment: 'hotel', dpd: 35 }, // stage 2 by days past due
  { ...base, line_id: 'L4', segment: 'cafe', status: 'defaulted', dpd: 90, balance_fen: 300_000 }, // stage 3, nothing undrawn
  { ...base, line_id: 'L5', segment: 'cafe', status: 'closed', balance_fen: 0 }, // off the book
  { ...base, line_id: 'L6', segment: 'cafe', status: 'frozen', pd: null, pd_origination: null },
];

describe('book exposure and IFRS 9 stages', () => {
  const book = bookExposure(lines, DEFAULT_POLICY);

  it('EAD is drawn + CCF × undrawn, the formula sizing uses', () => {
    expect(book.total.n_lines).toBe(5);
    // Open lines: 400,000 + 0.5 × 600,000; the defaulted line: its balance.
    expect(book.total.ead_fen).toBe(4 * 700_000 + 300_000);
    // A new line of 1,000,000 expected to be 40% used, to a merchant owing nothing else: the same EAD.
    const sized = exposureAtDefault(1_000_000, 0, { ...DEFAULT_POLICY.expected_loss, expected_utilisation: 0.4 });
    expect(sized.ead_fen).toBe(700_000);
    expect(book.total.utilisation).toBeCloseTo((4 * 400_000 + 300_000) / 5_000_000, 12);
  });

  it('stages add up to the total, overall and by segment', () => {
    for (const cell of [book.total, ...book.by_segment]) {
      expect(cell.stages.map((s) => s.stage)).toEqual([1, 2, 3]);
      expect(cell.stages.reduce((s, c) => s + c.ead_fen, 0)).toBe(cell.ead_fen);
      expect(cell.stages.reduce((s, c) => s + c.ecl_fen, 0)).toBe(cell.ecl_fen);
      expect(cell.stages.reduce((s, c) => s + c.n_lines, 0)).toBe(cell.n_lines);
    }
    expect(book.total.stages.map((s) => s.n_lines)).toEqual([2, 2, 1]);
    expect(book.stage_reasons).toEqual({ performing: 2, pd_increase: 1, dpd_30: 1, dpd_90: 0, defaulted: 1 });
    expect(book.by_segment.map((s) => [s.segment, s.n_lines])).toEqual([['cafe', 3], ['hotel', 2]]);
    expect(book.n_lines_without_pd).toBe(1);
    expect(book.n_lines_without_origination_pd).toBe(1);
  });

  it('ECL: 12 months in stage 1, lifetime in stage 2, LGD × EAD in stage 3; a line without a PD takes the worst band', () => {
    const stage3 = book.total.stages[2];
    expect(stage3.ecl_fen).toBe(Math.round(0.45 * 300_000));
    const cafe = book.by_segment.find((s) => s.segment === 'cafe')!;
    expect(cafe.stages[0].ecl_fen).toBe(Math.round(0.01 * 0.45 * 700_000) + Math.round(0.08 * 0.45 * 700_000));
  });

  it('compares expected loss at the start of a period with what the same lines lost', () => {
    const loss = compareLoss(lines, [{ line_id: 'L2', loss_fen: 380_000 }, { line_id: 'L4', loss_fen: 300_000 }], DEFAULT_POLICY, '2024-01-01', '2025-01-01');
    // L4 had defaulted already and L5 was closed: four lines performing at the start.
    expect(loss).toMatchObject({ n_lines: 4, realised_defaults: 1, realised_loss_fen: 380_000 });
    expect(loss.expected_defaults).toBeCloseTo(0.01 + 0.04 + 0.01 + 0.08, 12);
    expect(loss.expected_loss_fen).toBe([0.01, 0.04, 0.01, 0.08].reduce((s, pd) => s + Math.round(pd * 0.45 * 700_000), 0));
  });
});
