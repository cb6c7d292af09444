import { describe, expect, it } from 'vitest';
import { CreditPolicySchema, DEFAULT_POLICY, parsePolicy, PolicyError } from './policy.ts';

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
    expect(p.eligibility.min_turnover_12m_fen).toBe(30_000_000); // RMB 300,000
    expect(p.eligibility.min_months_of_turnover).toBe(6);
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
    p.eligibility.max_pd = 0.1;
    const issues = issuesOf(p);
    expect(issues).toContain('grades.2.max_pd: grade bands must rise strictly');
    expect(issues).toContain('line.multiple_by_grade.E: missing: every grade needs a multiple');
    expect(issues.some((i) => i.startsWith('eligibility.max_pd: must not exceed the last grade band'))).toBe(true);
  });

  it('reports a message with every issue', () => {
    const p = clone();
    p.expected_loss.ccf = 1.5;
    expect(() => parsePolicy(p)).toThrow(/invalid credit policy:\n {2}expected_loss\.ccf: must be at most 1/);
    expect(CreditPolicySchema.safeParse(p).success).toBe(false);
  });
});
