/**
 * Monitoring through a real server on the fixture warehouse (the simulator's book in the ledger):
 * the monitor job runs the plan's step; the watch list, the collections queue and a line's page
 * read what it wrote; the merchant's own line carries monitoring's notice in their words; an
 * officer's override reverses a freeze in the ledger and the audit log in one go (the merchant is
 * told they can draw again), two racing overrides land once, and bad requests are named 4xx answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TIMEOUT_MS, FIXTURE_TODAY, merchantWith, startTestServer, type TestServer } from './testing/test-server.ts';

let t: TestServer;
let officer: string;
let job: { status: string; result: { as_of_date: string; ran: boolean; lines: number; frozen: number } };

async function waitForJob(id: string, token: string) {
  for (;;) {
    const res = await t.call('GET', `/api/v1/jobs/${id}`, { token });
    if (res.json.status === 'succeeded' || res.json.status === 'failed') return res.json;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  t = await startTestServer();
  officer = await t.token('officer');
  const scientist = await t.token('scientist');
  const queued = await t.call('POST', '/api/v1/jobs/monitor', { token: scientist, body: {} });
  expect(queued.status).toBe(202);
  job = await waitForJob(queued.json.job_id, scientist);
}, FIXTURE_TIMEOUT_MS);
afterAll(async () => t?.close());

describe('the monitor job', () => {
  it('monitors the open lines at the business date, once', async () => {
    expect(job).toMatchObject({ status: 'succeeded', error: null });
    expect(job.result.ran).toBe(true);
    expect(job.result.lines).toBeGreaterThan(5);
    expect(job.result.as_of_date).toBe(FIXTURE_TODAY);
    const again = await waitForJob((await t.call('POST', '/api/v1/jobs/monitor', { token: await t.token('scientist'), body: { as_of_date: job.result.as_of_date } })).json.job_id, await t.token('scientist'));
    expect(again.status).toBe('succeeded');
    expect(again.result).toMatchObject({ already_monitored: 1, lines: job.result.lines });
  });
});

describe('the watch list and collections', () => {
  it('lists warned lines worst first, filtered by signal', async () => {
    const res = await t.call('GET', '/api/v1/monitoring/watch-list', { token: officer });
    expect(res.status).toBe(200);
    expect(res.json.as_of_date).toBe(job.result.as_of_date);
    const items = res.json.items as { line_id: string; severity: string | null; reason: string | null }[];
    expect(items.length).toBeGreaterThan(0);
    const rank = (s: string | null) => ['freeze', 'reduce', 'watch', null].indexOf(s);
    expect(items.map((i) => rank(i.severity))).toEqual(items.map((i) => rank(i.severity)).sort((a, b) => a - b));
    const signal = items.find((i) => i.reason)!.reason!.split(/[=,]/)[0];
    const filtered = (await t.call('GET', `/api/v1/monitoring/watch-list?signal=${signal}`, { token: officer })).json.items as typeof items;
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((i) => i.reason!.split(',').some((part) => part.split('=')[0] === signal))).toBe(true);
  });

  it('buckets past-due lines by days past due', async () => {
    const res = await t.call('GET', '/api/v1/monitoring/collections', { token: officer });
    expect(res.status).toBe(200);
    expect(res.json.buckets.map((b: { bucket: string }) => b.bucket)).toEqual(['1-29', '30-59', '60-89', '90+']);
    const items = res.json.items as { bucket: string; dpd: number }[];
    expect(res.json.buckets.reduce((n: number, b: { lines: number }) => n + b.lines, 0)).toBe(items.length);
    const bounds: Record<string, [number, number]> = { '1-29': [1, 29], '30-59': [30, 59], '60-89': [60, 89], '90+': [90, 1e9] };
    for (const i of items) expect(i.dpd >= bounds[i.bucket][0] && i.dpd <= bounds[i.bucket][1]).toBe(true);
    const busy = res.json.buckets.find((b: { lines: number }) => b.lines > 0);
    if (busy) {
      const one = await t.call('GET', `/api/v1/monitoring/collections?bucket=${busy.bucket}`, { token: officer });
      expect(one.json.items.length).toBe(busy.lines);
    }
  });

  it('names a bad filter and refuses other roles', async () => {
    const bad = await t.call('GET', '/api/v1/monitoring/collections?bucket=120', { token: officer });
    expect(bad.status).toBe(422);
    expect(bad.json.field).toBe('query.bucket');
    expect((await t.call('GET', '/api/v1/monitoring/watch-list?signal=mood', { token: officer })).json.field).toBe('query.signal');
    expect((await t.call('GET', '/api/v1/monitoring/watch-list', { token: await t.token('merchant') })).status).toBe(403);
  });
});

type WatchRow = { line_id: string; merchant_id: string; action: string; status: string };
async function watched(action: string, status: string): Promise<WatchRow> {
  const items = (await t.call('GET', '/api/v1/monitoring/watch-list?limit=500', { token: officer })).json.items as WatchRow[];
  const row = items.find((i) => i.action === action && i.status === status);
  expect(row, `the fixture’s monitoring took a ${action} on a ${status} line`).toBeDefined();
  return row!;
}
const frozenLine = async () => (await watched('freeze', 'frozen')).line_id;
/** The merchant's own GET …/line, with their own token. */
const merchantLine = async (merchantId: string) => t.call('GET', `/api/v1/merchants/${merchantId}/line`, { token: t.token('merchant', merchantId) });
/** No reason code, figure as stored, or officer's wording reaches the merchant. */
const JARGON = /turnover_drop|closed_days|turnover_cv|refund_surge|decline_share|\bpd\b|\bdpd\b|=|baseline|PD|CV/;

