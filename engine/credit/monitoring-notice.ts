/**
 * The notice a merchant sees on their line: the latest action monitoring or an officer took on
 * it, while it is still in force, in the merchant's words (monitoring-words.ts). A freeze holds
 * while the line is frozen and a cut limit while the limit stands; a watch, a thaw or a raise is
 * news, shown for the policy's watch_repeat_days (monitoring watches a line again after those
 * days if its signals still warn). An officer's own reason is the bank's note, never shown.
 *
 * @example
 *   monitoringNotice(DEFAULT_MONITORING, events, '2025-01-30');
 *   // { action: 'freeze', since: '2025-01-30', message: 'We have paused new drawing ...', reasons: [...], what_you_can_do: 'Keep repaying ...' }
 */
import { addDays } from '../calendar/days.ts';
import type { LineEvent } from '../schema/line-event.ts';
import type { MonitoringNotice } from '../schema/monitoring.ts';
import type { MonitoringPolicy } from './monitoring-policy.ts';
import { replayLine } from './line-state.ts';
import { parseReasonText } from './monitoring.ts';
import { actionOfEvent, monitoringWords } from './monitoring-words.ts';

const ACTIONS = new Set(['watched', 'frozen', 'unfrozen', 'limit_changed']);

/** The notice in force on `today` for a line's events (oldest first); null when there is none. */
export function monitoringNotice(policy: MonitoringPolicy, events: readonly LineEvent[], today: string): MonitoringNotice | null {
  const at = events.findLastIndex((e) => ACTIONS.has(e.event_type) && (e.source === 'monitoring' || e.source === 'officer'));
  if (at < 0) return null;
  const event = events[at];
  const now = replayLine(events);
  const { codes, values } = event.source === 'monitoring' ? parseReasonText(event.reason) : { codes: [], values: {} };
  const action = actionOfEvent(event.event_type, codes, at > 0 ? Number(events[at - 1].limit_fen) : undefined, Number(event.limit_fen));
  const fresh = today < addDays(event.business_date, policy.watch_repeat_days);
  const inForce = {
    none: false,
    freeze: now.status === 'frozen',
    reduce_limit: now.limit_fen === Number(event.limit_fen),
    watch: fresh,
    unfreeze: fresh,
    increase_limit: fresh,
  }[action];
  if (!inForce || action === 'none') return null;
  const words = monitoringWords(policy, action, codes, values);
  return { action, since: event.business_date, message: words.merchant, reasons: words.merchantReasons, what_you_can_do: words.merchantCanDo };
}
