import { describe, expect, it } from 'vitest';
import { CreditPolicySchema, DEFAULT_POLICY, parsePolicy, PolicyError, thresholdOf } from './policy.ts';

const clone = () => structuredClone(DEFAULT_POLICY) as Record<string, any>;

function issuesOf(input: unknown): string[] {
  try {
    parsePolicy(input);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return (e as PolicyError).issues;
  }
  throw new Error('expected the policy to be refused');
}

describe('policy', () => {
  it('accepts the default policy and a JSON round trip of it', () => {
    expect(parsePolicy(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
    expect(parsePolicy(JSON.parse(JSON.stringify(DEFAULT_POLICY)))).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY.version).toMatch(/^easy-loan-/);
  });

  it('keeps the calibration facts of DESIGN §4', () => {
    const p = DEFAULT_POLICY;
    expect(thresholdOf(p, 'min_turnover_12m')).toBe(30_000_000); // RMB 300,000
    expect(thresholdOf(p, 'min_months_of_turnover')).toBe(6);
    expect(p.expected_loss).toMatchObject({ lgd: 0.45, pd_floor: 0.0003 });
    expect(p.terms.offer_validity_days).toBe(30);
    expect(Math.min(...p.terms.instalment_choices)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...p.terms.instalment_choices)).toBeLessThanOrEqual(24);
    expect(Math.max(...Object.values(p.line.multiple_by_grade))).toBeLessThanOrEqual(2.4); // Square: < 20% of a year
  });

  it('refuses a negative rate, naming the field', () => {
    const p = clone();
    p.price.cost_of_funds = -0.01;
    const issues = issuesOf(p);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^price\.cost_of_funds: must not be negative/);
  });

  it('refuses a minimum above the maximum', () => {
    const p = clone();
    p.line.min_line_fen = 200_000_000;
    p.price.rate_floor = 0.3;
    expect(issuesOf(p)).toEqual([
      'line.min_line_fen: must not exceed line.max_line_fen (200000000 > 100000000)',
      'price.rate_floor: must not exceed price.rate_cap (0.3 > 0.24)',
    ]);
  });

  it('refuses unknown and missing fields, every one named', () => {
    const p = clone();
    p.line.maximum_line = 5;
    p.colour = 'blue';
    delete p.expected_loss.lgd;
    const issues = issuesOf(p);
    expect(issues).toContain('line.maximum_line: unknown field');
    expect(issues).toContain('colour: unknown field');
    expect(issues).toContain('expected_loss.lgd: missing');
  });

  it('refuses instalments outside 2..24', () => {
    const p = clone();
    p.terms.instalment_choices = [1, 12, 36];
    p.line.debt_service_instalments = 30;
    const issues = issuesOf(p);
    expect(issues.some((i) => i.startsWith('terms.instalment_choices.0:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('terms.instalment_choices.2:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('line.debt_service_instalments:'))).toBe(true);
  });

  it('refuses grades that do not rise, lack a multiple, or leave eligible PDs ungraded', () => {
    const p = clone();
    p.grades[2].max_pd = 0.004;
    delete p.line.multiple_by_grade.E;
    p.eligibility.find((r: { rule: string }) => r.rule === 'max_pd').threshold = 0.1;
    const issues = issuesOf(p);
    expect(issues).toContain('grades.2.max_pd: grade bands must rise strictly');
    expect(issues).toContain('line.multiple_by_grade.E: missing: every grade needs a multiple');
    expect(issues.some((i) => i.startsWith('eligibility.5.threshold: max_pd: must not exceed the last grade band'))).toBe(true);
  });

  it('reads a policy written before rules were a table (earlier runs keep one) as the same rules', () => {
    const legacy = {
      ...clone(),
      eligibility: {
        min_months_of_turnover: 6, min_turnover_12m_fen: 30_000_000, max_turnover_cv: 0.5, max_current_dpd: 0,
        allowed_kyc_tiers: ['A', 'B'], max_pd: 0.08, excluded_segments: [],
      },
    };
    expect(parsePolicy(legacy)).toEqual(DEFAULT_POLICY);
    expect(thresholdOf(parsePolicy({ ...legacy, eligibility: { ...legacy.eligibility, max_pd: 0.05 } }), 'max_pd')).toBe(0.05);
  });

  it('refuses rule entries whose parts do not fit, naming the entry and the field', () => {
    const p = clone();
    p.eligibility.push(
      { rule: 'max_segment', input: 'segment', comparison: '<=', threshold: 3, unit: 'count', officer: 'x', merchant: { statement: 'x' } },
      { rule: 'tiers', input: 'kyc_tier', comparison: 'in', threshold: ['A', 'Z'], unit: 'text', officer: 'x', merchant: { to_qualify: 'x' } },
      { ...p.eligibility[0] },
      { rule: 'min_line', input: 'line', comparison: '>=', threshold: 1, unit: 'fen', officer: 'x', merchant: { to_qualify: 'x' } },
    );
    const issues = issuesOf(p);
    expect(issues).toContain('eligibility.7.comparison: segment is a word: compare it with in or not in');
    expect(issues).toContain('eligibility.7.unit: must be text for a word');
    expect(issues).toContain('eligibility.8.threshold: Z is not a kyc_tier (A, B, C)');
    expect(issues).toContain('eligibility.9.rule: duplicate rule min_months_of_turnover');
    expect(issues.some((i) => i.startsWith('eligibility.10.rule: min_line is the policy'))).toBe(true);
    const misnamed = clone();
    misnamed.eligibility.push({ rule: 'Bad Name', input: 'Colour!', comparison: '>=', threshold: 1, unit: 'fen', officer: 'x', merchant: { to_qualify: 'x' } });
    const named = issuesOf(misnamed);
    expect(named.some((i) => i.startsWith('eligibility.7.rule: must be a snake_case name'))).toBe(true);
    expect(named.some((i) => i.startsWith('eligibility.7.input:'))).toBe(true);
    const noCutoff = clone();
    noCutoff.eligibility = noCutoff.eligibility.filter((r: { rule: string }) => r.rule !== 'max_pd');
    expect(issuesOf(noCutoff)).toEqual(['eligibility: needs a PD cutoff (a rule: pd <= a number) so every eligible PD has a grade']);
  });

  it('has a repayment section: holdback at 13% of settled turnover, validated, and instalments only for a policy written before it', () => {
    expect(DEFAULT_POLICY.version).toBe('easy-loan-2025.3');
    expect(DEFAULT_POLICY.repayment).toEqual({ modes: ['instalments', 'holdback'], holdback_share: 0.13, holdback_min_share_30d: 1 / 36 });
    const bad = clone();
    bad.repayment = { modes: ['holdback', 'holdback', 'weekly'], holdback_share: 13, holdback_min_share_30d: 0 };
    const issues = issuesOf(bad);
    expect(issues).toContain('repayment.modes.2: Invalid option: expected one of "instalments"|"holdback"');
    expect(issues).toContain('repayment.holdback_share: must be at most 0.5 (a share of turnover, not a percent)');
    expect(issues).toContain('repayment.holdback_min_share_30d: must be above 0');
    const duplicate = clone();
    duplicate.repayment.modes = ['holdback', 'holdback'];
    expect(issuesOf(duplicate)).toEqual(['repayment.modes: duplicate repayment modes']);
    const older = clone();
    delete older.repayment;
    expect(parsePolicy(older).repayment.modes).toEqual(['instalments']);
  });

  it('reports a message with every issue', () => {
    const p = clone();
    p.expected_loss.ccf = 1.5;
    expect(() => parsePolicy(p)).toThrow(/invalid credit policy:\n {2}expected_loss\.ccf: must be at most 1/);
    expect(CreditPolicySchema.safeParse(p).success).toBe(false);
  });
});
