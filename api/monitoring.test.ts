/**
 * Monitoring through a real server on the fixture warehouse (the simulator's book in the ledger):
 * the monitor job runs the plan's step; the watch list, the collections queue and a line's page
 * read what it wrote; an officer's override reverses a freeze in the ledger and the audit log in
 * one go, two racing overrides land once, and bad requests are named 4xx answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TIMEOUT_MS, FIXTURE_TODAY, startTestServer, type TestServer } from './testing/test-server.ts';

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

describe('a monitored line', () => {
  async function frozenLine(): Promise<string> {
    const items = (await t.call('GET', '/api/v1/monitoring/watch-list?limit=500', { token: officer })).json.items as { line_id: string; action: string; status: string }[];
    const frozen = items.find((i) => i.action === 'freeze' && i.status === 'frozen');
    expect(frozen, 'the fixture’s monitoring froze a line').toBeDefined();
    return frozen!.line_id;
  }

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
