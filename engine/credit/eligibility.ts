/**
 * Eligibility: every rule of the policy's eligibility section checked against one applicant.
 * All rules are checked (not only up to the first failure) so a decline can name them all.
 *
 * @example
 *   eligibilityChecks(applicant, policy, 0.012).filter((c) => !c.passed); // [] when eligible
 */
import type { Applicant } from './applicant.ts';
import { RULES, type Rule, type RuleCheck } from './decision.ts';
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

/** Bit of each rule in a failed-rule mask: 1 << index in RULES. */
export const RULE_BIT = Object.fromEntries(RULES.map((rule, i) => [rule, 1 << i])) as Record<Rule, number>;

/**
 * The eligibility rules `eligibilityChecks` fails, as a mask of RULE_BIT (0 = eligible), without
 * building a check per rule: the bulk path of `capillary offers`. Same comparisons, same order.
 */
export function failedRuleMask(a: Applicant, policy: CreditPolicy, pd: number): number {
  const e = policy.eligibility;
  let mask = 0;
  if (!(a.months_of_turnover >= e.min_months_of_turnover)) mask |= RULE_BIT.min_months_of_turnover;
  if (!(a.turnover_12m_fen >= e.min_turnover_12m_fen)) mask |= RULE_BIT.min_turnover_12m;
  if (!(a.monthly_turnover_cv <= e.max_turnover_cv)) mask |= RULE_BIT.max_turnover_cv;
  if (!(a.current_dpd <= e.max_current_dpd)) mask |= RULE_BIT.max_current_dpd;
  if (!(e.allowed_kyc_tiers as string[]).includes(a.kyc_tier)) mask |= RULE_BIT.allowed_kyc_tier;
  if (!(pd <= e.max_pd)) mask |= RULE_BIT.max_pd;
  if ((e.excluded_segments as string[]).includes(a.segment)) mask |= RULE_BIT.excluded_segment;
  return mask;
}

/** The rules of a mask, in RULES order. */
export function rulesOfMask(mask: number): Rule[] {
  return RULES.filter((rule) => (mask & RULE_BIT[rule]) !== 0);
}
