import { describe, expect, it } from 'vitest';
import { ApplicantSchema } from './applicant.ts';
import { DecisionSchema, type Decision, type Offer } from './decision.ts';
import { DEFAULT_POLICY, parsePolicy, withThresholds } from './policy.ts';
import { decide, gradeFor } from './size.ts';
import { BASE_APPLICANT } from './test-support.ts';

const AS_OF = '2025-06-30';
const traced = (d: Decision, step: string) => d.trace.find((t) => t.step === step)?.value;

function offer(d: Decision): Offer {
  if (d.outcome !== 'offer') throw new Error(`expected an offer, got a decline: ${JSON.stringify(d.failed)}`);
  return d;
}

describe('decide: worked examples (default policy)', () => {
  it('grade B cafe: RMB 50,000 a month, CV 0.2, PD 0.8%', () => {
    expect(ApplicantSchema.parse(BASE_APPLICANT)).toEqual(BASE_APPLICANT);
    const d = offer(decide(BASE_APPLICANT, DEFAULT_POLICY, AS_OF));
    // base 5,000,000 × 2.0 = 10,000,000; haircut min(0.5, 1.0 × 0.2) = 0.2 → 8,000,000
    expect(traced(d, 'base_line')).toBe(10_000_000);
    expect(traced(d, 'line_after_haircut')).toBe(8_000_000);
    // rate 3% + 0.8% × 45% + 1% + 8% × 12% = 0.03 + 0.0036 + 0.01 + 0.0096 = 5.32%
    expect(d.annual_rate).toBe(0.0532);
    // debt service: 13% × 5,000,000 = 650,000 a month; 18-month annuity factor at 5.32% ≈ 0.057926
    // → cap ≈ 11,221,000, not binding
    expect(traced(d, 'debt_service_cap')).toBeCloseTo(11_221_466, -3);
    expect(d.line_fen).toBe(8_000_000);
    expect(d.grade).toBe('B');
    // EAD: drawn 50% = 4,000,000 + CCF 50% × undrawn 4,000,000 = 6,000,000; EL 0.008 × 0.45 × 6,000,000
    expect(d.ead_fen).toBe(6_000_000);
    expect(d.expected_loss_fen).toBe(21_600);
    // 12 instalments: 8,000,000 × r / (1 − (1 + r)^−12), r = 0.0532 / 12 → ≈ 686,034
    expect(d.instalment_options.find((o) => o.instalments === 12)?.monthly_repayment_fen).toBe(686_034);
    expect(d.instalment_options.map((o) => o.instalments)).toEqual([2, 3, 6, 12, 18, 24]);
    expect(d.expires_on).toBe('2025-07-30');
    expect(d.policy_version).toBe('easy-loan-2025.3');
    expect(d.model_id).toBe('scorecard-v1');
    expect(DecisionSchema.parse(d)).toEqual(d);
  });

  it('grade A with steady turnover: the debt-service cap binds, then rounding', () => {
    const d = offer(decide({ ...BASE_APPLICANT, monthly_turnover_cv: 0, pd_12m: 0.002 }, DEFAULT_POLICY, AS_OF));
    // base 5,000,000 × 2.4 = 12,000,000; rate 5.05%; cap 650,000 / 0.057803 ≈ 11,245,082 → RMB 112,000
    expect(traced(d, 'base_line')).toBe(12_000_000);
    expect(d.annual_rate).toBe(0.0505);
    expect(traced(d, 'debt_service_cap')).toBe(11_245_082);
    expect(traced(d, 'line_after_debt_service')).toBe(11_245_082);
    expect(d.line_fen).toBe(11_200_000);
    // EAD 5,600,000 + 0.5 × 5,600,000 = 8,400,000; EL 0.002 × 0.45 × 8,400,000 = 7,560
    expect(d.ead_fen).toBe(8_400_000);
    expect(d.expected_loss_fen).toBe(7_560);
  });

  it('never exceeds the maximum line', () => {
    const d = offer(decide({ ...BASE_APPLICANT, monthly_turnover_sa_fen: 100_000_000, turnover_12m_fen: 1_200_000_000 }, DEFAULT_POLICY, AS_OF));
    expect(d.line_fen).toBe(DEFAULT_POLICY.line.max_line_fen);
    expect(traced(d, 'line_after_max')).toBe(100_000_000);
  });

  it('floors the PD at 0.03%, takes the balance owed off the new line and counts it in EAD', () => {
    const d = offer(decide({ ...BASE_APPLICANT, pd_12m: 0, balance_fen: 6_950_000 }, DEFAULT_POLICY, AS_OF));
    expect(d.pd).toBe(0.0003);
    expect(d.grade).toBe('A');
    // line sized: 5,000,000 × 2.4 × 0.8 = 9,600,000; less the balance rounded up to RMB 1,000 (7,000,000) = 2,600,000
    expect(traced(d, 'line_rounded')).toBe(9_600_000);
    expect(d.line_fen).toBe(2_600_000);
    expect(d.trace.find((t) => t.step === 'line_after_balance')!.detail).toMatch(/less RMB 70,000 for the Easy Loan balance still owed \(RMB 69,500.*deducted$/);
    // drawn = 6,950,000 owed + 50% × 2,600,000 expected use; EAD = 8,250,000 + CCF 50% × 1,300,000 undrawn
    expect(d.ead_fen).toBe(8_900_000);
    expect(d.expected_loss_fen).toBe(Math.round(0.0003 * 0.45 * 8_900_000));
  });

  it('offers the line whole beside the balance owed when the policy ignores it, still counting it in EAD', () => {
    const ignoring = { ...DEFAULT_POLICY, line: { ...DEFAULT_POLICY.line, existing_balance: 'ignored' as const } };
    const d = offer(decide({ ...BASE_APPLICANT, pd_12m: 0, balance_fen: 6_950_000 }, ignoring, AS_OF));
    expect(d.line_fen).toBe(9_600_000);
    expect(d.trace.find((t) => t.step === 'line_after_balance')!.detail).toMatch(/not taken off: policy line.existing_balance = ignored$/);
    // drawn = 6,950,000 + 4,800,000; EAD = 11,750,000 + 50% × 4,800,000
    expect(d.ead_fen).toBe(14_150_000);
  });

  it('declines for the minimum line when the balance owed leaves too little room', () => {
    const d = decide({ ...BASE_APPLICANT, pd_12m: 0, balance_fen: 9_000_000 }, DEFAULT_POLICY, AS_OF);
    expect(d.outcome).toBe('decline');
    if (d.outcome === 'decline') expect(d.failed).toMatchObject([{ rule: 'min_line', passed: false, value: 600_000 }]);
  });

  it('declines a line below the minimum after sizing', () => {
    const d = decide({ ...BASE_APPLICANT, monthly_turnover_sa_fen: 2_500_000, monthly_turnover_cv: 0.5, pd_12m: 0.04 }, DEFAULT_POLICY, AS_OF);
    // grade E: 2,500,000 × 0.5 × (1 − 0.5) = 625,000 → RMB 6,000 < RMB 10,000
    expect(d.outcome).toBe('decline');
    if (d.outcome === 'decline') expect(d.failed).toMatchObject([{ rule: 'min_line', passed: false, value: 600_000, comparison: '>=', threshold: 1_000_000 }]);
  });

  it('declines naming every failing rule with value and threshold', () => {
    const d = decide(
      { ...BASE_APPLICANT, months_of_turnover: 4, turnover_12m_fen: 24_130_000, kyc_tier: 'C', current_dpd: 12, pd_12m: 0.09 },
      DEFAULT_POLICY,
      AS_OF,
    );
    expect(d.outcome).toBe('decline');
    if (d.outcome !== 'decline') return;
    expect(d.failed.map((f) => f.rule)).toEqual(['min_months_of_turnover', 'min_turnover_12m', 'max_current_dpd', 'allowed_kyc_tier', 'max_pd']);
    expect(d.failed[1]).toMatchObject({ value: 24_130_000, threshold: 30_000_000, comparison: '>=' });
    expect(d.failed[3]).toMatchObject({ value: 'C', threshold: 'A, B', comparison: 'in' });
    expect(d.grade).toBeNull();
    expect(traced(d, 'decision')).toBe('decline');
    expect(DecisionSchema.parse(d)).toEqual(d);
  });

  it('declines excluded segments and clamps the rate under a stricter policy', () => {
    const strict = parsePolicy({
      ...withThresholds(DEFAULT_POLICY, { excluded_segment: ['gas_station'] }),
      price: { ...DEFAULT_POLICY.price, rate_floor: 0.055, rate_cap: 0.06 },
    });
    const gas = decide({ ...BASE_APPLICANT, segment: 'gas_station' }, strict, AS_OF);
    expect(gas.outcome === 'decline' && gas.failed.map((f) => f.rule)).toEqual(['excluded_segment']);
    expect(offer(decide(BASE_APPLICANT, strict, AS_OF)).annual_rate).toBe(0.055); // 5.32% raised to the floor
    expect(offer(decide({ ...BASE_APPLICANT, pd_12m: 0.05 }, strict, AS_OF)).annual_rate).toBe(0.06); // 7.21% cut to the cap
  });

  it('traces every input and refuses data from after the decision date', () => {
    const d = decide(BASE_APPLICANT, DEFAULT_POLICY, AS_OF);
    for (const key of ['turnover_12m_fen', 'monthly_turnover_cv', 'pd_12m', 'balance_fen']) {
      expect(d.trace.some((t) => t.step === `input.${key}`)).toBe(true);
    }
    expect(() => decide(BASE_APPLICANT, DEFAULT_POLICY, '2025-06-29')).toThrow(/after the decision date/);
  });

  it('grades by PD band', () => {
    expect(gradeFor(0.005, DEFAULT_POLICY.grades)).toBe('A');
    expect(gradeFor(0.0051, DEFAULT_POLICY.grades)).toBe('B');
    expect(gradeFor(0.05, DEFAULT_POLICY.grades)).toBe('E');
    expect(gradeFor(0.08, DEFAULT_POLICY.grades)).toBe('F');
    expect(gradeFor(0.081, DEFAULT_POLICY.grades)).toBeNull();
  });
});
