/**
 * Sizing one Easy Loan line: eligibility, grade, line (multiple of seasonally adjusted monthly
 * turnover, volatility haircut, debt-service cap, maximum, rounding, minimum), price, expected
 * loss and instalments — with every input and step recorded in `trace`.
 *
 * @example
 *   const d = decide(applicant, DEFAULT_POLICY, '2025-06-30');
 *   if (d.outcome === 'offer') d.line_fen; else d.failed.map((f) => f.rule);
 */
import type { Applicant } from './applicant.ts';
import type { Decision, RuleCheck, TraceStep } from './decision.ts';
import { addDays } from '../calendar/days.ts';
import { ruleChecks } from './eligibility.ts';
import { gradeIndex, sizeLine } from './kernel.ts';
import { formatPercent, formatRmb, roundFen } from './money.ts';
import type { CreditPolicy } from './policy.ts';
import { monthlyRepaymentFen } from './price.ts';
import { forOfficer } from './rules.ts';

/** The grade whose PD band holds `pd` (bands best first), or null beyond the last band. */
export function gradeFor(pd: number, grades: CreditPolicy['grades']): string | null {
  const i = gradeIndex(pd, grades.map((g) => g.max_pd));
  return i === -1 ? null : grades[i].grade;
}

/**
 * Decide one applicant under a policy at an as-of date. The applicant is trusted to match
 * ApplicantSchema (validate at the boundary); its data must not postdate `asOf`.
 */
