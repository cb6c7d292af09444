/**
 * The ledger's writer: random sequences of appends always store what the replay says (and what
 * line-state.sql reads), back-dated or foreign appends are refused, and appends racing on one
 * line neither lose nor double an event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../engine/calendar/days.ts';
import { replayLine } from '../../engine/credit/line-state.ts';
import { mulberry32 } from '../../engine/credit/test-support.ts';
import { Database, isWriteConflict } from '../../engine/db/index.ts';
import type { LineEventType } from '../../engine/schema/line-event.ts';
import { ensureTables, LINE_EVENTS, LINE_HEADS } from '../../engine/warehouse/index.ts';
import { appendLineEvents, appendToLine, LineAppendError, type NewLineEvent } from './append-events.ts';
import { lineEvents, lineState, merchantLines } from './line-events.ts';
import { linesAsOf } from './line-state.ts';

let db: Database;
beforeAll(async () => {
  db = await Database.open(':memory:');
  await ensureTables(db, [LINE_EVENTS, LINE_HEADS]);
});
afterAll(() => db.close());

const MERCHANT = 'M00000001';

/** A plausible next event for a line in `state`: draws within the limit, repayments within the balance. */
function randomEvent(rand: () => number, balance: number, limit: number): NewLineEvent {
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const type: LineEventType = pick(['drawn', 'drawn', 'repaid', 'repaid', 'instalment_due', 'missed', 'past_due', 'limit_changed', 'frozen', 'unfrozen', 'watched']);
  const fen = (max: number) => Math.floor(rand() * Math.max(0, max));
  switch (type) {
    case 'drawn': return { event_type: type, amount_fen: 1 + fen(Math.max(1, limit - balance)), instalments: 6, annual_rate: 0.18 };
    case 'repaid': {
      const interest = fen(5_000);
      return { event_type: type, amount_fen: interest + fen(balance + 10), interest_fen: interest, dpd: 0 };
    }
    case 'past_due': return { event_type: type, amount_fen: 0, dpd: 1 + fen(90) };
    case 'instalment_due': case 'missed': return { event_type: type, amount_fen: fen(200_000), interest_fen: 0 };
    case 'limit_changed': return { event_type: type, amount_fen: 100_000 + fen(5_000_000), reason: 'review' };
    default: return { event_type: type, amount_fen: 0 };
  }
}

