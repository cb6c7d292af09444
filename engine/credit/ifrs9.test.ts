import { describe, expect, it } from 'vitest';
import { parsePolicy, DEFAULT_POLICY } from './policy.ts';
import { cumulativePd, eclFen, ifrs9Stage } from './ifrs9.ts';

const rules = DEFAULT_POLICY.ifrs9;
const line = { dpd: 0, is_defaulted: false, pd: 0.01, pd_origination: 0.01 };

describe('IFRS 9 staging', () => {
  it('stage 1 while performing, 2 at 30 DPD or a significant PD increase, 3 at 90 DPD or default', () => {
    expect(ifrs9Stage(line, rules)).toEqual({ stage: 1, reason: 'performing' });
    expect(ifrs9Stage({ ...line, dpd: 29 }, rules).stage).toBe(1);
    expect(ifrs9Stage({ ...line, dpd: 30 }, rules)).toEqual({ stage: 2, reason: 'dpd_30' });
    expect(ifrs9Stage({ ...line, dpd: 89 }, rules).stage).toBe(2);
    expect(ifrs9Stage({ ...line, dpd: 90 }, rules)).toEqual({ stage: 3, reason: 'dpd_90' });
    expect(ifrs9Stage({ ...line, is_defaulted: true }, rules)).toEqual({ stage: 3, reason: 'defaulted' });
    expect(ifrs9Stage({ ...line, pd: 0.02 }, rules)).toEqual({ stage: 2, reason: 'pd_increase' });
  });

  it('needs both the multiple and the absolute increase, and both PDs', () => {
    expect(ifrs9Stage({ ...line, pd: 0.0199 }, rules).stage).toBe(1); // below 2×
    expect(ifrs9Stage({ ...line, pd: 0.002, pd_origination: 0.001 }, rules).stage).toBe(1); // 2× but +0.1 point
    expect(ifrs9Stage({ ...line, pd: 0.5, pd_origination: null }, rules).stage).toBe(1);
    expect(ifrs9Stage({ ...line, pd: null, dpd: 45 }, rules).stage).toBe(2);
  });

  it('reads its thresholds from the policy, and a policy without the section takes the defaults', () => {
    const strict = parsePolicy({ ...DEFAULT_POLICY, ifrs9: { ...rules, sicr_pd_multiple: 1.5, stage2_dpd: 15 } });
    expect(ifrs9Stage({ ...line, pd: 0.016 }, strict.ifrs9).stage).toBe(2);
    expect(ifrs9Stage({ ...line, dpd: 15 }, strict.ifrs9).stage).toBe(2);
    const { ifrs9: _, ...older } = DEFAULT_POLICY;
    expect(parsePolicy(older).ifrs9).toEqual(rules);
    expect(() => parsePolicy({ ...DEFAULT_POLICY, ifrs9: { ...rules, stage2_dpd: 90 } })).toThrow(/ifrs9.stage2_dpd: must be below stage3_dpd/);
    expect(DEFAULT_POLICY.version).toBe('easy-loan-2025.3');
  });
});

describe('ECL', () => {
  it('12 months in stage 1, lifetime in stage 2, PD 1 in stage 3', () => {
    expect(eclFen(1, 0.03, 0.45, 1_000_000, 24)).toBe(13_500);
    expect(eclFen(2, 0.03, 0.45, 1_000_000, 24)).toBe(Math.round((1 - 0.97 ** 2) * 450_000));
    expect(eclFen(3, 0.03, 0.45, 1_000_000, 24)).toBe(450_000);
    expect(cumulativePd(0.1, 12)).toBeCloseTo(0.1, 12);
    expect(cumulativePd(0.1, 36)).toBeCloseTo(1 - 0.9 ** 3, 12);
  });

  it('a lifetime ECL is never below the 12-month one', () => {
    for (const pd of [0.0003, 0.01, 0.2, 0.9]) expect(eclFen(2, pd, 0.45, 5_000_000, 24)).toBeGreaterThanOrEqual(eclFen(1, pd, 0.45, 5_000_000, 24));
  });
});