export function decide(a: Applicant, policy: CreditPolicy, asOf: string): Decision {
  if (a.as_of_date > asOf) {
    throw new RangeError(`applicant ${a.merchant_id} has data as of ${a.as_of_date}, after the decision date ${asOf}`);
  }
  const trace: TraceStep[] = [];
  const step = (name: string, value: TraceStep['value'], detail: string) => trace.push({ step: name, value, detail });

  step('policy', policy.version, `decision as of ${asOf}`);
  for (const key of INPUTS) step(`input.${key}`, a[key], INPUT_NOTES[key]);
  for (const [name, value] of Object.entries(a.features ?? {})) step(`input.${name}`, value, 'feature read by a policy rule');
  a.reason_codes.forEach((r, i) => step(`input.reason_code_${i + 1}`, r.feature, `${r.points_lost.toFixed(1)} points lost`));

  const el = policy.expected_loss;
  const s = sizeLine(a, policy);
  const pd = s.pd;
  step('pd', pd, `max(pd_12m ${a.pd_12m}, PD floor ${el.pd_floor})`);

  const ruled = ruleChecks(a, policy, s);
  const checks = ruled.before;
  for (const c of checks) step(`rule.${c.rule}`, c.passed, describeCheck(c));

  const grade = s.grade_index === -1 ? null : policy.grades[s.grade_index].grade;
  step('grade', grade, grade ? `first PD band holding ${formatPercent(pd, 3)}` : 'PD beyond every grade band');

  const common = {
    merchant_id: a.merchant_id,
    as_of_date: asOf,
    segment: a.segment,
    policy_version: policy.version,
    model_id: a.model_id,
    pd,
    grade,
    score: a.score,
    reason_codes: a.reason_codes,
    checks,
    trace,
  };
  const failed = checks.filter((c) => !c.passed);
  if (s.figures === null || grade === null) {
    step('decision', 'decline', `failed: ${failed.map((c) => c.rule).join(', ')}`);
    return { outcome: 'decline', ...common, failed };
  }

  const L = policy.line;
  const monthly = a.monthly_turnover_sa_fen;
  const f = s.figures;
  step('base_line', roundFen(f.base), `${formatRmb(monthly)} seasonally adjusted monthly turnover × ${f.multiple} (grade ${grade})`);
  step('volatility_haircut', f.haircut, `min(${L.max_haircut}, ${L.haircut_per_cv} × CV ${a.monthly_turnover_cv.toFixed(3)})`);
  step('line_after_haircut', roundFen(f.afterHaircut), `${formatRmb(roundFen(f.base))} × (1 − ${f.haircut.toFixed(4)})`);

  const price = f.price;
  const P = policy.price;
  step(
    'annual_rate',
    price.rate,
    `cost of funds ${formatPercent(P.cost_of_funds)} + PD × LGD ${formatPercent(price.risk_cost, 3)} + operating ` +
      `${formatPercent(P.operating_cost)} + capital ${formatPercent(P.capital_ratio)} × hurdle ${formatPercent(P.hurdle_rate)} ` +
      `= ${formatPercent(price.raw, 3)}` +
      (price.clamped ? `, clamped to the ${price.clamped} ${formatPercent(price.rate)}` : ''),
  );

  const n = L.debt_service_instalments;
  step(
    'debt_service_cap',
    f.cap,
    `largest line whose ${n}-instalment repayment at ${formatPercent(price.rate)} stays within ` +
      `${formatPercent(L.debt_service_share)} of monthly turnover (${formatRmb(roundFen(L.debt_service_share * monthly))})`,
  );
  step('line_after_debt_service', f.afterDebtService, f.cap < f.afterHaircut ? 'capped by debt service' : 'debt service not binding');
  step('line_after_max', f.afterMax, f.afterDebtService > L.max_line_fen ? `capped at ${formatRmb(L.max_line_fen)}` : `under ${formatRmb(L.max_line_fen)}`);
  step('line_rounded', f.rounded, `rounded down to a multiple of ${formatRmb(L.rounding_fen)}`);
  const line = f.line;
  step(
    'line_after_balance',
    line,
    L.existing_balance === 'deducted'
      ? `${formatRmb(f.rounded)} less ${formatRmb(f.balanceDeducted)} for the Easy Loan balance still owed (${formatRmb(a.balance_fen)}, rounded up to ${formatRmb(L.rounding_fen)}): policy line.existing_balance = deducted`
      : `the Easy Loan balance still owed (${formatRmb(a.balance_fen)}) is not taken off: policy line.existing_balance = ignored`,
  );

  const onLine = ruled.after!;
  checks.push(...onLine);
  for (const c of onLine) step(`rule.${c.rule}`, c.passed, describeCheck(c));
  if (!s.offer) {
    const failedOnLine = onLine.filter((c) => !c.passed);
    step('decision', 'decline', `failed: ${failedOnLine.map((c) => c.rule).join(', ')}`);
    return { outcome: 'decline', ...common, failed: failedOnLine };
  }

  const ead = { drawn_fen: s.drawn_fen, undrawn_fen: s.undrawn_fen, ead_fen: s.ead_fen };
  step(
    'ead',
    ead.ead_fen,
    `drawn ${formatRmb(ead.drawn_fen)} (balance owed ${formatRmb(a.balance_fen)} + ${formatPercent(el.expected_utilisation)} ` +
      `expected use of the new line) + CCF ${formatPercent(el.ccf)} × undrawn ${formatRmb(ead.undrawn_fen)}`,
  );
  const lossFen = s.expected_loss_fen;
  step('expected_loss', lossFen, `PD ${formatPercent(pd, 3)} × LGD ${formatPercent(el.lgd)} × EAD ${formatRmb(ead.ead_fen)}`);

  const instalment_options = [...policy.terms.instalment_choices]
    .sort((x, y) => x - y)
    .map((k) => ({ instalments: k, monthly_repayment_fen: monthlyRepaymentFen(line, price.rate, k) }));
  for (const o of instalment_options) {
    step(`instalments_${o.instalments}`, o.monthly_repayment_fen, `monthly repayment of the full line over ${o.instalments} months`);
  }
  const expires_on = addDays(asOf, policy.terms.offer_validity_days);
  step('expires_on', expires_on, `${asOf} + ${policy.terms.offer_validity_days} days`);
  step('decision', 'offer', `${formatRmb(line)} at ${formatPercent(price.rate)} a year, grade ${grade}`);

  return {
    outcome: 'offer',
    ...common,
    grade,
    line_fen: line,
    annual_rate: price.rate,
    ead_fen: ead.ead_fen,
    expected_loss_fen: lossFen,
    instalment_options,
    expires_on,
  };
}

const INPUTS = [
  'merchant_id',
  'as_of_date',
  'segment',
  'kyc_tier',
  'months_of_turnover',
  'turnover_12m_fen',
  'monthly_turnover_sa_fen',
  'monthly_turnover_cv',
  'current_dpd',
  'balance_fen',
  'pd_12m',
  'model_id',
  'score',
] as const satisfies readonly (keyof Applicant)[];

const INPUT_NOTES: Record<(typeof INPUTS)[number], string> = {
  merchant_id: 'merchant',
  as_of_date: 'data as of',
  segment: 'segment',
  kyc_tier: 'PBoC barcode risk tier',
  months_of_turnover: 'months with turnover',
  turnover_12m_fen: 'net turnover, last 12 months (fen)',
  monthly_turnover_sa_fen: 'average monthly turnover, seasonally adjusted (fen)',
  monthly_turnover_cv: 'coefficient of variation of monthly turnover',
  current_dpd: 'worst current days past due',
  balance_fen: 'outstanding Easy Loan balance (fen)',
  pd_12m: "model's 12-month probability of default",
  model_id: 'model',
  score: 'scorecard points',
};

function describeCheck(c: RuleCheck): string {
  return `${forOfficer(c.unit, c.value)} ${c.comparison} ${forOfficer(c.unit, c.threshold)}: ${c.passed ? 'pass' : 'FAIL'}`;
}
