/**
 * Policy variants for a frontier: the same policy at other PD cutoffs. A cutoff beyond the
 * last grade band widens that band to it (every eligible PD must have a grade).
 *
 * @example
 *   withPdCutoff(DEFAULT_POLICY, 0.08).version; // 'easy-loan-2025.1 pd<=0.08'
 */
import { parsePolicy, withThresholds, type CreditPolicy } from '../../engine/credit/index.ts';

export function withPdCutoff(policy: CreditPolicy, cutoff: number): CreditPolicy {
  const grades = policy.grades.map((g, i) => (i === policy.grades.length - 1 && cutoff > g.max_pd ? { ...g, max_pd: cutoff } : g));
  return parsePolicy({ ...withThresholds(policy, { max_pd: cutoff }), version: `${policy.version} pd<=${cutoff}`, grades });
}
