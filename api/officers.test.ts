/**
 * Credit officers through a real server: the queue's filters, sorting and cursor pages; one
 * offer's full explanation with turnover; approve, adjust and decline into the audit log, and
 * the merchant's view following the decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TIMEOUT_MS, startTestServer, type TestServer } from './testing/test-server.ts';

let t: TestServer;
let officer: string;

beforeAll(async () => {
  t = await startTestServer();
  officer = await t.token('officer');
}, FIXTURE_TIMEOUT_MS);
afterAll(async () => t?.close());

const queue = (query: string) => t.call('GET', `/api/v1/reviews?${query}`, { token: officer });

describe('the review queue', () => {
  it('filters by outcome, segment, grade and line range', async () => {
    const all = await queue('limit=500');
    expect(all.status).toBe(200);
    const items = all.json.items as { merchant_id: string; outcome: string; segment: string; grade: string | null; line_fen: number | null }[];
    expect(items.length).toBeGreaterThan(100);
    const offer = items.find((i) => i.outcome === 'offer')!;
    const filtered = await queue(`outcome=offer&segment=${offer.segment}&grade=${offer.grade}&min_line_fen=${offer.line_fen}&max_line_fen=${offer.line_fen}&limit=500`);
    const expected = items.filter((i) => i.outcome === 'offer' && i.segment === offer.segment && i.grade === offer.grade && i.line_fen === offer.line_fen);
    expect(filtered.json.items.map((i: { merchant_id: string }) => i.merchant_id).sort()).toEqual(expected.map((i) => i.merchant_id).sort());
  });

  it('sorts and pages with a cursor through every row exactly once', async () => {
    const everything = (await queue('outcome=offer&limit=500&sort=line_fen&order=desc')).json.items as { merchant_id: string; line_fen: number }[];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { items: { merchant_id: string; line_fen: number }[]; next_cursor: string | null } } = await queue(`outcome=offer&limit=7&sort=line_fen&order=desc${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.json.items.map((i) => i.merchant_id));
      cursor = page.json.next_cursor;
    } while (cursor);
    expect(seen).toEqual(everything.map((i) => i.merchant_id));
    const lines = everything.map((i) => i.line_fen);
    expect(lines).toEqual([...lines].sort((a, b) => b - a));
  });

  it.each([
    ['segment=bakery', 'query.segment'],
    ['min_line_fen=-1', 'query.min_line_fen'],
    ['min_line_fen=10&max_line_fen=5', 'query.min_line_fen'],
    ['sort=name', 'query.sort'],
    ['limit=0', 'query.limit'],
    ['cursor=notacursor', 'query.cursor'],
    ['colour=red', 'query.colour'],
  ])('refuses %s naming %s', async (query, field) => {
    const r = await queue(query);
    expect(r.status).toBe(422);
    expect(r.json.field).toBe(field);
  });
});

describe('a review and its decisions', () => {
  let offers: { merchant_id: string; line_fen: number }[];
  beforeAll(async () => {
    offers = (await queue('outcome=offer&status=suggested&limit=3&sort=merchant_id&order=asc')).json.items;
  });

  it('shows every rule and step, the turnover history and the audit trail', async () => {
    const r = await t.call('GET', `/api/v1/reviews/${offers[0].merchant_id}`, { token: officer });
    expect(r.status).toBe(200);
    expect(r.json.decision.outcome).toBe('offer');
    expect(r.json.decision.line_fen).toBe(offers[0].line_fen);
    expect(r.json.decision.trace.length).toBeGreaterThan(10);
    expect(r.json.explanation[0]).toMatch(/^OFFER /);
    expect(r.json.turnover.length).toBeGreaterThan(100);
    expect(r.json.turnover.every((d: { turnover_date: string }) => d.turnover_date < r.json.offer.as_of_date)).toBe(true);
  });

  it('approves, adjusts with a reason and declines with a reason, each in the audit log', async () => {
    const [a, b, c] = offers.map((o) => o.merchant_id);
    const approve = await t.call('POST', `/api/v1/reviews/${a}/decisions`, { token: officer, body: { action: 'approve' } });
    expect(approve.status).toBe(201);
    const lower = Math.floor(offers[1].line_fen / 2);
    const adjust = await t.call('POST', `/api/v1/reviews/${b}/decisions`, { token: officer, body: { action: 'adjust', line_fen: lower, reason: 'seasonal business, start lower' } });
    expect(adjust.status).toBe(201);
    expect(adjust.json.line_before_fen).toBe(offers[1].line_fen);
    expect(adjust.json.line_after_fen).toBe(lower);
    const decline = await t.call('POST', `/api/v1/reviews/${c}/decisions`, { token: officer, body: { action: 'decline', reason: 'documents do not match' } });
    expect(decline.status).toBe(201);

    const merchantView = await t.call('GET', `/api/v1/merchants/${b}/offer`, { token: t.token('merchant', b) });
    expect(merchantView.json.line_fen).toBe(lower);
    expect(merchantView.json.status).toBe('approved');
    const rejected = await t.call('POST', `/api/v1/merchants/${c}/offer/accept`, { token: t.token('merchant', c) });
    expect(rejected.status).toBe(409);

    const audit = await t.call('GET', '/api/v1/audit?actor=officer-tester&limit=2', { token: officer });
    expect(audit.json.items.map((e: { action: string }) => e.action)).toEqual(['approve', 'adjust']);
    const next = await t.call('GET', `/api/v1/audit?actor=officer-tester&limit=2&cursor=${audit.json.next_cursor}`, { token: officer });
    expect(next.json.items.map((e: { merchant_id: string }) => e.merchant_id)).toEqual([c]);
    const byMerchant = await t.call('GET', `/api/v1/audit?merchant_id=${b}&action=adjust`, { token: officer });
    expect(byMerchant.json.items).toHaveLength(1);
    expect(byMerchant.json.items[0].reason).toBe('seasonal business, start lower');
  });

  it.each([
    [{ action: 'adjust', reason: 'x too' }, 'line_fen'],
    [{ action: 'adjust', line_fen: 100 }, 'reason'],
    [{ action: 'decline' }, 'reason'],
    [{ action: 'approve', line_fen: 5 }, 'line_fen'],
    [{ action: 'raise' }, 'action'],
    [{ action: 'adjust', line_fen: 1e12, reason: 'bigger please' }, 'line_fen'],
  ])('refuses %j naming %s', async (body, field) => {
    const r = await t.call('POST', `/api/v1/reviews/${offers[0].merchant_id}/decisions`, { token: officer, body });
    expect(r.status).toBe(422);
    expect(r.json.field).toBe(field);
  });

  it('keeps the decisions when an offers job re-sizes the same date', async () => {
    const [a, b, c] = offers.map((o) => o.merchant_id);
    const before = await Promise.all([a, b, c].map(async (id) => (await t.call('GET', `/api/v1/reviews/${id}`, { token: officer })).json.offer));
    const scientist = t.token('scientist');
    const job = (await t.call('POST', '/api/v1/jobs/offers', { token: scientist, body: {} })).json.job_id;
    let status: { status: string; result: { as_of_date: string } | null; error: string | null };
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await t.call('GET', `/api/v1/jobs/${job}`, { token: scientist })).json;
    } while (status.status !== 'succeeded' && status.status !== 'failed');
    expect(status.error).toBeNull();
    expect(status.result!.as_of_date).toBe(before[0].as_of_date);
    for (const [i, id] of [a, b, c].entries()) {
      const after = (await t.call('GET', `/api/v1/reviews/${id}`, { token: officer })).json.offer;
      expect(after.run_id).not.toBe(before[i].run_id);
      expect({ ...after, run_id: '' }).toEqual({ ...before[i], run_id: '' });
    }
    expect((await t.call('GET', `/api/v1/merchants/${b}/offer`, { token: t.token('merchant', b) })).json).toMatchObject({ status: 'approved', line_fen: Math.floor(offers[1].line_fen / 2) });
    expect((await t.call('POST', `/api/v1/merchants/${c}/offer/accept`, { token: t.token('merchant', c) })).status).toBe(409);
  });

  it('refuses a decision on a policy decline', async () => {
    const declined = (await queue('outcome=decline&limit=1')).json.items[0].merchant_id;
    const r = await t.call('POST', `/api/v1/reviews/${declined}/decisions`, { token: officer, body: { action: 'approve' } });
    expect(r.status).toBe(409);
  });
});
