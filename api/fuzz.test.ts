/**
 * Fuzzing over loopback: at least 5,000 seeded random requests — every operation of the
 * document with mangled ids, query values, headers, tokens, bodies and content types, and raw
 * requests to the pages and odd paths with malformed forms — against a real server over a real
 * DuckDB file. Bounded in count and in time; every answer must be below 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../engine/credit/test-support.ts';
import type { Role } from './auth/token.ts';
import { operationsOf, send, type Call, type Operation } from './testing/openapi-client.ts';
import { FIXTURE_TIMEOUT_MS, merchantWith, startTestServer, type TestServer } from './testing/test-server.ts';

const REQUESTS = 5_000;
const TIME_BOUND_MS = 240_000;
const PARALLEL = 8;

let t: TestServer;
let operations: Operation[];
let merchant: string;
const tokens: string[] = [];
/** Tokens a fuzzed sign-out may revoke (the ones above must keep working). */
const spare: string[] = [];

beforeAll(async () => {
  // Small caps, so that a random body that happens to be valid cannot start heavy work.
  t = await startTestServer({ limits: { jobsPerRole: 1, simulateMerchantDays: 2_000, streams: 4 } });
  operations = operationsOf((await t.call('GET', '/openapi.json')).json);
  merchant = await merchantWith(t, 'offer');
  for (const role of ['merchant', 'officer', 'scientist', 'admin'] as Role[]) tokens.push(await t.token(role, role === 'merchant' ? merchant : undefined));
  for (let i = 0; i < 100; i++) spare.push(await t.token('officer'));
}, FIXTURE_TIMEOUT_MS);

afterAll(async () => {
  if (!t) return;
  const admin = await t.token('admin');
  await t.call('POST', '/api/v1/live/stop', { token: admin });
  const jobs = (await t.call('GET', '/api/v1/jobs?limit=200', { token: admin })).json.jobs as { job_id: string; status: string }[];
  for (const job of jobs) if (job.status === 'queued' || job.status === 'running') await t.call('POST', `/api/v1/jobs/${job.job_id}/cancel`, { token: admin });
  await t.close();
});

const rand = mulberry32(17);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const chance = (p: number) => rand() < p;

const TEXTS = ['', '0', '-1', '1.5', '1e309', 'NaN', '99999999999999999999999', '%00', '%zz', '../../etc/passwd', 'M00000001', 'M99999999', '\u0000', 'ä中文', '<script>', "' OR 1=1 --", '[]', '{}', 'true', 'null', 'x'.repeat(3000), 'J0000000000000000000deadbeef', '2024-02-30', '2025-01-01'];

function anyJson(depth = 0): unknown {
  switch (Math.floor(rand() * (depth > 2 ? 5 : 8))) {
    case 0:
      return pick([0, -1, 1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 3_000_000, 5000, 24]);
    case 1:
      return pick(TEXTS);
    case 2:
      return pick([true, false, null]);
    case 3:
      return pick(['approve', 'adjust', 'decline', 'scorecard', 'settlement', 'asc', 'desc']);
    case 4:
      return Math.floor(rand() * 1000);
    case 5:
      return Array.from({ length: Math.floor(rand() * 4) }, () => anyJson(depth + 1));
    default: {
      const keys = ['amount_fen', 'instalments', 'action', 'line_fen', 'reason', 'algorithm', 'merchants', 'days', 'start', 'seed', 'grain', 'warehouse', 'from', 'to', 'why', 'payments', 'payments_per_second', 'as_of_date', '__proto__', 'constructor'];
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [pick(keys), anyJson(depth + 1)]));
    }
  }
}

function operationCall(op: Operation): Call {
  const path = Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, chance(0.5) ? merchant : pick(TEXTS)]));
  const query: Record<string, string> = {};
  for (const p of op.parameters.filter((p) => p.in === 'query')) if (chance(0.5)) query[p.name] = pick(TEXTS);
  if (chance(0.2)) query[pick(['__x', 'limit', 'cursor', 'sort'])] = pick(TEXTS);
  const headers: Record<string, string> = {};
  if (chance(0.6)) headers['Idempotency-Key'] = chance(0.7) ? `fuzz-${Math.floor(rand() * 1e9)}` : pick(TEXTS).replace(/[^\x20-\x7e]/g, '');
  if (chance(0.2)) headers['X-Request-Id'] = pick(TEXTS).replace(/[^\x20-\x7e]/g, '');
  const call: Call = { path, query, headers, token: chance(0.85) ? pick(tokens) : chance(0.5) ? null : pick(TEXTS).replace(/[^\x21-\x7e]/g, '') || null };
  if (op.method !== 'GET' && chance(0.8)) {
    const kind = Math.floor(rand() * 5);
    if (kind === 0) Object.assign(call, { raw: '{"amount_fen": ', contentType: 'application/json' });
    else if (kind === 1) Object.assign(call, { raw: `--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n${pick(TEXTS)}`, contentType: pick(['multipart/form-data; boundary=b', 'multipart/form-data', 'text/plain', 'application/x-www-form-urlencoded']) });
    else call.body = anyJson();
  }
  return call;
}

