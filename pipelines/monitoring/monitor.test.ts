/**
 * Daily monitoring on a real DuckDB: six cafés with four months of turnover and a line each,
 * every one shaped to call for one action (testing/monitoring-fixture.ts); the run writes those
 * actions through the ledger's writer (the stored state equals the replay), their signals and its
 * run, and a rerun writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../engine/calendar/days.ts';
import { monitoringWords, parseReasonText, DEFAULT_MONITORING } from '../../engine/credit/index.ts';
import { Database } from '../../engine/db/index.ts';
import { lineState } from '../lines/append-events.ts';
import { linesAsOf } from '../lines/line-state.ts';
import { monitorLines } from './monitor.ts';
import { buildMonitoringFixture, MONITOR_AS_OF } from './testing/monitoring-fixture.ts';

const AS_OF = MONITOR_AS_OF;
let db: Database;

beforeAll(async () => {
  db = await Database.open(':memory:');
  await buildMonitoringFixture(db);
});
afterAll(() => db.close());

describe('monitorLines', () => {
  it('writes each line’s action through the ledger, with its signals and the run', async () => {
    const run = await monitorLines(db, { asOfDate: AS_OF, modelId: 'm1' });
    expect(run).toMatchObject({ as_of_date: AS_OF, lines: 6, watched: 1, reduced: 1, frozen: 1, unfrozen: 1, increased: 1, already_monitored: false, model_id: 'm1' });

    const events = await db.all<{ line_id: string; event_type: string; amount_fen: number; limit_fen: number; reason: string; source: string }>(
      `SELECT line_id, CAST(event_type AS VARCHAR) AS event_type, amount_fen, limit_fen, reason, CAST(source AS VARCHAR) AS source
       FROM line_events WHERE business_date = DATE '2024-06-01' ORDER BY line_id`,
    );
    expect(events.map((e) => [e.line_id, e.event_type, e.limit_fen])).toEqual([
      ['L-2', 'frozen', 10_000_000],
      ['L-3', 'limit_changed', 5_000_000],
      ['L-4', 'watched', 10_000_000],
      ['L-5', 'unfrozen', 10_000_000],
      ['L-6', 'limit_changed', 12_000_000],
    ]);
    expect(events.every((e) => e.source === 'monitoring')).toBe(true);
    const frozen = parseReasonText(events[0].reason);
    expect(frozen.codes).toEqual(['turnover_drop']);
    expect(frozen.values.turnover_drop).toBeCloseTo(0.7, 6);
    expect(monitoringWords(DEFAULT_MONITORING, 'freeze', frozen.codes, frozen.values).merchant).toMatch(/paused new drawing.*70% below your usual level/);
    expect(parseReasonText(events[1].reason).codes).toEqual(['turnover_drop', 'closed_days']);
    expect(events[2].reason).toBe('pd=0.1');
    expect(events[4].reason).toBe('good_standing');

    // The stored state is the replay, and line-state.sql reads the same a day later.
    expect((await lineState(db, 'L-2'))!.status).toBe('frozen');
    expect((await lineState(db, 'L-5'))!.status).toBe('open');
    const later = await linesAsOf(db, addDays(AS_OF, 1));
    expect(later.map((l) => [l.line_id, l.status, l.limit_fen])).toEqual([
      ['L-1', 'open', 10_000_000], ['L-2', 'frozen', 10_000_000], ['L-3', 'open', 5_000_000],
      ['L-4', 'open', 10_000_000], ['L-5', 'open', 10_000_000], ['L-6', 'open', 12_000_000],
    ]);

    const signals = await db.all<{ line_id: string; action: string; closed_days: number; pd: number | null }>(
      `SELECT line_id, action, closed_days, pd FROM line_signals WHERE as_of_date = DATE '2024-06-01' ORDER BY line_id`,
    );
    expect(signals.map((s) => s.action)).toEqual(['none', 'freeze', 'reduce_limit', 'watch', 'unfreeze', 'increase_limit']);
    expect(signals[2].closed_days).toBe(13);
    expect(signals[3].pd).toBe(0.1);
  });

  it('writes nothing on a rerun of the same date', async () => {
    const before = Number((await db.one<{ n: bigint }>('SELECT count(*) AS n FROM line_events'))!.n);
    const again = await monitorLines(db, { asOfDate: AS_OF, modelId: 'm1' });
    expect(again).toMatchObject({ already_monitored: true, frozen: 1, lines: 6 });
    expect(Number((await db.one<{ n: bigint }>('SELECT count(*) AS n FROM line_events'))!.n)).toBe(before);
    expect(Number((await db.one<{ n: bigint }>('SELECT count(*) AS n FROM line_signals'))!.n)).toBe(6);
  });

  it('refuses a date before the ledger’s last event, naming both', async () => {
    await expect(monitorLines(db, { asOfDate: '2024-05-01', modelId: 'm1' })).rejects.toThrow(
      /monitoring as of 2024-05-01 would write events dated before the ledger's last \(2024-06-01\)/,
    );
  });

  it('watches again only after the policy’s days, and keeps the frozen line frozen', async () => {
    const next = await monitorLines(db, { asOfDate: addDays(AS_OF, 7), modelId: 'm1' });
    expect(next).toMatchObject({ lines: 6, watched: 0, reduced: 0, frozen: 0, unfrozen: 0, increased: 0, already_monitored: false });
    const l3 = await db.one<{ severity: string; action: string }>(`SELECT severity, action FROM line_signals WHERE line_id = 'L-3' AND as_of_date = DATE '2024-06-08'`);
    expect(l3).toEqual({ severity: 'reduce', action: 'none' });
  });
});
