/**
 * The simulator through a real server: a posted payment batch (valid rows land, bad rows are
 * quarantined with their reason, repeats are skipped), payments streamed as Server-Sent Events,
 * the live network, and a simulation run as a job.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../engine/db/index.ts';
import type { Payment } from '../engine/schema/payment.ts';
import { FIXTURE_TIMEOUT_MS, startTestServer, type TestServer } from './testing/test-server.ts';

let t: TestServer;
let admin: string;
let merchant: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.token('admin');
  merchant = (await t.call('GET', '/api/v1/reviews?limit=1', { token: admin })).json.items[0].merchant_id;
}, FIXTURE_TIMEOUT_MS);
afterAll(async () => t?.close());

function payment(n: number, overrides: Partial<Payment> = {}): Payment {
  return {
    payment_id: `APITEST${String(n).padStart(6, '0')}`,
    paid_at: '2025-03-01 12:30:00',
    payment_date: '2025-03-01',
    merchant_id: merchant,
    customer_id: `C${n}`,
    payment_token: `tok-${n}-abcdefgh`,
    kind: 'payment',
    refund_of_payment_id: null,
    amount_fen: 2500 + n,
    channel: 'offline',
    qr_mode: 'customer_scans_merchant',
    code_type: 'dynamic',
    issuer: 'own',
    status: 'approved',
    decline_reason: null,
    is_verified: false,
    is_flagged: false,
    ...overrides,
  };
}

/** Reads a Server-Sent Events stream until `enough` events of `type` arrived. */
async function collect(path: string, type: string, enough: number, whileOpen: () => Promise<unknown>): Promise<{ event: string; data: any }[]> {
  const controller = new AbortController();
  const response = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${admin}` }, signal: controller.signal });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: any }[] = [];
  let buffer = '';
  let started = false;
  while (events.filter((e) => e.event === type).length < enough) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data !== undefined) events.push({ event, data: JSON.parse(data) });
      if (event === 'ready' && !started) {
        started = true;
        void whileOpen();
      }
    }
  }
  controller.abort();
  return events;
}

describe('payments', () => {
  it('loads valid rows, quarantines bad ones with their reason, skips repeats, and streams what landed', async () => {
    const rows: unknown[] = [
      payment(1),
      payment(2),
      payment(3, { amount_fen: -10 }),
      { ...payment(4), card_number: '4111111111111111' },
      'not a payment',
      payment(5, { paid_at: 'yesterday' }),
    ];
    let result: any;
    const events = await collect('/api/v1/payments/stream', 'payment', 2, async () => {
      result = await t.call('POST', '/api/v1/payments', { token: admin, body: { payments: rows } });
    });
    expect(events.filter((e) => e.event === 'payment').map((e) => e.data.payment_id)).toEqual(['APITEST000001', 'APITEST000002']);
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ read: 6, loaded: 2, quarantined: 4, duplicates: 0 });
    const fields = result.json.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['payments.2.amount_fen', 'payments.3.card_number', 'payments.4', 'payments.5.paid_at']));

    const again = await t.call('POST', '/api/v1/payments', { token: admin, body: { payments: [payment(1), payment(6)] } });
    expect(again.json).toMatchObject({ read: 2, loaded: 1, duplicates: 1 });

    const db = await t.server.context.db.connect();
    try {
      const landed = await db.all<{ payment_id: string }>("SELECT payment_id FROM payments WHERE payment_id LIKE 'APITEST%' ORDER BY 1");
      expect(landed.map((p) => p.payment_id)).toEqual(['APITEST000001', 'APITEST000002', 'APITEST000006']);
      const quarantined = await db.all<{ reason: string; source_row: number }>("SELECT reason, source_row FROM quarantine WHERE source_file LIKE '%/api-batches/%' ORDER BY source_row");
      expect(quarantined.map((q) => q.source_row)).toEqual([2, 3, 4, 5]);
      expect(quarantined[1].reason).toContain('card_number');
    } finally {
      db.close();
    }
  });

  it.each([
    [{ payments: [] }, 'payments'],
    [{ payments: 'all of them' }, 'payments'],
    [{ rows: [] }, 'payments'],
  ])('refuses the batch %j naming %s', async (body, field) => {
    const r = await t.call('POST', '/api/v1/payments', { token: admin, body });
    expect(r.status).toBe(422);
    expect(r.json.field).toBe(field);
  });
});

describe('the live network', () => {
  it('produces payments that stream out and land in the warehouse', async () => {
    const events = await collect('/api/v1/payments/stream', 'payment', 30, async () => {
      const started = await t.call('POST', '/api/v1/live/start', { token: admin, body: { payments_per_second: 20, seed: 5 } });
      expect(started.json.running).toBe(true);
    });
    const stopped = await t.call('POST', '/api/v1/live/stop', { token: admin });
    expect(stopped.json.running).toBe(false);
    expect(stopped.json.produced).toBeGreaterThanOrEqual(30);
    const ids = events.filter((e) => e.event === 'payment').map((e) => e.data.payment_id as string);
    expect(ids.every((id) => id.startsWith('LIVE'))).toBe(true);
    const db = await t.server.context.db.connect();
    try {
      const row = await db.one<{ n: number }>("SELECT count(*) AS n FROM payments WHERE payment_id LIKE 'LIVE%'");
      expect(Number(row!.n)).toBe(stopped.json.produced);
    } finally {
      db.close();
    }
  });
});

describe('a simulation run', () => {
  it('runs as a job into a lake and a warehouse of its own, never the serving one, with progress', async () => {
    const bad = await t.call('POST', '/api/v1/jobs/simulate', { token: admin, body: { merchants: 20, days: 30, start: '1990-01-01' } });
    expect(bad.status).toBe(422);
    expect(bad.json.field).toBe('start');
    const serving = async () => (await t.server.context.db.one<{ n: number }>('SELECT count(*) AS n FROM settlements'))!.n;
    const before = await serving();
    const submitted = await t.call('POST', '/api/v1/jobs/simulate', { token: admin, body: { merchants: 20, days: 30, start: '2026-01-01', seed: 9, warehouse: true } });
    expect(submitted.status).toBe(202);
    const stages = new Set<string>();
    const job = await finished(submitted.json.job_id, stages);
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(job.result.rows.settlements).toBeGreaterThan(0);
    expect(job.result.warehouse).toMatch(/\.duckdb$/);
    expect(existsSync(job.result.warehouse)).toBe(true);
    expect(job.result.warehouse).not.toBe(t.db);
    expect(stages.size).toBeGreaterThan(0);
    expect(await serving()).toBe(before);
  });

  it('caps the size of a simulation by configuration, naming the field', async () => {
    const huge = await t.call('POST', '/api/v1/jobs/simulate', { token: admin, body: { merchants: 3_000_000, days: 3650 } });
    expect(huge.status).toBe(422);
    expect(huge.json.field).toBe('merchants');
    const long = await t.call('POST', '/api/v1/jobs/simulate', { token: admin, body: { merchants: 10, days: 3000 } });
    expect(long.status).toBe(422);
    expect(long.json.field).toBe('days');
  });

  it('bounds the queue per role and cancels queued and running jobs', async () => {
    const scientist = await t.token('scientist');
    const body = { merchants: 50, days: 400, start: '2026-01-01', seed: 11 };
    const ids: string[] = [];
    let refused: Awaited<ReturnType<TestServer['call']>> | null = null;
    for (let i = 0; i < 6 && !refused; i++) {
      const r = await t.call('POST', '/api/v1/jobs/simulate', { token: scientist, body: { ...body, seed: 11 + i } });
      if (r.status === 429) refused = r;
      else {
        expect(r.status).toBe(202);
        ids.push(r.json.job_id);
      }
    }
    expect(ids).toHaveLength(4);
    expect(refused!.type).toContain('application/problem+json');
    // Another role's queue is its own.
    const other = await t.call('POST', '/api/v1/jobs/simulate', { token: admin, body: { ...body, seed: 99 } });
    expect(other.status).toBe(202);
    ids.push(other.json.job_id);
    for (const id of ids) expect((await t.call('POST', `/api/v1/jobs/${id}/cancel`, { token: scientist })).status).toBe(202);
    for (const id of ids) {
      const job = await finished(id);
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/^cancelled by scientist-tester/);
    }
    const again = await t.call('POST', `/api/v1/jobs/${ids[0]}/cancel`, { token: scientist });
    expect(again.status).toBe(409);
    expect(again.json.current.status).toBe('failed');
    expect((await t.call('POST', '/api/v1/jobs/J0000000000000000000deadbeef/cancel', { token: scientist })).status).toBe(404);
  });
});

async function finished(jobId: string, stages = new Set<string>()): Promise<any> {
  let job: any;
  do {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = (await t.call('GET', `/api/v1/jobs/${jobId}`, { token: admin })).json;
    if (job.stage) stages.add(job.stage);
  } while (job.status === 'queued' || job.status === 'running');
  return job;
}