describe('the merchant’s notice', () => {
  it('tells a frozen line’s merchant, in their words, what happened, why and what they can do', async () => {
    const row = await watched('freeze', 'frozen');
    const res = await merchantLine(row.merchant_id);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ line_id: row.line_id, status: 'frozen', available_fen: 0 });
    const notice = res.json.notice;
    expect(notice).toMatchObject({ action: 'freeze', since: FIXTURE_TODAY });
    expect(notice.message).toMatch(/^We have paused new drawing on your Easy Loan line; your repayments continue as agreed\. This is because /);
    expect(notice.reasons.length).toBeGreaterThan(0);
    for (const reason of notice.reasons) expect(notice.message).toContain(reason);
    expect(notice.what_you_can_do).toMatch(/^Keep repaying as agreed/);
    expect(`${notice.message} ${notice.what_you_can_do}`).not.toMatch(JARGON);
    // The same words the officer's page shows the merchant would be told.
    const ledger = (await t.call('GET', `/api/v1/monitoring/lines/${row.line_id}`, { token: officer })).json.ledger as { event_type: string; merchant_words: string }[];
    expect(ledger.findLast((e) => e.event_type === 'frozen')!.merchant_words).toBe(notice.message);
  });

  it('tells a watched line’s merchant nothing changes for now', async () => {
    const row = await watched('watch', 'open');
    const notice = (await merchantLine(row.merchant_id)).json.notice;
    expect(notice).toMatchObject({ action: 'watch', since: FIXTURE_TODAY });
    expect(notice.message).toMatch(/^We are keeping a closer eye on your Easy Loan line; nothing changes for now\. This is because /);
    expect(`${notice.message} ${notice.what_you_can_do}`).not.toMatch(JARGON);
  });

  it('has none for a line monitoring left alone or a line just opened', async () => {
    const quiet = await t.server.context.db.one<{ merchant_id: string }>(
      `SELECT s.merchant_id FROM line_signals AS s WHERE s.action = 'none' AND s.severity IS NULL
         AND NOT EXISTS (SELECT 1 FROM line_events AS e WHERE e.line_id = s.line_id AND e.source IN ('monitoring', 'officer'))
       ORDER BY s.merchant_id LIMIT 1`,
    );
    expect(quiet, 'the fixture has a line monitoring left alone').toBeDefined();
    const res = await merchantLine(quiet!.merchant_id);
    expect(res.status).toBe(200);
    expect(res.json.notice).toBeNull();
    const fresh = await merchantWith(t, 'offer');
    const accepted = await t.call('POST', `/api/v1/merchants/${fresh}/offer/accept`, { token: t.token('merchant', fresh) });
    expect(accepted.status).toBe(201);
    expect(accepted.json.notice).toBeNull();
    expect((await merchantLine(fresh)).json.notice).toBeNull();
  });
});

describe('a monitored line', () => {
  it('shows its state, signals, turnover and ledger with monitoring’s reasons in words', async () => {
    const id = await frozenLine();
    const res = await t.call('GET', `/api/v1/monitoring/lines/${id}`, { token: officer });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ line_id: id, status: 'frozen', available_fen: 0 });
    expect(res.json.signals.action).toBe('freeze');
    expect(res.json.turnover.length).toBeGreaterThan(0);
    const frozen = (res.json.ledger as { event_type: string; source: string; officer_words: string[]; merchant_words: string }[]).findLast((e) => e.event_type === 'frozen')!;
    expect(frozen.source).toBe('monitoring');
    expect(frozen.officer_words.length).toBeGreaterThan(0);
    expect(frozen.merchant_words).toMatch(/^We have paused new drawing on your Easy Loan line/);
    expect((await t.call('GET', '/api/v1/monitoring/lines/NO-SUCH-LINE', { token: officer })).status).toBe(404);
  });

  it('takes an override once when two race, with the ledger and the audit log together', async () => {
    const id = await frozenLine();
    const override = () => t.call('POST', `/api/v1/monitoring/lines/${id}/actions`, { token: officer, body: { action: 'override', reason: 'owner called: shop refitting, reopens next week' } });
    const answers = await Promise.all([override(), override()]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const won = answers.find((a) => a.status === 201)!.json;
    expect(won.event).toMatchObject({ event_type: 'unfrozen', source: 'officer' });
    expect(won.line.status).toBe('open');
    expect(won.audit).toMatchObject({ action: 'override', line_id: id, actor: 'officer-tester' });
    // The merchant is told they can draw again; the officer's note stays the bank's.
    const notice = (await merchantLine(won.audit.merchant_id)).json.notice;
    expect(notice).toMatchObject({ action: 'unfreeze', since: FIXTURE_TODAY, message: 'You can draw on your Easy Loan line again.', reasons: [] });
    expect(JSON.stringify(notice)).not.toContain('refitting');
    const page = (await t.call('GET', `/api/v1/monitoring/lines/${id}`, { token: officer })).json;
    expect(page.status).toBe('open');
    expect(page.audit.map((a: { action: string }) => a.action)).toEqual(['override']);
    // Nothing monitoring did is left to confirm; a contact is always logged.
    expect((await t.call('POST', `/api/v1/monitoring/lines/${id}/actions`, { token: officer, body: { action: 'confirm' } })).status).toBe(409);
    const contact = await t.call('POST', `/api/v1/monitoring/lines/${id}/actions`, { token: officer, body: { action: 'contact', reason: 'phoned the owner' } });
    expect(contact.status).toBe(201);
    expect(contact.json.event).toBeNull();
  });

  it('needs a reason to override or log a contact, naming the field', async () => {
    const res = await t.call('POST', '/api/v1/monitoring/lines/L00000001/actions', { token: officer, body: { action: 'contact' } });
    expect(res.status).toBe(422);
    expect(res.json.field).toBe('reason');
  });
});