const PAGE_PATHS = ['/sign-in', '/sign-out', '/officer/queue', '/officer/audit', '/officer/offers/M00000001', '/officer/offers/M00000001/decision', '/merchants/M00000001', '/merchants/M00000001/accept', '/merchants/M00000001/draw', '/merchants/M00000001/repay', '/scientist', '/docs', '/assets/style.css', '/assets/%2e%2e%2fx', '/%zz', '/api/v1/%zz', '/api/v1/merchants/%E0%A4%A/offer', '/' + 'a/'.repeat(200), '/api/v1/reviews?limit=%zz'];

async function rawRequest(): Promise<number> {
  const path = pick(PAGE_PATHS).replace('M00000001', chance(0.5) ? merchant : pick(['M00000001', 'x', '%00']));
  const method = pick(['GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  const headers: Record<string, string> = {};
  if (chance(0.7)) headers.origin = chance(0.7) ? t.url : 'https://evil.example';
  if (chance(0.7)) headers.cookie = `capillary_token=${chance(0.8) ? pick(path === '/sign-out' ? spare : tokens) : pick(TEXTS).replace(/[^\x21-\x7e]/g, '')}`;
  let body: string | undefined;
  if (method !== 'GET' && method !== 'HEAD' && chance(0.8)) {
    headers['content-type'] = pick(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=b', 'multipart/form-data', 'application/json', 'text/plain']);
    body = pick([
      `token=${encodeURIComponent(pick(tokens))}&next=${encodeURIComponent(pick(TEXTS))}`,
      `action=${pick(['approve', 'adjust', 'decline', 'x'])}&line=${encodeURIComponent(pick(TEXTS))}&reason=${encodeURIComponent(pick(TEXTS))}`,
      `amount=${encodeURIComponent(pick(TEXTS))}&months=${encodeURIComponent(pick(TEXTS))}&idempotency_key=${Math.floor(rand() * 1e9)}`,
      '--b\r\nContent-Disposition: form-data; name="token"\r\n\r\nabc',
      '--b\r\nbroken',
      JSON.stringify(anyJson()),
      '%%%&&&===',
    ]);
  }
  const response = await fetch(`${t.url}${path}`, { method, headers, body, redirect: 'manual' });
  await response.arrayBuffer();
  return response.status;
}

describe('fuzzing the server', () => {
  it(`answers ${REQUESTS.toLocaleString('en-US')} random requests without a 5xx`, async () => {
    const started = performance.now();
    const statuses: Record<number, number> = {};
    const errors: string[] = [];
    let sent = 0;
    const worker = async () => {
      while (sent < REQUESTS && performance.now() - started < TIME_BOUND_MS) {
        sent++;
        let status: number;
        let what: string;
        if (chance(0.7)) {
          const op = pick(operations);
          const call = operationCall(op);
          what = `${op.method} ${op.path} ${JSON.stringify(call).slice(0, 300)}`;
          status = (await send(t.url, op, call)).status;
        } else {
          what = 'raw page request';
          status = await rawRequest();
        }
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 500) errors.push(`${status} ${what}`);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const serverLogged = t.logs.filter((l) => l.level === 'error' && l.msg === 'unhandled error').map((l) => String(l.error).slice(0, 200));
    console.log(`fuzz: ${sent} requests in ${((performance.now() - started) / 1000).toFixed(0)} s, ${errors.length} 5xx; statuses ${JSON.stringify(statuses)}`);
    expect(errors.slice(0, 10)).toEqual([]);
    expect(serverLogged.slice(0, 5)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(REQUESTS);
  }, TIME_BOUND_MS + 60_000);
});
