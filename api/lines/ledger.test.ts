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

describe('a line repaid by holdback', () => {
  it('opens when the merchant chooses it, takes draws without instalments and refuses them with', async () => {
    const other = await merchantWith(t, 'offer');
    const otherToken = await t.token('merchant', other);
    const accept = (query: string) => t.call('POST', `/api/v1/merchants/${other}/offer/accept${query}`, { token: otherToken });
    const unknown = await accept('?repayment=weekly');
    expect(unknown.status).toBe(422);
    expect(unknown.json.field).toBe('query.repayment');
    const opened = await accept('?repayment=holdback');
    expect(opened.status, JSON.stringify(opened.json)).toBe(201);
    expect(opened.json.repayment).toBe('holdback');
    const drawOn = (key: string, body: unknown) => t.call('POST', `/api/v1/merchants/${other}/line/draws`, { token: otherToken, body, headers: { 'Idempotency-Key': key } });
    const withInstalments = await drawOn('holdback-draw-0', { amount_fen: 10_000, instalments: 6 });
    expect(withInstalments.status).toBe(422);
    expect(withInstalments.json.field).toBe('instalments');
    const drawn = await drawOn('holdback-draw-1', { amount_fen: 10_000 });
    expect(drawn.status, JSON.stringify(drawn.json)).toBe(201);
    expect(drawn.json.transaction).toMatchObject({ kind: 'draw', instalments: null, monthly_repayment_fen: null });
    const [line] = (await merchantLines(t.server.context.db, other)).slice(-1);
    expect(line.events.map((e) => [e.event_type, e.repayment])).toEqual([['accepted', 'holdback'], ['drawn', 'holdback']]);
  });
});