describe('appendLineEvents', () => {
  it('stores on every event the state its replay gives, for random sequences of appends', async () => {
    const rand = mulberry32(20241205);
    for (let line = 1; line <= 12; line++) {
      const lineId = `LR${line}`;
      let day = '2024-03-01';
      let appended = await appendLineEvents(db, { line_id: lineId, merchant_id: MERCHANT, business_date: day, source: 'api',
        events: [{ event_type: 'accepted', amount_fen: 1_000_000 + Math.floor(rand() * 4_000_000), annual_rate: 0.18 }] });
      for (let batch = 0; batch < 15; batch++) {
        day = addDays(day, Math.floor(rand() * 3));
        const n = 1 + Math.floor(rand() * 3);
        const events: NewLineEvent[] = [];
        for (let i = 0; i < n; i++) events.push(randomEvent(rand, appended.state.balance_fen, appended.state.limit_fen));
        const source = rand() < 0.5 ? 'monitoring' : 'officer';
        appended = await appendLineEvents(db, { line_id: lineId, merchant_id: MERCHANT, business_date: day, source, events });
        expect(appended.events.map((e) => e.event_type)).toEqual(events.map((e) => e.event_type));
      }
      const stored = await lineEvents(db, lineId);
      expect((await db.one<{ n: number }>('SELECT n_events AS n FROM line_heads WHERE line_id = $l', { l: lineId }))!.n).toBe(stored.length);
      stored.forEach((event, i) => {
        const replayed = replayLine(stored.slice(0, i + 1));
        expect({ limit: event.limit_fen, balance: event.balance_fen, dpd: event.dpd }, `${lineId} event ${i}`).toEqual({
          limit: replayed.limit_fen, balance: replayed.balance_fen, dpd: replayed.dpd,
        });
      });
      const replayed = replayLine(stored);
      expect(await lineState(db, lineId)).toEqual(replayed);
      expect(appended.state).toEqual(replayed);
      const [fromSql] = (await linesAsOf(db, addDays(day, 1))).filter((l) => l.line_id === lineId);
      expect({ limit_fen: fromSql.limit_fen, balance_fen: fromSql.balance_fen, dpd: fromSql.dpd, status: fromSql.status }).toEqual({
        limit_fen: replayed.limit_fen, balance_fen: replayed.balance_fen, dpd: replayed.dpd, status: replayed.status,
      });
    }
  });

  it('stamps the business date, the source and the wall clock, with ids in ledger order', async () => {
    const { events } = await appendLineEvents(db, { line_id: 'LS1', merchant_id: MERCHANT, business_date: '2024-05-02', source: 'api', events: [
      { event_type: 'accepted', amount_fen: 500_000, annual_rate: 0.2 },
      { event_type: 'drawn', amount_fen: 200_000, instalments: 3, annual_rate: 0.2 },
      { event_type: 'repaid', amount_fen: 60_000, interest_fen: 10_000 },
    ] });
    expect(events.map((e) => [e.business_date, e.source, e.limit_fen, e.balance_fen])).toEqual([
      ['2024-05-02', 'api', 500_000, 0],
      ['2024-05-02', 'api', 500_000, 200_000],
      ['2024-05-02', 'api', 500_000, 150_000],
    ]);
    expect([...events.map((e) => e.event_id)].sort()).toEqual(events.map((e) => e.event_id));
    expect(events[0].recorded_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect((await lineEvents(db, 'LS1')).map((e) => e.event_id)).toEqual(events.map((e) => e.event_id));
  });

  it('refuses an event dated before the line’s last, another merchant’s line, and a line opened by no offer', async () => {
    await appendLineEvents(db, { line_id: 'LB1', merchant_id: MERCHANT, business_date: '2024-06-10', source: 'api', events: [{ event_type: 'accepted', amount_fen: 100_000 }] });
    const late = appendLineEvents(db, { line_id: 'LB1', merchant_id: MERCHANT, business_date: '2024-06-09', source: 'monitoring', events: [{ event_type: 'frozen', amount_fen: 0 }] });
    await expect(late).rejects.toThrow(LineAppendError);
    await expect(late).rejects.toThrow(/has an event on 2024-06-10; an event dated 2024-06-09/);
    await expect(appendLineEvents(db, { line_id: 'LB1', merchant_id: 'M00000002', business_date: '2024-06-11', source: 'officer', events: [{ event_type: 'frozen', amount_fen: 0 }] }))
      .rejects.toThrow(/is M00000001's, not M00000002's/);
    await expect(appendLineEvents(db, { line_id: 'LB2', merchant_id: MERCHANT, business_date: '2024-06-11', source: 'api', events: [{ event_type: 'drawn', amount_fen: 100 }] }))
      .rejects.toThrow(/first must be 'offered' or 'accepted'/);
    expect(await lineEvents(db, 'LB1')).toHaveLength(1);
    expect(await lineEvents(db, 'LB2')).toHaveLength(0);
  });

  it('lands every one of many concurrent appends to one line exactly once', async () => {
    await appendLineEvents(db, { line_id: 'LC1', merchant_id: MERCHANT, business_date: '2024-07-01', source: 'api', events: [{ event_type: 'accepted', amount_fen: 10_000_000 }] });
    const draws = Array.from({ length: 24 }, (_, i) => appendLineEvents(db, {
      line_id: 'LC1', merchant_id: MERCHANT, business_date: '2024-07-01', source: i % 2 ? 'api' : 'monitoring',
      events: [{ event_type: 'drawn', amount_fen: 1_000 + i }],
    }));
    await Promise.all(draws);
    const stored = await lineEvents(db, 'LC1');
    expect(stored).toHaveLength(25);
    expect(new Set(stored.map((e) => e.event_id)).size).toBe(25);
    expect(stored.slice(1).map((e) => e.amount_fen).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => 1_000 + i));
    // Each draw stepped from the one before it: the stored balances run up by each draw, none from a stale state.
    let balance = 0;
    for (const e of stored.slice(1)) expect(e.balance_fen).toBe((balance += e.amount_fen));
    expect((await lineState(db, 'LC1'))!.balance_fen).toBe(24 * 1_000 + (23 * 24) / 2);
    expect((await db.one<{ n: number }>(`SELECT n_events AS n FROM line_heads WHERE line_id = 'LC1'`))!.n).toBe(25);
  });

  it('makes the second of two callers’ transactions from the same state a write conflict', async () => {
    await appendLineEvents(db, { line_id: 'LT1', merchant_id: MERCHANT, business_date: '2024-08-01', source: 'api', events: [{ event_type: 'accepted', amount_fen: 300_000 }] });
    const [a, b] = [await db.connect(), await db.connect()];
    try {
      await a.run('BEGIN TRANSACTION');
      await b.run('BEGIN TRANSACTION');
      // b reads the line first (its snapshot), then a appends and commits, then b appends.
      expect((await lineState(b, 'LT1'))!.balance_fen).toBe(0);
      await appendToLine(a, { line_id: 'LT1', merchant_id: MERCHANT, business_date: '2024-08-01', source: 'api', events: [{ event_type: 'drawn', amount_fen: 200_000 }] });
      await a.run('COMMIT');
      const failure = await appendToLine(b, { line_id: 'LT1', merchant_id: MERCHANT, business_date: '2024-08-01', source: 'api', events: [{ event_type: 'drawn', amount_fen: 250_000 }] })
        .then(() => b.run('COMMIT'))
        .then(() => null, (error: unknown) => error);
      expect(isWriteConflict(failure)).toBe(true);
      await b.run('ROLLBACK').catch(() => undefined);
    } finally {
      a.close();
      b.close();
    }
    expect((await lineEvents(db, 'LT1')).map((e) => e.balance_fen)).toEqual([0, 200_000]);
  });

  it('reads a merchant’s lines, oldest first, each with its events and replayed state', async () => {
    const other = 'M00000077';
    await appendLineEvents(db, { line_id: 'LM2', merchant_id: other, business_date: '2024-09-05', source: 'api', events: [{ event_type: 'accepted', amount_fen: 70_000 }] });
    await appendLineEvents(db, { line_id: 'LM1', merchant_id: other, business_date: '2024-09-01', source: 'api', events: [{ event_type: 'accepted', amount_fen: 50_000 }, { event_type: 'drawn', amount_fen: 20_000 }] });
    await appendLineEvents(db, { line_id: 'LM1', merchant_id: other, business_date: '2024-09-06', source: 'officer', events: [{ event_type: 'closed', amount_fen: 0 }] });
    const lines = await merchantLines(db, other);
    expect(lines.map((l) => [l.state.line_id, l.state.status, l.state.balance_fen, l.events.length])).toEqual([
      ['LM1', 'closed', 20_000, 3],
      ['LM2', 'open', 0, 1],
    ]);
  });
});
