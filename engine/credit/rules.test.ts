/**
 * Rules as table entries: a rule on a feature (not an applicant's own figure) decides through
 * `decide`, names its value (or that there is none) and speaks in its own words; a merchant
 * without a value fails it unless the entry lets them pass.
 */
import { describe, expect, it } from 'vitest';
import { explainForMerchant } from './explain.ts';
import { failedChecks } from './eligibility.ts';
import { DEFAULT_POLICY, parsePolicy } from './policy.ts';
import type { RuleEntry } from './rules.ts';
import { decide } from './size.ts';
import { BASE_APPLICANT } from './test-support.ts';

const UTILISATION: RuleEntry = {
  rule: 'max_utilisation', input: 'utilisation', comparison: '<=', threshold: 0.8, unit: 'ratio',
  officer: 'balance over limit', merchant: { to_qualify: 'use less of your line ({value}; we need {threshold} or less)' },
};
const policyWith = (rule: RuleEntry) => parsePolicy({ ...DEFAULT_POLICY, version: 'utilisation', eligibility: [...DEFAULT_POLICY.eligibility, rule] });
const at = (utilisation: number | null | undefined) => ({ ...BASE_APPLICANT, ...(utilisation === undefined ? {} : { features: { utilisation } }) });

describe('a rule on a feature', () => {
  it('passes, fails and speaks in its own words', () => {
    const policy = policyWith(UTILISATION);
    expect(decide(at(0.5), policy, '2025-06-30').outcome).toBe('offer');
    const declined = decide(at(0.9), policy, '2025-06-30');
    expect(declined.outcome).toBe('decline');
    if (declined.outcome === 'decline') expect(declined.failed).toMatchObject([{ rule: 'max_utilisation', value: 0.9, threshold: 0.8, officer: 'balance over limit' }]);
    expect(explainForMerchant(declined, (f) => f)).toContain('To qualify: use less of your line (90%; we need 80% or less).');
    expect(failedChecks(at(0.9), policy).map((c) => c.rule)).toEqual(['max_utilisation']);
    expect(declined.trace.find((t) => t.step === 'input.utilisation')).toMatchObject({ value: 0.9 });
  });

  it('fails a merchant without a value, unless the entry lets them pass', () => {
    for (const missing of [null, undefined]) {
      const failed = failedChecks(at(missing), policyWith(UTILISATION));
      expect(failed).toMatchObject([{ rule: 'max_utilisation', value: '(missing)' }]);
      expect(decide(at(missing), policyWith({ ...UTILISATION, if_missing: 'pass' }), '2025-06-30').outcome).toBe('offer');
    }
    expect(decide(at(0.9), policyWith({ ...UTILISATION, if_missing: 'pass' }), '2025-06-30').outcome).toBe('decline');
  });
});
