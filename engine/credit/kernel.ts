/**
 * The one per-row kernel that sizes a line: PD floor, grade, the policy's rules (rules.ts), the
 * line's arithmetic (line.ts), the rules on the sized line, exposure and expected loss. `decide`
 * traces its result in words, `decideColumns` runs it over 1.5M merchants, and the API's
 * explanation of a decline reads its failing rules from it: a rule is compared in one place.
 *
 * @example
 *   const s = sizeLine(applicant, DEFAULT_POLICY);
 *   s.offer ? s.line_fen : rulesOfMask(s.failed_mask, DEFAULT_POLICY);
 */
import type { Applicant } from './applicant.ts';
import { lineFigures, type LineFigures } from './line.ts';
import type { CreditPolicy } from './policy.ts';
import { expectedLossFen, exposureAtDefault } from './price.ts';
import { compileRule, minLineRule, type CompiledRule } from './rules.ts';

export interface CompiledPolicy {
  policy: CreditPolicy;
  /** The policy's rules in order, then its minimum line. */
  rules: CompiledRule[];
  before: CompiledRule[];
  after: CompiledRule[];
  bands: number[];
}

const compiled = new WeakMap<CreditPolicy, CompiledPolicy>();

/** The policy's rules as predicates, built once per policy object (policies are not mutated once parsed). */
export function compilePolicy(policy: CreditPolicy): CompiledPolicy {
  let c = compiled.get(policy);
  if (!c) {
    const rules = [...policy.eligibility, minLineRule(policy.line.min_line_fen)].map(compileRule);
    c = { policy, rules, before: rules.filter((r) => !r.afterSizing), after: rules.filter((r) => r.afterSizing), bands: policy.grades.map((g) => g.max_pd) };
    compiled.set(policy, c);
  }
  return c;
}

export interface LineSizing {
  /** PD after the policy's floor. */
  pd: number;
  /** Index into policy.grades; -1 beyond every band. */
  grade_index: number;
  /** The bits (compilePolicy's rules) of every failing rule: those before sizing, or else those on the line; 0 on an offer. */
  failed_mask: number;
  /** The line's arithmetic, once every rule before sizing passed. */
  figures: LineFigures | null;
  offer: boolean;
  /** The offer's figures; 0 on a decline. */
  line_fen: number;
  annual_rate: number;
  drawn_fen: number;
  undrawn_fen: number;
  ead_fen: number;
  expected_loss_fen: number;
}

export function sizeLine(a: Applicant, policy: CreditPolicy): LineSizing {
  const c = compilePolicy(policy);
  const el = policy.expected_loss;
  const pd = Math.max(a.pd_12m, el.pd_floor);
  const grade = gradeIndex(pd, c.bands);
  const out: LineSizing = {
    pd, grade_index: grade, failed_mask: 0, figures: null, offer: false,
    line_fen: 0, annual_rate: 0, drawn_fen: 0, undrawn_fen: 0, ead_fen: 0, expected_loss_fen: 0,
  };
  for (const r of c.before) if (!r.passes(r.read(a, pd, 0))) out.failed_mask |= r.bit;
  if (out.failed_mask !== 0) return out;
  if (grade === -1) throw new RangeError(`PD ${pd} passes the cutoff but fits no grade band: validate the policy with parsePolicy`);
  const f = lineFigures(a.monthly_turnover_sa_fen, a.monthly_turnover_cv, policy.grades[grade].grade, pd, a.balance_fen, policy);
  out.figures = f;
  for (const r of c.after) if (!r.passes(r.read(a, pd, f.line))) out.failed_mask |= r.bit;
  if (out.failed_mask !== 0) return out;
  const ead = exposureAtDefault(f.line, a.balance_fen, el);
  out.offer = true;
  out.line_fen = f.line;
  out.annual_rate = f.price.rate;
  out.drawn_fen = ead.drawn_fen;
  out.undrawn_fen = ead.undrawn_fen;
  out.ead_fen = ead.ead_fen;
  out.expected_loss_fen = expectedLossFen(pd, el.lgd, ead.ead_fen);
  return out;
}

/** The first PD band (max PDs, best first) holding `pd`; -1 beyond the last. */
export function gradeIndex(pd: number, bands: readonly number[]): number {
  let grade = 0;
  while (grade < bands.length && !(pd <= bands[grade])) grade++;
  return grade === bands.length ? -1 : grade;
}

/** The rules of a mask, in the policy's order (its minimum line last). */
export function rulesOfMask(mask: number, policy: CreditPolicy): string[] {
  return compilePolicy(policy).rules.filter((r) => (mask & r.bit) !== 0).map((r) => r.entry.rule);
}

/** The bits of some of a policy's rules (rules it lacks give none). */
export function ruleBits(policy: CreditPolicy, rules: readonly string[]): number {
  return compilePolicy(policy).rules.reduce((mask, r) => (rules.includes(r.entry.rule) ? mask | r.bit : mask), 0);
}
