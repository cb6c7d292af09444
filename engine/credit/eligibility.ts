/**
 * The kernel's rule outcomes in words: every rule checked (not only up to the first failure) so
 * a decline can name them all, each with the applicant's value, the threshold and its wording.
 * The comparisons themselves happen once, in `sizeLine` (kernel.ts); these read its mask.
 *
 * @example
 *   failedChecks(applicant, policy).map((c) => c.rule); // [] when the policy offers a line
 */
import type { Applicant } from './applicant.ts';
import type { RuleCheck } from './decision.ts';
import { compilePolicy, sizeLine, type LineSizing } from './kernel.ts';
import type { CreditPolicy } from './policy.ts';
import { ruleCheck } from './rules.ts';

/**
 * The checks of a sizing: the rules before sizing, then (once they all passed) those on the
 * sized line.
 */
export function ruleChecks(a: Applicant, policy: CreditPolicy, s: LineSizing): { before: RuleCheck[]; after: RuleCheck[] | null } {
  const c = compilePolicy(policy);
  const check = (line: number) => (r: (typeof c.rules)[number]) => ruleCheck(r.entry, r.read(a, s.pd, line), (s.failed_mask & r.bit) === 0);
  const before = c.before.map(check(0));
  return { before, after: s.figures ? c.after.map(check(s.figures.line)) : null };
}

/** The rules the policy's decision on this applicant fails, in words; none on an offer. */
export function failedChecks(a: Applicant, policy: CreditPolicy): RuleCheck[] {
  const s = sizeLine(a, policy);
  if (s.failed_mask === 0) return [];
  const { before, after } = ruleChecks(a, policy, s);
  return [...before, ...(after ?? [])].filter((check) => !check.passed);
}
