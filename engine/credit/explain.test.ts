import { describe, expect, it } from 'vitest';
import { explainForMerchant, explainForOfficer } from './explain.ts';
import { formatPercent, formatRmb } from './money.ts';
import { DEFAULT_POLICY, withThresholds } from './policy.ts';
import { decide } from './size.ts';
import { BASE_APPLICANT } from './test-support.ts';

const REASONS = [
  { feature: 'cv_daily_90d', points_lost: 31.2 },
  { feature: 'tenure_days', points_lost: 12.5 },
];
const WORDS: Record<string, string> = { cv_daily_90d: 'your daily sales vary a lot', tenure_days: 'your shop is fairly new on the network' };
const words = (feature: string) => WORDS[feature];

describe('explanations', () => {
  it('formats money as RMB with thousands separators', () => {
    expect(formatRmb(24_130_000)).toBe('RMB 241,300');
    expect(formatRmb(100_000_000)).toBe('RMB 1,000,000');
    expect(formatRmb(123_456)).toBe('RMB 1,234.56');
    expect(formatRmb(5)).toBe('RMB 0.05');
    expect(formatPercent(0.0532)).toBe('5.32%');
  });

  it('tells a merchant what they can borrow, for how long, until when', () => {
    const text = explainForMerchant(decide({ ...BASE_APPLICANT, reason_codes: REASONS }, DEFAULT_POLICY, '2025-06-30'), words);
    expect(text).toContain('you can borrow up to RMB 80,000 at 5.32% a year');
    expect(text).toContain('Repay in 2 to 24 monthly instalments');
    expect(text).toContain('about RMB 3,521.19 a month');
    expect(text).toContain('valid until 2025-07-30');
    expect(text).toContain('your daily sales vary a lot and your shop is fairly new on the network');
  });

  it('tells a declined merchant what would change the answer', () => {
    const d = decide(
      { ...BASE_APPLICANT, months_of_turnover: 4, turnover_12m_fen: 24_130_000, kyc_tier: 'C', monthly_turnover_cv: 0.62, reason_codes: REASONS },
      DEFAULT_POLICY,
      '2025-06-30',
    );
    const text = explainForMerchant(d, words);
    expect(text).toMatch(/^We can't offer you an Easy Loan line yet\./);
    expect(text).toContain('reach RMB 300,000 of turnover over 12 months (you have RMB 241,300)');
    expect(text).toContain('trade with us for at least 6 months (you have 4)');
    expect(text).toContain('vary by 62% from month to month; we need 50% or less');
    expect(text).toContain('upgrade your merchant verification to tier A or B (you are tier C)');
    expect(text).toContain('What weighed most on your assessment: your daily sales vary a lot');
    expect(text).not.toMatch(/undefined|NaN|_fen/);
  });

  it('says plainly when a segment is not lent to, and when the line would be too small', () => {
    const policy = withThresholds(DEFAULT_POLICY, { excluded_segment: ['gas_station'] });
    expect(explainForMerchant(decide({ ...BASE_APPLICANT, segment: 'gas_station' }, policy, '2025-06-30'), words)).toContain(
      'We do not currently lend to gas station businesses.',
    );
    const small = decide({ ...BASE_APPLICANT, monthly_turnover_sa_fen: 2_500_000, monthly_turnover_cv: 0.5, pd_12m: 0.04 }, DEFAULT_POLICY, '2025-06-30');
    expect(explainForMerchant(small, words)).toContain('the line we could offer (RMB 6,000) is below our RMB 10,000 minimum');
  });

  it('gives the officer every input and step with numbers', () => {
    const lines = explainForOfficer(decide(BASE_APPLICANT, DEFAULT_POLICY, '2025-06-30'));
    expect(lines[0]).toBe(
      'OFFER M00000001 as of 2025-06-30: RMB 80,000 at 5.32%, grade B, PD 0.8%, EAD RMB 60,000, EL RMB 216, ' +
        'expires 2025-07-30 (policy easy-loan-2025.3, model scorecard-v1)',
    );
    const text = lines.join('\n');
    expect(text).toMatch(/input\.turnover_12m_fen\s+RMB 600,000/);
    expect(text).toMatch(/rule\.min_turnover_12m\s+pass\s+RMB 600,000 >= RMB 300,000: pass/);
    expect(text).toMatch(/base_line\s+RMB 100,000\s+RMB 50,000 seasonally adjusted monthly turnover × 2 \(grade B\)/);
    expect(text).toMatch(/volatility_haircut\s+20%/);
    expect(text).toMatch(/debt_service_cap\s+RMB 112,214\.66\s+largest line/);
    expect(text).toMatch(/expected_loss\s+RMB 216\s+PD 0\.8% × LGD 45% × EAD RMB 60,000/);
    const declined = explainForOfficer(decide({ ...BASE_APPLICANT, current_dpd: 45 }, DEFAULT_POLICY, '2025-06-30'));
    expect(declined[0]).toMatch(/^DECLINE M00000001 as of 2025-06-30: failed max_current_dpd/);
    expect(declined.join('\n')).toMatch(/rule\.max_current_dpd\s+FAIL\s+45 <= 0: FAIL/);
  });
});
