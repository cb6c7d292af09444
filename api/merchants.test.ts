/**
 * Merchants through a real server: the offer from the index, accepting it, draws and repayments
 * with idempotency, never past the line (also under concurrent draws), balance and history, and
 * bad input that changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TIMEOUT_MS, merchantWith, startTestServer, type TestServer } from './testing/test-server.ts';

let t: TestServer;
let offered: string;
let declined: string;

beforeAll(async () => {
  t = await startTestServer();
  offered = await merchantWith(t, 'offer');
  declined = await merchantWith(t, 'decline');
}, FIXTURE_TIMEOUT_MS);
afterAll(async () => t?.close());

const draw = (merchant: string, key: string, body: unknown, token = t.token('merchant', merchant)) =>
  t.call('POST', `/api/v1/merchants/${merchant}/line/draws`, { token, body, headers: { 'Idempotency-Key': key } });

describe('the offer', () => {
  it('gives the line, rate, instalments, expiry and plain reasons', async () => {
    const r = await t.call('GET', `/api/v1/merchants/${offered}/offer`, { token: t.token('merchant', offered) });
    expect(r.status).toBe(200);
    expect(r.json.outcome).toBe('offer');
    expect(r.json.line_fen).toBeGreaterThan(0);
    expect(r.json.annual_rate).toBeGreaterThan(0);
    expect(r.json.instalment_options.length).toBeGreaterThan(0);
    expect(r.json.instalment_options[0].monthly_repayment_fen).toBeGreaterThan(r.json.instalment_options.at(-1).monthly_repayment_fen);
    expect(r.json.expires_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.json.explanation).toMatch(/^Good news/);
  });

  it('explains a decline and what would change it', async () => {
    const r = await t.call('GET', `/api/v1/merchants/${declined}/offer`, { token: t.token('merchant', declined) });
    expect(r.status).toBe(200);
    expect(r.json.outcome).toBe('decline');
    expect(r.json.line_fen).toBeNull();
    expect(r.json.failed_rules.length).toBeGreaterThan(0);
    expect(r.json.explanation).toMatch(/can't offer you/);
  });

  it("answers 404 for another merchant's offer, the same as for an unknown id", async () => {
    const other = await t.call('GET', `/api/v1/merchants/${declined}/offer`, { token: t.token('merchant', offered) });
    const unknown = await t.call('GET', '/api/v1/merchants/M99999999/offer', { token: t.token('officer') });
    expect(other.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(other.type).toContain('application/problem+json');
  });
});

describe('the line', () => {
  let merchant: string;
  let token: string;
  let line: number;

  beforeAll(async () => {
    merchant = offered;
    token = await t.token('merchant', merchant);
  });

  it('cannot be drawn before the offer is accepted', async () => {
    const r = await draw(merchant, 'before-accept-1', { amount_fen: 100, instalments: 3 });
    expect(r.status).toBe(409);
  });

  it('opens on acceptance at the offer’s line, once', async () => {
    const r = await t.call('POST', `/api/v1/merchants/${merchant}/offer/accept`, { token });
    expect(r.status).toBe(201);
    expect(r.json.balance_fen).toBe(0);
    line = r.json.line_fen;
    const offer = await t.call('GET', `/api/v1/merchants/${merchant}/offer`, { token });
    expect(offer.json.status).toBe('accepted');
    expect((await t.call('POST', `/api/v1/merchants/${merchant}/offer/accept`, { token })).status).toBe(409);
    const declinedAccept = await t.call('POST', `/api/v1/merchants/${declined}/offer/accept`, { token: t.token('merchant', declined) });
    expect(declinedAccept.status).toBe(409);
  });

  it('draws and repays, and an Idempotency-Key replay returns the first result', async () => {
    const first = await draw(merchant, 'draw-key-0001', { amount_fen: 50_000, instalments: 6 });
    expect(first.status).toBe(201);
    expect(first.json.line.balance_fen).toBe(50_000);
    expect(first.json.transaction.monthly_repayment_fen).toBeGreaterThan(50_000 / 6);
    const replay = await draw(merchant, 'draw-key-0001', { instalments: 6, amount_fen: 50_000 });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json.transaction.transaction_id).toBe(first.json.transaction.transaction_id);
    expect(replay.json.line.balance_fen).toBe(50_000);
    const other = await draw(merchant, 'draw-key-0001', { amount_fen: 60_000, instalments: 6 });
    expect(other.status).toBe(422);
    expect(other.json.field).toBe('Idempotency-Key');
    const repay = await t.call('POST', `/api/v1/merchants/${merchant}/line/repayments`, { token, body: { amount_fen: 20_000 }, headers: { 'Idempotency-Key': 'repay-key-0001' } });
    expect(repay.status).toBe(201);
    expect(repay.json.line.balance_fen).toBe(30_000);
    // After the line moved on, the first draw's replay still answers what it answered then.
    const later = await draw(merchant, 'draw-key-0001', { amount_fen: 50_000, instalments: 6 });
    expect(later.status).toBe(200);
    expect(later.json).toEqual(first.json);
    const tooMuch = await t.call('POST', `/api/v1/merchants/${merchant}/line/repayments`, { token, body: { amount_fen: 30_001 }, headers: { 'Idempotency-Key': 'repay-key-0002' } });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.json.field).toBe('amount_fen');
  });

  it('refuses a draw past the line', async () => {
    const r = await draw(merchant, 'draw-too-big-1', { amount_fen: line, instalments: 12 });
    expect(r.status).toBe(409);
    expect(r.json.field).toBe('amount_fen');
    const balance = await t.call('GET', `/api/v1/merchants/${merchant}/line`, { token });
    expect(balance.json.balance_fen).toBe(30_000);
  });

  it('never passes the line with concurrent draws', async () => {
    const before = (await t.call('GET', `/api/v1/merchants/${merchant}/line`, { token })).json;
    const each = Math.floor(before.available_fen / 2) + 1; // any two together pass the line
    const results = await Promise.all([0, 1, 2, 3].map((i) => draw(merchant, `concurrent-${i}-key`, { amount_fen: each, instalments: 12 })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    const after = (await t.call('GET', `/api/v1/merchants/${merchant}/line`, { token })).json;
    expect(after.balance_fen).toBe(before.balance_fen + each);
    expect(after.balance_fen).toBeLessThanOrEqual(after.line_fen);
  });

  it('lists the history a page at a time', async () => {
    const first = await t.call('GET', `/api/v1/merchants/${merchant}/line/transactions?limit=2`, { token });
    expect(first.status).toBe(200);
    expect(first.json.transactions).toHaveLength(2);
    expect(first.json.transactions[0].kind).toBe('draw');
    const rest = await t.call('GET', `/api/v1/merchants/${merchant}/line/transactions?limit=50&cursor=${first.json.next_cursor}`, { token });
    expect(first.json.transactions[1].kind).toBe('repayment');
    expect(rest.json.transactions.map((x: { kind: string }) => x.kind)).toEqual(['draw']);
    expect(rest.json.next_cursor).toBeNull();
    const officer = await t.call('GET', `/api/v1/merchants/${merchant}/line`, { token: t.token('officer') });
    expect(officer.status).toBe(200);
  });

  it('lists the history newest first a page at a time, the same movements in reverse', async () => {
    const oldest = (await t.call('GET', `/api/v1/merchants/${merchant}/line/transactions?limit=500`, { token })).json.transactions;
    const first = await t.call('GET', `/api/v1/merchants/${merchant}/line/transactions?limit=2&order=desc`, { token });
    expect(first.status).toBe(200);
    const rest = await t.call('GET', `/api/v1/merchants/${merchant}/line/transactions?limit=50&order=desc&cursor=${first.json.next_cursor}`, { token });
    expect(rest.json.next_cursor).toBeNull();
    expect([...first.json.transactions, ...rest.json.transactions]).toEqual([...oldest].reverse());
    const bad = await t.call('GET', `/api/v1/merchants/${merchant}/line/transactions?order=newest`, { token });
    expect(bad.status).toBe(422);
    expect(bad.json.field).toBe('query.order');
  });

  it.each([
    ['malformed JSON', { raw: '{"amount_fen": 10,' }, 400, 'body'],
    ['a negative amount', { body: { amount_fen: -5, instalments: 3 } }, 422, 'amount_fen'],
    ['a fractional amount', { body: { amount_fen: 10.5, instalments: 3 } }, 422, 'amount_fen'],
    ['a zero amount', { body: { amount_fen: 0, instalments: 3 } }, 422, 'amount_fen'],
    ['an amount as text', { body: { amount_fen: '100', instalments: 3 } }, 422, 'amount_fen'],
    ['a huge amount', { body: { amount_fen: 1e300, instalments: 3 } }, 422, 'amount_fen'],
    ['too many instalments', { body: { amount_fen: 100, instalments: 36 } }, 422, 'instalments'],
    ['an unknown field', { body: { amount_fen: 100, instalments: 3, rate: 0 } }, 422, 'rate'],
    ['a missing field', { body: { amount_fen: 100 } }, 422, 'instalments'],
    ['an array body', { body: [1, 2] }, 422, 'body'],
    ['no Idempotency-Key', { body: { amount_fen: 100, instalments: 3 }, noKey: true }, 400, 'Idempotency-Key'],
    ['a text/plain body', { raw: '{"amount_fen":100,"instalments":3}', headers: { 'content-type': 'text/plain' } }, 415, 'content-type'],
  ] as const)('refuses %s with a problem naming the field, and changes nothing', async (_name, input, status, field) => {
    const before = (await t.call('GET', `/api/v1/merchants/${merchant}/line`, { token })).json.balance_fen;
    const headers: Record<string, string> = { ...('headers' in input ? input.headers : {}) };
    if (!('noKey' in input)) headers['Idempotency-Key'] = `bad-input-${_name.replaceAll(' ', '-')}`;
    const r = await t.call('POST', `/api/v1/merchants/${merchant}/line/draws`, { token, headers, ...('raw' in input ? { raw: input.raw } : { body: input.body }) });
    expect(r.status).toBe(status);
    expect(r.type).toContain('application/problem+json');
    expect(r.json.field).toBe(field);
    expect(r.json.detail.length).toBeGreaterThan(5);
    expect((await t.call('GET', `/api/v1/merchants/${merchant}/line`, { token })).json.balance_fen).toBe(before);
  });
});
