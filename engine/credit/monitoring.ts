/**
 * Daily monitoring of one line: its signals (monitoring-policy.ts) and its state turned into one
 * action under the policy, with the reason codes behind it. Pure: the runner
 * (pipelines/monitoring) reads signals and lines and writes the action as a ledger event; the
 * backtest replays the same decision week by week. A frozen line thaws one severity below the
 * one that froze it (at watch or calmer), so a line does not flicker on a signal at the edge.
 *
 * @example
 *   decideMonitoring(DEFAULT_MONITORING, 100_000_00, line, { turnover_drop: 0.7, ... });
 *   // { action: 'freeze', event_type: 'frozen', reasons: ['turnover_drop'], limit_fen: 10_000_000 }
 */
import type { LineEventType } from '../schema/line-event.ts';
import type { LineStatus } from './line-state.ts';
import { SEVERITIES, type MonitoringPolicy, type MonitoringSignal, type Severity } from './monitoring-policy.ts';

export type MonitoringAction = 'none' | 'watch' | 'reduce_limit' | 'freeze' | 'unfreeze' | 'increase_limit';

/** Why: a signal's name, or one of the two reasons that are not signals. */
export type MonitoringReason = MonitoringSignal | 'signals_eased' | 'good_standing';

export type LineSignals = Record<MonitoringSignal, number | null>;

/** What the decision needs of a line's state (from its ledger). */
export interface MonitoredLine {
  status: LineStatus;
  limit_fen: number;
  balance_fen: number;
  days_open: number;
  /** Days since monitoring last acted on the line (watched, reduced, froze, raised); null when never. */
  days_since_action: number | null;
  /** Days since the limit was last raised by monitoring; null when never. */
  days_since_increase: number | null;
  /** The last freeze came from monitoring (an officer's freeze is the officer's to lift). */
  frozen_by_monitoring: boolean;
}

export interface MonitoringDecision {
  action: MonitoringAction;
  /** The ledger event the action writes; null when it writes none. */
  event_type: LineEventType | null;
  /** The worst severity any signal reached; null when none. */
  severity: Severity | null;
  reasons: MonitoringReason[];
  /** The line's limit after the action. */
  limit_fen: number;
}

/** The worst severity each signal reaches (signals below watch, or without a value, are left out). */
export function signalSeverities(policy: MonitoringPolicy, signals: LineSignals): Partial<Record<MonitoringSignal, Severity>> {
  const out: Partial<Record<MonitoringSignal, Severity>> = {};
  for (const entry of policy.signals) {
    const value = signals[entry.signal];
    if (value === null || Number.isNaN(value)) continue;
    for (const sev of SEVERITIES) {
      const threshold = entry[sev];
      if (threshold !== null && value >= threshold) out[entry.signal] = sev;
    }
  }
  return out;
}

const rank = (s: Severity | null) => (s === null ? -1 : SEVERITIES.indexOf(s));

/** One line's action today. `maxLineFen` caps a raise (the policy's line.max_line_fen). */
export function decideMonitoring(policy: MonitoringPolicy, maxLineFen: number, line: MonitoredLine, signals: LineSignals): MonitoringDecision {
  const bySignal = signalSeverities(policy, signals);
  const severity = Object.values(bySignal).reduce<Severity | null>((worst, s) => (rank(s) > rank(worst) ? s : worst), null);
  // Reasons: the signals at the severity acted on, worst first in the policy's order.
  const at = (min: Severity | null) => policy.signals.map((e) => e.signal).filter((s) => bySignal[s] && rank(bySignal[s]!) >= rank(min));
  const result = (action: MonitoringAction, event_type: LineEventType | null, reasons: MonitoringReason[], limit_fen = line.limit_fen): MonitoringDecision =>
    ({ action, event_type, severity, reasons, limit_fen });

  // Defaulted, written-off and closed lines belong to collections, not to monitoring.
  if (line.status !== 'open' && line.status !== 'frozen') return result('none', null, []);

  if (line.status === 'frozen') {
    if (line.frozen_by_monitoring && rank(severity) <= rank('watch')) return result('unfreeze', 'unfrozen', ['signals_eased']);
    return result('none', null, at(severity));
  }
  if (severity === 'freeze') return result('freeze', 'frozen', at('freeze'));
  // A line acted on lately is left to settle: no second cut, no repeated watch, until the policy's days pass.
  const due = line.days_since_action === null || line.days_since_action >= policy.watch_repeat_days;
  if (severity === 'reduce' && due) {
    const cut = roundDown(Math.max(line.balance_fen, line.limit_fen * policy.reduce_to_share), policy.rounding_fen);
    const limit = Math.max(cut, Math.min(line.limit_fen, roundUp(line.balance_fen, policy.rounding_fen)));
    if (limit < line.limit_fen) return result('reduce_limit', 'limit_changed', at('reduce'), limit);
  }
  if (severity !== null) {
    return due ? result('watch', 'watched', at('watch')) : result('none', null, at('watch'));
  }
  const inc = policy.increase;
  const pd = signals.pd;
  const used = line.limit_fen > 0 ? line.balance_fen / line.limit_fen : 0;
  const rested = (line.days_since_increase ?? line.days_open) >= inc.min_days_between;
  if (pd !== null && pd <= inc.max_pd && used >= inc.min_utilisation && line.days_open >= inc.min_days_open && rested) {
    const raised = Math.min(maxLineFen, roundDown(line.limit_fen * (1 + inc.share), policy.rounding_fen));
    if (raised > line.limit_fen) return result('increase_limit', 'limit_changed', ['good_standing'], raised);
  }
  return result('none', null, []);
}

function roundDown(fen: number, step: number): number {
  return Math.floor(fen / step) * step;
}

function roundUp(fen: number, step: number): number {
  return Math.ceil(fen / step) * step;
}

/**
 * Reasons as the ledger stores them: codes, each with the signal's figure when it has one
 * ('turnover_drop=0.64,closed_days=9'), so the words can be rendered from the event alone.
 */
export function reasonText(reasons: readonly MonitoringReason[], signals: Partial<LineSignals> = {}): string {
  return reasons.map((r) => {
    const value = signals[r as MonitoringSignal];
    return value === null || value === undefined ? r : `${r}=${Number(value.toFixed(4))}`;
  }).join(',');
}

/** The codes and figures of a stored reason (an officer's free text comes back as no codes). */
export function parseReasonText(text: string | null): { codes: string[]; values: Partial<LineSignals> } {
  const codes: string[] = [];
  const values: Partial<LineSignals> = {};
  for (const part of (text ?? '').split(',')) {
    const m = /^([a-z_]+)(?:=(-?[0-9.]+(?:e-?[0-9]+)?))?$/.exec(part.trim());
    if (!m) continue;
    codes.push(m[1]);
    if (m[2] !== undefined) values[m[1] as MonitoringSignal] = Number(m[2]);
  }
  return { codes, values };
}
