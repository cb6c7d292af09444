import { describe, expect, it } from 'vitest';
import type { LineEvent, LineEventSource, LineEventType } from '../schema/line-event.ts';
import { monitoringNotice } from './monitoring-notice.ts';
import { DEFAULT_MONITORING } from './monitoring-policy.ts';

let n = 0;
/** One event of line L1; `limit` is the line's limit after it. */
function ev(event_type: LineEventType, business_date: string, over: { source?: LineEventSource; reason?: string | null; limit?: number } = {}): LineEvent {
  const limit = over.limit ?? 10_000_000;
  return {
    event_id: `E${++n}`, line_id: 'L1', merchant_id: 'M00000001', business_date, event_type,
    amount_fen: event_type === 'accepted' || event_type === 'limit_changed' ? limit : 0, interest_fen: 0,
    limit_fen: limit, balance_fen: 0, dpd: 0, instalments: null, annual_rate: null, repayment: null,
    source: over.source ?? 'api', reason: over.reason ?? null, recorded_at: null,
  };
}
const opened = ev('accepted', '2025-01-01');
const notice = (events: LineEvent[], today: string) => monitoringNotice(DEFAULT_MONITORING, events, today);

describe('the merchant’s monitoring notice', () => {
  it('is none on a line monitoring never acted on', () => {
    expect(notice([opened, ev('drawn', '2025-01-02')], '2025-03-01')).toBeNull();
  });

  it('tells a freeze in the merchant’s words while the line is frozen, with what to do', () => {
    const frozen = ev('frozen', '2025-02-01', { source: 'monitoring', reason: 'turnover_drop=0.64,closed_days=19' });
    const n1 = notice([opened, frozen], '2025-06-01')!;
    expect(n1).toMatchObject({ action: 'freeze', since: '2025-02-01' });
    expect(n1.message).toBe(
      'We have paused new drawing on your Easy Loan line; your repayments continue as agreed. This is because your sales over the last four weeks were 64% below your usual level for the season; your shop took no payments on 19 of the last 28 days.',
    );
    expect(n1.reasons).toEqual(['your sales over the last four weeks were 64% below your usual level for the season', 'your shop took no payments on 19 of the last 28 days']);
    expect(n1.what_you_can_do).toMatch(/^Keep repaying as agreed/);
    expect(`${n1.message} ${n1.what_you_can_do}`).not.toMatch(/turnover_drop|closed_days|=|_/);
  });

  it('tells an officer’s thaw without the officer’s note, for the policy’s days only', () => {
    const events = [opened, ev('frozen', '2025-02-01', { source: 'monitoring', reason: 'dpd=31' }), ev('unfrozen', '2025-02-05', { source: 'officer', reason: 'override: owner in hospital' })];
    const thawed = notice(events, '2025-02-10')!;
    expect(thawed).toMatchObject({ action: 'unfreeze', since: '2025-02-05', reasons: [], message: 'You can draw on your Easy Loan line again.' });
    expect(JSON.stringify(thawed)).not.toContain('hospital');
    expect(notice(events, '2025-03-05')).toBeNull(); // 28 days on
  });

  it('lets a watch lapse after the policy’s days, and reads an officer’s limit reversal as a raise', () => {
    const watched = [opened, ev('watched', '2025-02-01', { source: 'monitoring', reason: 'decline_share=0.2' })];
    expect(notice(watched, '2025-02-28')?.action).toBe('watch');
    expect(notice(watched, '2025-03-01')).toBeNull();
    const cut = ev('limit_changed', '2025-02-01', { source: 'monitoring', reason: 'closed_days=13', limit: 5_000_000 });
    expect(notice([opened, cut], '2025-12-31')).toMatchObject({ action: 'reduce_limit', message: expect.stringMatching(/^We have lowered the limit .* 13 of the last 28 days\.$/) });
    const restored = ev('limit_changed', '2025-02-03', { source: 'officer', reason: 'override: seasonal closure', limit: 10_000_000 });
    expect(notice([opened, cut, restored], '2025-02-04')).toMatchObject({ action: 'increase_limit', reasons: [] });
  });

  it('drops a cut once the limit has moved on, and ignores the bank’s own book', () => {
    const cut = ev('limit_changed', '2025-02-01', { source: 'monitoring', reason: 'closed_days=13', limit: 5_000_000 });
    expect(notice([opened, cut, ev('limit_changed', '2025-03-01', { source: 'legacy_book', limit: 8_000_000 })], '2025-03-02')).toBeNull();
    expect(notice([opened, ev('frozen', '2025-02-01', { source: 'legacy_book' })], '2025-02-02')).toBeNull();
  });
});
