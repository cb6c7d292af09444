/**
 * Daily monitoring on a real DuckDB: six cafés with 120 days of turnover and a line each, every
 * one shaped to call for one action; the run writes those actions through the ledger's writer
 * (the stored state equals the replay), their signals and its run, and a rerun writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../engine/calendar/days.ts';
import { monitoringWords, parseReasonText, DEFAULT_MONITORING } from '../../engine/credit/index.ts';
import { Database } from '../../engine/db/index.ts';
import { createTableSql, DAILY_TURNOVER } from '../../engine/warehouse/index.ts';
import { ensureScoreTables } from '../../models/index.ts';
import { appendLineEvents, lineState } from '../lines/append-events.ts';
import { linesAsOf } from '../lines/line-state.ts';
import { ensureWarehouse } from '../warehouse.ts';
import { monitorLines } from './monitor.ts';

const AS_OF = '2024-06-01';
const DAY_FEN = 100_000;
let db: Database;

/** Merchant n's turnover on day offset d before the as-of date (1 = the eve), or null when closed. */
const SHAPES: Record<number, (d: number) => number | null> = {
  1: () => DAY_FEN,
  2: (d) => (d <= 28 ? DAY_FEN * 0.3 : DAY_FEN), // a 70% fall: freeze
  3: (d) => (d <= 28 && d % 2 === 0 && d <= 26 ? null : DAY_FEN), // 13 closed days: reduce
  4: () => DAY_FEN, // a high PD: watch
  5: () => DAY_FEN, // frozen by monitoring, quiet again: unfreeze
  6: () => DAY_FEN, // low PD, well used: raise
};

beforeAll(async () => {
  db = await Database.open(':memory:');
  await ensureWarehouse(db);
  await ensureScoreTables(db);
  await db.run(createTableSql(DAILY_TURNOVER));
  for (let n = 1; n <= 6; n++) {
    const id = `M0000000${n}`;
    await db.run(
      `INSERT INTO merchants VALUES ($id, 'cafe', 'capillary', 1, 'A', DATE '2022-01-01', 'active', NULL, $n, 0)`,
      { id, n },
    );
    for (let d = -7; d <= 120; d++) {
      const fen = SHAPES[n](d);
      if (fen === null) continue;
      const sql = `INSERT INTO daily_turnover BY NAME SELECT ${DAILY_TURNOVER.declared
        .map((c) => `${({ merchant_id: '$id', merchant_key: '$n', turnover_date: 'CAST($day AS DATE)', gross_fen: '$fen', net_fen: '$fen', n_payments: '100', days_since_prev_active: 'NULL' } as Record<string, string>)[c.name] ?? '0'} AS ${c.name}`)
        .join(', ')}`;
      await db.run(sql, { id, n, day: addDays(AS_OF, -d), fen });
    }
    const line_id = `L-${n}`;
    const limit = 10_000_000;
    await appendLineEvents(db, {
      line_id, merchant_id: id, business_date: '2023-11-01', source: 'api',
      events: [
        { event_type: 'accepted', amount_fen: limit, annual_rate: 0.12 },
        { event_type: 'drawn', amount_fen: n === 6 ? 7_000_000 : 3_000_000, instalments: 12, annual_rate: 0.12 },
      ],
    });
    if (n === 5) {
      await appendLineEvents(db, { line_id, merchant_id: id, business_date: '2024-04-01', source: 'monitoring', events: [{ event_type: 'frozen', amount_fen: 0, reason: 'closed_days=20' }] });
    }
    const pd = n === 4 ? 0.1 : n === 6 ? 0.01 : 0.03;
    await db.run(`INSERT INTO scores VALUES ($id, DATE '2024-05-01', 'm1', $pd, NULL, 'r1')`, { id, pd });
  }
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
