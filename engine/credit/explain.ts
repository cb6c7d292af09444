/**
 * Explanations of a decision in two registers: the full trace for a credit officer, and a
 * short plain-language summary for the merchant (with, when declined, what would change it).
 *
 * @example
 *   explainForMerchant(decision, plainWords);
 *   // "We can't offer you an Easy Loan line yet. To qualify: reach RMB 300,000 of turnover
 *   //  over 12 months (you have RMB 241,300)."
 */
import type { Decision } from './decision.ts';
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

/** Plain words for a score reason's feature, as the merchant reads them (rendered when read, never stored). */
export type ReasonWords = (feature: string) => string;

/** A few plain sentences for the merchant: the offer, or what would change the answer (each rule's own words). */
export function explainForMerchant(d: Decision, reasonWords: ReasonWords): string {
  const reasons = d.reason_codes.map((r) => reasonWords(r.feature));
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
  const changeable = d.failed.flatMap((f) => ('to_qualify' in f.merchant ? [f.merchant.to_qualify] : []));
  const statements = d.failed.flatMap((f) => ('statement' in f.merchant ? [f.merchant.statement] : []));
  const parts = ["We can't offer you an Easy Loan line yet."];
  if (changeable.length > 0) parts.push(`To qualify: ${changeable.join('; ')}.`);
  parts.push(...new Set(statements));
  if (reasons.length > 0) parts.push(`What weighed most on your assessment: ${joinPlain(reasons)}.`);
  return parts.join(' ');
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
  'line_rounded', 'line_after_balance', 'ead', 'expected_loss',
]);

function joinPlain(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
