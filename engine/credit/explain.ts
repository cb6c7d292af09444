/**
 * Explanations of a decision in two registers: the full trace for a credit officer, and a
 * short plain-language summary for the merchant (with, when declined, what would change it).
 *
 * @example
 *   explainForMerchant(decision);
 *   // "We can't offer you an Easy Loan line yet. To qualify: reach RMB 300,000 of turnover
 *   //  over 12 months (you have RMB 241,300)."
 */
import type { Decision, RuleCheck } from './decision.ts';
import { formatPercent, formatRmb } from './money.ts';

/** Every input and every step, one readable line each. */
export function explainForOfficer(d: Decision): string[] {
  const head =
    d.outcome === 'offer'
      ? `OFFER ${d.merchant_id} as of ${d.as_of_date}: ${formatRmb(d.line_fen)} at ${formatPercent(d.annual_rate)}, ` +
        `grade ${d.grade}, PD ${formatPercent(d.pd, 3)}, EAD ${formatRmb(d.ead_fen)}, EL ${formatRmb(d.expected_loss_fen)}, ` +
        `expires ${d.expires_on} (policy ${d.policy_version}, model ${d.model_id ?? 'none'})`
      : `DECLINE ${d.merchant_id} as of ${d.as_of_date}: failed ${d.failed.map((f) => f.rule).join(', ')} ` +
        `(policy ${d.policy_version}, model ${d.model_id ?? 'none'})`;
  const width = Math.max(...d.trace.map((t) => t.step.length));
  const lines = d.trace.map((t) => `${t.step.padEnd(width)}  ${showValue(t.step, t.value)}  ${t.detail}`);
  return [head, ...lines];
}

/** A few plain sentences for the merchant. */
export function explainForMerchant(d: Decision): string {
  const reasons = d.reason_codes.map((r) => r.description);
  if (d.outcome === 'offer') {
    const options = d.instalment_options;
    const longest = options[options.length - 1];
    const parts = [
      `Good news: you can borrow up to ${formatRmb(d.line_fen)} at ${formatPercent(d.annual_rate)} a year.`,
      `Repay in ${options[0].instalments} to ${longest.instalments} monthly instalments; the whole amount over ` +
        `${longest.instalments} months costs about ${formatRmb(longest.monthly_repayment_fen)} a month.`,
      `This offer is valid until ${d.expires_on}.`,
    ];
    if (reasons.length > 0) parts.push(`What held your line back most: ${joinPlain(reasons)}.`);
    return parts.join(' ');
  }
  const changeable = d.failed.map(whatWouldChange).filter((s): s is string => s !== null);
  const fixed = d.failed.filter((f) => f.rule === 'excluded_segment');
  const parts = ["We can't offer you an Easy Loan line yet."];
  if (changeable.length > 0) parts.push(`To qualify: ${changeable.join('; ')}.`);
  if (fixed.length > 0) parts.push(`We do not currently lend to ${String(fixed[0].value).replaceAll('_', ' ')} businesses.`);
  if (reasons.length > 0) parts.push(`What weighed most on your assessment: ${joinPlain(reasons)}.`);
  return parts.join(' ');
}

function whatWouldChange(c: RuleCheck): string | null {
  const v = c.value;
  const t = c.threshold;
  switch (c.rule) {
    case 'min_months_of_turnover':
      return `trade with us for at least ${t} months (you have ${v})`;
    case 'min_turnover_12m':
      return `reach ${formatRmb(Number(t))} of turnover over 12 months (you have ${formatRmb(Number(v))})`;
    case 'max_turnover_cv':
      return `keep your monthly sales steadier (they vary by ${formatPercent(Number(v), 0)} from month to month; we need ${formatPercent(Number(t), 0)} or less)`;
    case 'max_current_dpd':
      return `bring your current loan up to date (a repayment is ${v} days late)`;
    case 'allowed_kyc_tier':
      return `upgrade your merchant verification to tier ${String(t).replace(/, (?=[^,]*$)/, ' or ')} (you are tier ${v})`;
    case 'max_pd':
      return 'lower your assessed repayment risk';
    case 'min_line':
      return `grow your monthly sales: the line we could offer (${formatRmb(Number(v))}) is below our ${formatRmb(Number(t))} minimum`;
    case 'excluded_segment':
      return null;
  }
}

function showValue(step: string, value: string | number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'pass' : 'FAIL';
  if (typeof value === 'number' && (step.endsWith('_fen') || FEN_STEPS.has(step) || step.startsWith('instalments_'))) {
    return formatRmb(value);
  }
  if (typeof value === 'number' && (step === 'annual_rate' || step === 'volatility_haircut')) return formatPercent(value);
  return String(value);
}

const FEN_STEPS = new Set([
  'base_line', 'line_after_haircut', 'debt_service_cap', 'line_after_debt_service', 'line_after_max',
  'line_rounded', 'ead', 'expected_loss',
]);

function joinPlain(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
