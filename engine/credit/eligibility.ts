/**
 * Eligibility: every rule of the policy's eligibility section checked against one applicant.
 * All rules are checked (not only up to the first failure) so a decline can name them all.
 *
 * @example
 *   eligibilityChecks(applicant, policy, 0.012).filter((c) => !c.passed); // [] when eligible
 */
import type { Applicant } from './applicant.ts';
import type { RuleCheck } from './decision.ts';
import type { CreditPolicy } from './policy.ts';

/** `pd` is the applicant's PD after the policy floor. */
export function eligibilityChecks(a: Applicant, policy: CreditPolicy, pd: number): RuleCheck[] {
  const e = policy.eligibility;
  const atLeast = (rule: RuleCheck['rule'], value: number, threshold: number): RuleCheck => ({
    rule, passed: value >= threshold, value, comparison: '>=', threshold,
  });
  const atMost = (rule: RuleCheck['rule'], value: number, threshold: number): RuleCheck => ({
    rule, passed: value <= threshold, value, comparison: '<=', threshold,
  });
  return [
    atLeast('min_months_of_turnover', a.months_of_turnover, e.min_months_of_turnover),
    atLeast('min_turnover_12m', a.turnover_12m_fen, e.min_turnover_12m_fen),
    atMost('max_turnover_cv', a.monthly_turnover_cv, e.max_turnover_cv),
    atMost('max_current_dpd', a.current_dpd, e.max_current_dpd),
    {
      rule: 'allowed_kyc_tier',
      passed: (e.allowed_kyc_tiers as string[]).includes(a.kyc_tier),
      value: a.kyc_tier,
      comparison: 'in',
      threshold: e.allowed_kyc_tiers.join(', '),
    },
    atMost('max_pd', pd, e.max_pd),
    {
      rule: 'excluded_segment',
      passed: !(e.excluded_segments as string[]).includes(a.segment),
      value: a.segment,
      comparison: 'not in',
      threshold: e.excluded_segments.join(', '),
    },
  ];
}
