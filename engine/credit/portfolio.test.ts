import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './policy.ts';
import { summarise } from './portfolio.ts';
import { decide } from './size.ts';
import { BASE_APPLICANT } from './test-support.ts';

describe('portfolio summary', () => {
  it('counts, totals and splits by segment and grade', () => {
    const decisions = [
      decide(BASE_APPLICANT, DEFAULT_POLICY, '2025-06-30'), // B cafe: line 8,000,000, EAD 6,000,000, EL 21,600
      decide({ ...BASE_APPLICANT, merchant_id: 'M00000002', monthly_turnover_cv: 0, pd_12m: 0.002 }, DEFAULT_POLICY, '2025-06-30'), // A cafe: 11,200,000 / 8,400,000 / 7,560
      decide({ ...BASE_APPLICANT, merchant_id: 'M00000003', segment: 'hotel', current_dpd: 40 }, DEFAULT_POLICY, '2025-06-30'), // B hotel, declined
      decide({ ...BASE_APPLICANT, merchant_id: 'M00000004', segment: 'hotel', pd_12m: 0.2, kyc_tier: 'C' }, DEFAULT_POLICY, '2025-06-30'), // ungraded
    ];
    const s = summarise(decisions);
    expect(s).toMatchObject({ n: 4, n_offers: 2, n_declines: 2, approval_rate: 0.5 });
    expect(s.total_line_fen).toBe(19_200_000);
    expect(s.total_ead_fen).toBe(14_400_000);
    expect(s.total_expected_loss_fen).toBe(29_160);
    expect(s.expected_loss_rate).toBeCloseTo(29_160 / 14_400_000, 12);
    expect(s.mean_pd_offers).toBeCloseTo(0.005, 12);
    expect(Object.keys(s.by_segment)).toEqual(['cafe', 'hotel']);
    expect(s.by_segment.cafe).toMatchObject({ n: 2, approval_rate: 1, total_line_fen: 19_200_000 });
    expect(s.by_segment.hotel).toMatchObject({ n: 2, approval_rate: 0, total_line_fen: 0, expected_loss_rate: 0 });
    expect(s.by_grade.A).toMatchObject({ n: 1, n_offers: 1, total_expected_loss_fen: 7_560 });
    expect(s.by_grade.B).toMatchObject({ n: 2, n_offers: 1, n_declines: 1 });
    expect(s.by_grade.ungraded).toMatchObject({ n: 1, n_declines: 1 });
    expect(s.declines_by_rule).toEqual({ max_current_dpd: 1, allowed_kyc_tier: 1, max_pd: 1 });
  });

  it('summarises nothing as zeros', () => {
    expect(summarise([])).toMatchObject({ n: 0, approval_rate: 0, total_line_fen: 0, by_segment: {}, by_grade: {} });
  });
});
