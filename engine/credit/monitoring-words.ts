/**
 * Monitoring reasons in words, rendered when read (the ledger stores codes only, so a sentence
 * changes without rewriting any event): for the officer, what the signal looks at and its figure
 * against the policy's levels; for the merchant, the signal's own plain sentence, and what the
 * action means for the line, and what the merchant can do about it.
 *
 * @example
 *   monitoringWords(DEFAULT_MONITORING, 'freeze', ['turnover_drop'], { turnover_drop: 0.64 });
 *   // { officer: ['turnover_drop: fall of 28-day turnover below its seasonal baseline = 0.64 (watch 0.3, reduce 0.45, freeze 0.6)'],
 *   //   merchant: 'We have paused new drawing on your Easy Loan line: your sales over the last four weeks were 64% below ...' }
 */
import type { MonitoringAction, MonitoringReason } from './monitoring.ts';
import type { MonitoringPolicy, MonitoringSignal, SignalEntry } from './monitoring-policy.ts';
import { forMerchant, forOfficer } from './rules.ts';

export interface MonitoringWords {
  /** One line per reason. */
  officer: string[];
  /** A few plain sentences: what happened and why. */
  merchant: string;
  /** The reasons alone, one plain sentence each. */
  merchantReasons: string[];
  /** What the merchant can do now. */
  merchantCanDo: string;
}

const FIXED: Record<'signals_eased' | 'good_standing', { officer: string; merchant: string }> = {
  signals_eased: { officer: 'signals eased below the freeze level', merchant: 'your sales have recovered' },
  good_standing: { officer: 'low PD, line well used, no warning signal', merchant: 'you have used and repaid your line well' },
};

const CAN_DO: Record<MonitoringAction, string> = {
  none: 'Nothing: keep trading and repaying as usual.',
  watch: 'Nothing: keep taking payments with your QR code and repaying as usual. We look at your line every day.',
  reduce_limit: 'What you owe and your repayments are unchanged, and you can still draw up to the new limit. A line used and repaid well can be raised again later.',
  freeze: 'Keep repaying as agreed, and bring any late repayment up to date. We look at your line every day, and drawing opens again by itself once these reasons ease.',
  unfreeze: 'Draw up to the amount available whenever you need it.',
  increase_limit: 'Draw up to the new limit whenever you need it.',
};

const ACTION_WORDS: Record<MonitoringAction, string> = {
  none: 'Your Easy Loan line is unchanged.',
  watch: 'We are keeping a closer eye on your Easy Loan line; nothing changes for now.',
  reduce_limit: 'We have lowered the limit of your Easy Loan line.',
  freeze: 'We have paused new drawing on your Easy Loan line; your repayments continue as agreed.',
  unfreeze: 'You can draw on your Easy Loan line again.',
  increase_limit: 'Good news: we have raised the limit of your Easy Loan line.',
};

/** The words of an action and its reason codes; `values` are the signals' figures when known. */
export function monitoringWords(
  policy: MonitoringPolicy,
  action: MonitoringAction,
  reasons: readonly string[],
  values: Partial<Record<MonitoringSignal, number | null>> = {},
): MonitoringWords {
  const officer: string[] = [];
  const merchant: string[] = [];
  for (const code of reasons) {
    const entry = policy.signals.find((s) => s.signal === code);
    if (entry) {
      const value = values[entry.signal];
      officer.push(`${code}: ${entry.officer}${value === null || value === undefined ? '' : ` = ${forOfficer(entry.unit, value)}`} (${levels(entry)})`);
      // Without its figure the merchant's sentence would read wrong; the plain name of the signal stands in.
      merchant.push(value === null || value === undefined ? entry.officer : entry.merchant.replaceAll('{value}', forMerchant(entry.unit, value)));
    } else if (code in FIXED) {
      const fixed = FIXED[code as keyof typeof FIXED];
      officer.push(`${code}: ${fixed.officer}`);
      merchant.push(fixed.merchant);
    } else {
      // A code from an older policy that no longer lists the signal: shown as it is, never dropped.
      officer.push(`${code}: (not in policy)`);
    }
  }
  const because = merchant.length > 0 ? ` This is because ${merchant.join('; ')}.` : '';
  return { officer, merchant: `${ACTION_WORDS[action]}${because}`, merchantReasons: merchant, merchantCanDo: CAN_DO[action] };
}

/**
 * The action a stored event stands for, so its words can be rendered from the ledger alone. A
 * limit change is a raise or a cut by the limit before it when known (an officer's reversal has
 * no reason codes), else by its reasons.
 */
export function actionOfEvent(eventType: string, reasons: readonly string[], limitBeforeFen?: number, limitAfterFen?: number): MonitoringAction {
  if (eventType === 'frozen') return 'freeze';
  if (eventType === 'unfrozen') return 'unfreeze';
  if (eventType === 'watched') return 'watch';
  if (eventType === 'limit_changed') {
    if (limitBeforeFen !== undefined && limitAfterFen !== undefined) return limitAfterFen > limitBeforeFen ? 'increase_limit' : 'reduce_limit';
    return reasons.includes('good_standing' satisfies MonitoringReason) ? 'increase_limit' : 'reduce_limit';
  }
  return 'none';
}

function levels(entry: SignalEntry): string {
  return (['watch', 'reduce', 'freeze'] as const)
    .filter((sev) => entry[sev] !== null)
    .map((sev) => `${sev} ${forOfficer(entry.unit, entry[sev]!)}`)
    .join(', ');
}
