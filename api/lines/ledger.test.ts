/**
 * The API's lines live on the one ledger: accepting, drawing and repaying append events with
 * source 'api', the server's business date and the wall clock; a repayment pays the interest
 * accrued to its business date first; monitoring's freeze stops draws but not repayments; an
 * append dated before the line's last event is a 409.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../engine/calendar/days.ts';
import { appendLineEvents } from '../../pipelines/lines/append-events.ts';
import { merchantLines } from '../../pipelines/lines/line-events.ts';
import { FIXTURE_TIMEOUT_MS, FIXTURE_TODAY, merchantWith, startTestServer, type TestServer } from '../testing/test-server.ts';
import { businessDateOf } from '../offers/business-date.ts';
import { Ledger } from './ledger.ts';

let t: TestServer;
let merchant: string;
let token: string;

beforeAll(async () => {
  t = await startTestServer();
  merchant = await merchantWith(t, 'offer');
  token = await t.token('merchant', merchant);
}, FIXTURE_TIMEOUT_MS);
afterAll(async () => t?.close());

const move = (kind: 'draws' | 'repayments', key: string, body: unknown) =>
  t.call('POST', `/api/v1/merchants/${merchant}/line/${kind}`, { token, body, headers: { 'Idempotency-Key': key } });

/** The same warehouse's ledger as a server on another business date would see it. */
const ledgerOn = (day: string) => new Ledger(t.server.context.db, t.server.context.offers, async () => day);

describe('the business date', () => {
  it('is the warehouse’s (its latest day of loaded turnover here), unless the server is given one', async () => {
    const db = t.server.context.db;
    const latest = (await db.one<{ d: string }>('SELECT CAST(max(turnover_date) AS VARCHAR) AS d FROM daily_turnover'))!.d;
    expect(await businessDateOf({ db })()).toBe(latest);
    expect(await businessDateOf({ db, businessDate: '2024-01-02' })()).toBe('2024-01-02');
    expect(() => businessDateOf({ businessDate: '2 Jan' })).toThrow(/a date like/);
  });
});

describe('the API on the ledger', () => {
  let lineId: string;
  let rate: number;

  it('appends the acceptance and a draw with source api, the business date and the wall clock', async () => {
    const accepted = await t.call('POST', `/api/v1/merchants/${merchant}/offer/accept`, { token });
    expect(accepted.status).toBe(201);
    lineId = accepted.json.line_id;
    rate = accepted.json.annual_rate;
    expect(accepted.json).toMatchObject({ status: 'open', balance_fen: 0, interest_due_fen: 0, opened_date: FIXTURE_TODAY });
    expect((await move('draws', 'ledger-draw-1', { amount_fen: 100_000, instalments: 6 })).status).toBe(201);
    const [line] = await merchantLines(t.server.context.db, merchant);
    expect(line.events.map((e) => [e.event_type, e.source, e.business_date, e.amount_fen, e.limit_fen, e.balance_fen])).toEqual([
      ['accepted', 'api', FIXTURE_TODAY, accepted.json.line_fen, accepted.json.line_fen, 0],
      ['drawn', 'api', FIXTURE_TODAY, 100_000, accepted.json.line_fen, 100_000],
    ]);
    expect(line.events.every((e) => e.recorded_at !== null)).toBe(true);
    expect(line.events[0].reason).toMatch(/^offer of \d{4}-\d{2}-\d{2}$/);
  });

  it('pays the interest accrued to the business date first, then principal', async () => {
    const later = ledgerOn(addDays(FIXTURE_TODAY, 30));
    const interest = Math.floor((100_000 * rate * 30) / 365);
    expect(interest).toBeGreaterThan(0);
    expect((await later.line(merchant))!.interest_due_fen).toBe(interest);
    const tooMuch = later.move(merchant, { kind: 'repayment', amount_fen: 100_000 + interest + 1, instalments: null, idempotencyKey: 'ledger-repay-0', canonicalBody: 'a' });
    await expect(tooMuch).rejects.toMatchObject({ status: 422 });
    const repaid = await later.move(merchant, { kind: 'repayment', amount_fen: 50_000, instalments: null, idempotencyKey: 'ledger-repay-1', canonicalBody: '{"amount_fen":50000}' });
    expect(repaid.transaction).toMatchObject({ kind: 'repayment', interest_fen: interest, business_date: addDays(FIXTURE_TODAY, 30), balance_after_fen: 100_000 - (50_000 - interest) });
    expect(repaid.line).toMatchObject({ balance_fen: 50_000 + interest, interest_due_fen: 0 });
    const history = await t.call('GET', `/api/v1/merchants/${merchant}/line/transactions`, { token });
    expect(history.json.transactions.map((x: { kind: string; interest_fen: number; idempotency_key: string }) => [x.kind, x.interest_fen, x.idempotency_key])).toEqual([
      ['draw', 0, 'ledger-draw-1'],
      ['repayment', interest, 'ledger-repay-1'],
    ]);
  });

  it('refuses, as a 409, a movement dated before the line’s last event', async () => {
    // The server's business date is 30 days before the repayment just written.
    const r = await move('draws', 'ledger-draw-late', { amount_fen: 1_000, instalments: 3 });
    expect(r.status).toBe(409);
    expect(r.json.detail).toMatch(/an event dated .* would rewrite its history/);
  });

  it('stops draws on a line monitoring froze, and still takes repayments', async () => {
    const day = addDays(FIXTURE_TODAY, 31);
    await appendLineEvents(t.server.context.db, { line_id: lineId, merchant_id: merchant, business_date: day, source: 'monitoring', events: [{ event_type: 'frozen', amount_fen: 0, reason: 'DPD_30' }] });
    const ledger = ledgerOn(day);
    await expect(ledger.move(merchant, { kind: 'draw', amount_fen: 1_000, instalments: 3, idempotencyKey: 'ledger-draw-frozen', canonicalBody: 'b' })).rejects.toMatchObject({ status: 409 });
    const repaid = await ledger.move(merchant, { kind: 'repayment', amount_fen: 1_000, instalments: null, idempotencyKey: 'ledger-repay-frozen', canonicalBody: 'c' });
    expect(repaid.line.status).toBe('frozen');
    expect(repaid.line.available_fen).toBe(0);
  });
});