describe('a newer offer on an open line', () => {
  let m: string;
  let mToken: string;
  let officer: string;
  let first: { as_of_date: string; line_fen: number; annual_rate: number };
  let lineId: string;
  let rounds = 0;
  const db = () => t.server.context.db;
  const acceptOffer = () => t.call('POST', `/api/v1/merchants/${m}/offer/accept`, { token: mToken });
  const offerStatus = async (asOf: string) =>
    (await db().one<{ status: string }>('SELECT CAST(status AS VARCHAR) AS status FROM offers WHERE merchant_id = $id AND as_of_date = CAST($as_of AS DATE)', { id: m, as_of: asOf }))!.status;

  /**
   * A newer offer row for the merchant (by default the one of these tests), as the next offers run
   * writes it: a day after its latest, sized against `balance`, suggested, valid for 30 days.
   */
  async function newerOffer(balance: number, line: number, rate: number, who = m): Promise<string> {
    rounds += 1;
    const row = (await db().one<{ as_of_date: string }>(
      `INSERT INTO offers SELECT * REPLACE (CAST(as_of_date + INTERVAL 1 DAY AS DATE) AS as_of_date, 'suggested' AS status,
         $balance AS balance_fen, $line AS line_fen, $rate AS annual_rate, CAST($today AS DATE) + INTERVAL 30 DAY AS expires_on,
         NULL AS decided_by, NULL AS decided_at, NULL AS officer_note)
       FROM offers WHERE merchant_id = $id QUALIFY as_of_date = max(as_of_date) OVER ()
       RETURNING CAST(as_of_date AS VARCHAR) AS as_of_date`,
      { id: who, balance, line, rate, today: FIXTURE_TODAY },
    ))!;
    await t.server.context.offers.refresh(db(), who);
    return row.as_of_date;
  }

  beforeAll(async () => {
    m = await merchantWith(t, 'offer');
    mToken = await t.token('merchant', m);
    officer = await t.token('officer');
    first = (await t.call('GET', `/api/v1/merchants/${m}/offer`, { token: mToken })).json;
  });

  it("changes the open line's limit to the balance the offer saw + its line, at the new offer's rate", async () => {
    const opened = await acceptOffer();
    expect(opened.status, JSON.stringify(opened.json)).toBe(201);
    lineId = opened.json.line_id;
    const drawn = 300_000;
    expect((await drawFor(m, mToken, 'reoffer-draw-1', { amount_fen: drawn, instalments: 6 })).status).toBe(201);

    const line = Math.max(100_000, Math.floor(first.line_fen / 2));
    const rate = Number((first.annual_rate + 0.02).toFixed(4));
    const asOf = await newerOffer(drawn, line, rate);
    const changed = await acceptOffer();
    expect(changed.status, JSON.stringify(changed.json)).toBe(201);
    // The same line: the balance carried, the new limit, what is available on top of the balance.
    expect(changed.json).toMatchObject({ line_id: lineId, status: 'open', balance_fen: drawn, line_fen: drawn + line, available_fen: line, annual_rate: rate });
    expect(await offerStatus(asOf)).toBe('accepted');
    expect((await acceptOffer()).status).toBe(409);

    const [stored] = (await merchantLines(db(), m)).filter((l) => l.state.line_id === lineId);
    expect(stored.events.map((e) => [e.event_type, e.amount_fen, e.limit_fen, e.balance_fen, e.annual_rate, e.source])).toEqual([
      ['accepted', first.line_fen, first.line_fen, 0, first.annual_rate, 'api'],
      ['drawn', drawn, first.line_fen, drawn, first.annual_rate, 'api'],
      ['limit_changed', drawn + line, drawn + line, drawn, rate, 'api'],
    ]);
    expect(stored.events[2].reason).toMatch(new RegExp(`^offer of ${asOf} accepted: .*line.existing_balance = deducted\\)$`));
    // New draws take the new rate and may use exactly what is available.
    const more = await drawFor(m, mToken, 'reoffer-draw-2', { amount_fen: line, instalments: 6 });
    expect(more.status, JSON.stringify(more.json)).toBe(201);
    expect(more.json.line.annual_rate).toBe(rate);
    expect((await merchantLines(db(), m)).find((l) => l.state.line_id === lineId)!.events.at(-1)).toMatchObject({ event_type: 'drawn', annual_rate: rate });
    expect((await drawFor(m, mToken, 'reoffer-draw-3', { amount_fen: 1, instalments: 6 })).status).toBe(409);
  });

  it('lets exactly one of an acceptance and an officer’s decline on the newer offer win', async () => {
    const outcomes = { accepted: 0, declined: 0 };
    const violations: string[] = [];
    for (let pair = 0; pair < 30; pair++) {
      const before = (await merchantLines(db(), m)).find((l) => l.state.line_id === lineId)!;
      const line = 100_000 * (pair + 1);
      const asOf = await newerOffer(before.state.balance_fen, line, first.annual_rate);
      // The acceptance does more before it changes the offer, so it gets a head start of a few
      // milliseconds every other pair (varied, so the two transactions overlap at different points).
      const head = pair % 2 === 0 ? 4 * (1 + (pair % 6)) : 0;
      const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const [accept, decline] = await Promise.all([
        acceptOffer(),
        later(head).then(() => t.call('POST', `/api/v1/reviews/${m}/decisions`, { token: officer, body: { action: 'decline', reason: 'race: decline' } })),
      ]);
      const after = (await merchantLines(db(), m)).find((l) => l.state.line_id === lineId)!;
      const status = await offerStatus(asOf);
      const added = after.events.length - before.events.length;
      if ([accept.status, decline.status].sort().join() !== '201,409') violations.push(`pair ${pair}: accept ${accept.status}, decline ${decline.status}`);
      if (accept.status === 201) {
        outcomes.accepted += 1;
        if (status !== 'accepted' || added !== 1 || after.state.limit_fen !== before.state.balance_fen + line) violations.push(`pair ${pair}: accepted, offer ${status}, ${added} events, limit ${after.state.limit_fen}`);
      } else {
        outcomes.declined += 1;
        if (status !== 'rejected' || added !== 0 || after.state.limit_fen !== before.state.limit_fen) violations.push(`pair ${pair}: declined, offer ${status}, ${added} events, limit ${after.state.limit_fen}`);
        if (accept.json.current?.status !== 'rejected') violations.push(`pair ${pair}: the 409 does not carry the declined offer: ${JSON.stringify(accept.json)}`);
      }
    }
    console.log(`newer-offer races: 30 pairs; ${JSON.stringify(outcomes)}`);
    expect(violations).toEqual([]);
    expect(outcomes.accepted).toBeGreaterThan(0);
    expect(outcomes.declined).toBeGreaterThan(0);
  }, 120_000);

  it('is refused on a line monitoring cut on or after the offer’s as-of date (the offer did not know of the cut)', async () => {
    const other = await merchantWith(t, 'offer');
    expect((await t.call('POST', `/api/v1/merchants/${other}/offer/accept`, { token: await t.token('merchant', other) })).status).toBe(201);
    const [opened] = await merchantLines(db(), other);
    const asOf = await newerOffer(0, 5_000_000, first.annual_rate, other);
    const cutDay = asOf > FIXTURE_TODAY ? asOf : FIXTURE_TODAY;
    const cut = Math.floor(opened.state.limit_fen / 2);
    await appendLineEvents(db(), { line_id: opened.state.line_id, merchant_id: other, business_date: cutDay, source: 'monitoring', events: [{ event_type: 'limit_changed', amount_fen: cut, reason: 'pd' }] });
    await expect(ledgerOn(cutDay).accept(other)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/^monitoring reduced your line .* \(pd\), after this offer was sized as of /) });
    expect(await db().one('SELECT CAST(status AS VARCHAR) AS status FROM offers WHERE merchant_id = $id AND as_of_date = CAST($as_of AS DATE)', { id: other, as_of: asOf })).toEqual({ status: 'suggested' });
    expect((await merchantLines(db(), other))[0].state.limit_fen).toBe(cut);
  });

  it('is refused on a frozen line, saying why, and leaves the offer as it was', async () => {
    const before = (await merchantLines(db(), m)).find((l) => l.state.line_id === lineId)!;
    await appendLineEvents(db(), { line_id: lineId, merchant_id: m, business_date: FIXTURE_TODAY, source: 'monitoring', events: [{ event_type: 'frozen', amount_fen: 0, reason: 'DPD_30' }] });
    const asOf = await newerOffer(before.state.balance_fen, 5_000_000, first.annual_rate);
    const refused = await acceptOffer();
    expect(refused.status).toBe(409);
    expect(refused.json.detail).toMatch(new RegExp(`your line ${lineId} is frozen \\(DPD_30\\): it takes no new offer`));
    expect(refused.json.current.status).toBe('suggested');
    expect(await offerStatus(asOf)).toBe('suggested');
    const after = (await merchantLines(db(), m)).find((l) => l.state.line_id === lineId)!;
    expect(after.state).toMatchObject({ status: 'frozen', limit_fen: before.state.limit_fen });
  });
});

const drawFor = (merchantId: string, merchantToken: string, key: string, body: unknown) =>
  t.call('POST', `/api/v1/merchants/${merchantId}/line/draws`, { token: merchantToken, body, headers: { 'Idempotency-Key': key } });
