/**
 * The spec is the server: a client generated from /openapi.json (api/testing/openapi-client.ts)
 * calls every operation as every role — and without a token — with valid inputs and with each
 * kind of invalid one (a bad path id, an undeclared query parameter, a wrong content type,
 * malformed JSON, an undeclared field, a missing header), and every response is held to the
 * document: its status declared, its content type declared for that status, its body valid
 * against the declared schema (event streams event by event). 0 mismatches. Then the same requests
 * and the bodies received go through a client typed from the document (api/testing/typed-client.ts)
 * and must type-check, while deliberately wrong calls must not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from './auth/token.ts';
import { Contract, operationsOf, parseEvents, send, type Answer, type Call, type Operation } from './testing/openapi-client.ts';
import { clientSource, pathsSource, typeErrors, type TypedRequest, type TypedResponse } from './testing/typed-client.ts';
import { FIXTURE_TIMEOUT_MS, merchantWith, startTestServer, type TestServer } from './testing/test-server.ts';

let t: TestServer;
let document: unknown;
let operations: Operation[];
let merchant: string;
let known: Record<string, string>;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  // Room in the job queue for every valid job call of the loop (the cap itself is tested in simulator.test.ts).
  t = await startTestServer({ limits: { jobsPerRole: 50 } });
  document = (await t.call('GET', '/openapi.json')).json;
  operations = operationsOf(document as Parameters<typeof operationsOf>[0]);
  merchant = await merchantWith(t, 'offer');
  for (const role of ['merchant', 'officer', 'scientist', 'admin'] as const) tokens.set(role, await t.token(role, role === 'merchant' ? merchant : undefined));
  const admin = tokens.get('admin')!;
  // A candidate beside the champion, so that comparing and promoting have something to act on.
  const trained = (await t.call('POST', '/api/v1/jobs/train', { token: admin, body: { algorithm: 'scorecard', seed: 5 } })).json;
  let job;
  do {
    await new Promise((resolve) => setTimeout(resolve, 200));
    job = (await t.call('GET', `/api/v1/jobs/${trained.job_id}`, { token: admin })).json;
  } while (job.status === 'queued' || job.status === 'running');
  const models = (await t.call('GET', '/api/v1/models', { token: admin })).json.models as { model_id: string; status: string }[];
  const champion = models.find((m) => m.status === 'champion') ?? models[0];
  const candidate = models.find((m) => m !== champion) ?? champion;
  const review = (await t.call('GET', `/api/v1/reviews/${merchant}`, { token: admin })).json;
  const queue = (await t.call('GET', '/api/v1/reviews?outcome=offer&status=suggested&limit=5&sort=merchant_id&order=desc', { token: admin })).json.items as { merchant_id: string }[];
  // A line past due, for the monitoring routes (the fixture's legacy book has some).
  const collections = (await t.call('GET', '/api/v1/monitoring/collections', { token: admin })).json.items as { line_id: string }[];
  known = {
    line_id: collections[0].line_id,
    merchant_id: merchant,
    reviewed_merchant: queue.find((q) => q.merchant_id !== merchant)!.merchant_id,
    model_id: champion.model_id,
    candidate: candidate.model_id,
    job_id: trained.job_id,
    as_of_date: review.offer.as_of_date,
  };
}, FIXTURE_TIMEOUT_MS);

afterAll(async () => {
  if (!t) return;
  // Leave nothing running: the live network stopped, every job cancelled.
  const admin = tokens.get('admin')!;
  await t.call('POST', '/api/v1/live/stop', { token: admin });
  const jobs = (await t.call('GET', '/api/v1/jobs?limit=200', { token: admin })).json.jobs as { job_id: string; status: string }[];
  for (const job of jobs) if (job.status === 'queued' || job.status === 'running') await t.call('POST', `/api/v1/jobs/${job.job_id}/cancel`, { token: admin });
  await t.close();
});

let key = 0;

/** What the loop sent (each operation's valid request) and received (one body per operation, status and type), for the typed client. */
const typedRequests = new Map<string, TypedRequest>();
const typedResponses = new Map<string, TypedResponse>();

/** The body as the typed client would see it; arrays cut to two items to keep the generated module small. */
function received(answer: Answer): { type: string; body: unknown } | null {
  const type = answer.type.split(';')[0].trim().toLowerCase();
  if (!answer.text) return null;
  if (type === 'text/event-stream') return { type, body: parseEvents(answer.text) };
  if (!type.includes('json')) return null;
  const cut = (value: unknown): unknown =>
    Array.isArray(value) ? value.slice(0, 2).map(cut) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cut(v)])) : value;
  return { type, body: cut(JSON.parse(answer.text)) };
}

/** A valid request for the operation: ids that exist, required query values, a body the schema takes. */
function validCall(op: Operation): Call {
  // An officer decides on another merchant than the one who accepts; the candidate is promoted.
  const value = (name: string) =>
    name === 'merchant_id' && op.path.startsWith('/api/v1/reviews') ? known.reviewed_merchant : name === 'model_id' && op.path.endsWith('/promote') ? known.candidate : known[name];
  const path = Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, value(p.name)]));
  const query: Record<string, string> = {};
  if (op.id === 'get_models_compare') Object.assign(query, { a: known.model_id, b: known.candidate });
  if (op.id === 'get_features_export') query.as_of_date = known.as_of_date;
  const headers: Record<string, string> = {};
  for (const p of op.parameters) if (p.in === 'header' && p.name.toLowerCase() === 'idempotency-key') headers[p.name] = `contract-${process.pid}-${++key}`;
  const bodies: Record<string, unknown> = {
    post_merchants_by_merchant_id_line_draws: { amount_fen: 100, instalments: 3 },
    post_merchants_by_merchant_id_line_repayments: { amount_fen: 50 },
    post_reviews_by_merchant_id_decisions: { action: 'approve' },
    post_jobs_train: { algorithm: 'scorecard' },
    post_jobs_score: {},
    post_jobs_offers: {},
    post_jobs_monitor: {},
    post_monitoring_lines_by_line_id_actions: { action: 'contact', reason: 'contract test: a call logged' },
    post_jobs_pipeline: { from: known.as_of_date, to: known.as_of_date },
    post_jobs_simulate: { merchants: 5, days: 10, start: '2026-01-01' },
    post_models_by_model_id_promote: { why: 'contract test: the champion again' },
    post_payments: { payments: [{ payment_id: 'not a payment' }] },
    post_live_start: { payments_per_second: 5 },
  };
  return { path, query, headers, ...(op.body ? { body: bodies[op.id] ?? {} } : {}) };
}

/** Each kind of invalid input the operation can be given, named. */
function invalidCalls(op: Operation): [string, Call][] {
  const valid = validCall(op);
  const calls: [string, Call][] = [];
  for (const p of op.parameters.filter((p) => p.in === 'path')) calls.push([`bad ${p.name}`, { ...valid, path: { ...valid.path, [p.name]: 'not an id!' } }]);
  calls.push(['undeclared query', { ...valid, query: { ...valid.query, __undeclared: '1' } }]);
  for (const p of op.parameters.filter((p) => p.in === 'query' && (p.schema.type === 'integer' || p.schema.type === 'number'))) {
    calls.push([`${p.name} not a number`, { ...valid, query: { ...valid.query, [p.name]: 'many' } }]);
    calls.push([`${p.name} out of range`, { ...valid, query: { ...valid.query, [p.name]: '99999999999999999999999' } }]);
  }
  if (op.parameters.some((p) => p.name === 'cursor')) calls.push(['forged cursor', { ...valid, query: { ...valid.query, cursor: Buffer.from('[1e400,"x"]').toString('base64url') } }]);
  if (op.body) {
    calls.push(['text/plain body', { ...valid, raw: 'amount_fen=1', contentType: 'text/plain' }]);
    calls.push(['multipart body', { ...valid, raw: '--x\r\nbroken', contentType: 'multipart/form-data; boundary=x' }]);
    calls.push(['malformed JSON', { ...valid, raw: '{"amount_fen": ' }]);
    calls.push(['undeclared field', { ...valid, body: { ...(valid.body as object), __undeclared: 1 } }]);
    calls.push(['array body', { ...valid, body: [] }]);
  }
  if (op.parameters.some((p) => p.in === 'header' && p.required)) calls.push(['missing header', { ...valid, headers: {} }]);
  return calls;
}

describe('the server against its OpenAPI document', () => {
  it('answers every operation, as every role, with valid and invalid input, as the document says', async () => {
    const contract = new Contract();
    const mismatches: string[] = [];
    let calls = 0;
    let serverErrors = 0;
    const statuses = new Set<string>();
    const succeeded = new Set<string>();
    const roles: (Role | null)[] = [null, 'merchant', 'officer', 'scientist', 'admin'];
    for (const op of operations) {
      for (const role of roles) {
        for (const [name, call] of [['valid', validCall(op)] as [string, Call], ...invalidCalls(op)]) {
          const answer = await send(t.url, op, { ...call, token: role ? tokens.get(role)! : null });
          calls++;
          if (answer.status >= 500) serverErrors++;
          statuses.add(`${op.id} ${answer.status}`);
          if (answer.status < 300) succeeded.add(op.id);
          // The newest job is the one the job routes act on next (a queued one can be cancelled).
          if (answer.status === 202 && op.path.startsWith('/api/v1/jobs/') && name === 'valid') known.job_id = JSON.parse(answer.text).job_id;
          const found = contract.mismatches(op, answer);
          for (const m of found) mismatches.push(`[${role ?? 'anonymous'}, ${name}] ${m}`);
          if (name === 'valid' && !typedRequests.has(op.id)) typedRequests.set(op.id, { op, path: call.path, query: call.query, headers: call.headers, body: call.body });
          const body = found.length === 0 ? received(answer) : null;
          if (body && !typedResponses.has(`${op.id} ${answer.status} ${body.type}`)) typedResponses.set(`${op.id} ${answer.status} ${body.type}`, { op, status: answer.status, ...body });
        }
      }
    }
    console.log(`contract: ${operations.length} operations × ${roles.length} callers, ${calls} calls, ${serverErrors} 5xx, ${mismatches.length} mismatches, ${statuses.size} distinct (operation, status) pairs`);
    expect(mismatches).toEqual([]);
    expect(serverErrors).toBe(0);
    expect(operations.length).toBeGreaterThan(30);
    // The valid inputs really are: every operation succeeded for some caller.
    const seen = (id: string) => [...statuses].filter((s) => s.startsWith(`${id} `)).map((s) => s.split(' ')[1]).join('/');
    expect(operations.filter((op) => !succeeded.has(op.id)).map((op) => `${op.id} (${seen(op.id)})`)).toEqual([]);
  }, 300_000);

  it('a client typed from the document takes every request sent and every body received; a wrong call is a type error', async () => {
    const requests = [...typedRequests.values()];
    const responses = [...typedResponses.values()];
    expect(requests.map((r) => r.op.id).sort()).toEqual(operations.map((op) => op.id).sort());
    const draw = operations.find((o) => o.id === 'post_merchants_by_merchant_id_line_draws')!;
    const offer = operations.find((o) => o.id === 'get_merchants_by_merchant_id_offer')!;
    const drawing = typedRequests.get(draw.id)!;
    // Each wrong call with what the compiler must say about it.
    const wrongRequests: [RegExp, TypedRequest][] = [
      [/'string' is not assignable to type 'number'/, { ...drawing, body: { amount_fen: 'a lot', instalments: 3 } }],
      [/'"?__undeclared"?' does not exist in type/, { ...drawing, body: { amount_fen: 100, instalments: 3, __undeclared: 1 } }],
      [/Property 'header' is missing/, { ...drawing, headers: {} }],
      [/'\{ __undeclared: string; \}' is not assignable to type 'undefined'/, { ...drawing, query: { __undeclared: '1' } }],
      [/'\/api\/v1\/nowhere' does not exist on type 'paths'/, { ...drawing, op: { ...draw, path: '/api/v1/nowhere' } }],
      [/Expected 2 arguments, but got 1/, { op: offer }],
    ];
    const wrongResponses: [RegExp, TypedResponse][] = [[/'number' is not assignable to type 'string'/, { op: offer, status: 200, type: 'application/json', body: { merchant_id: 42 } }]];
    const wrong = clientSource(
      wrongRequests.map(([, request]) => request),
      wrongResponses.map(([, response]) => response),
    );
    const started = performance.now();
    const errors = typeErrors({ 'openapi.ts': await pathsSource(document), 'client.ts': clientSource(requests, responses), 'wrong.ts': wrong });
    console.log(`typed client: ${requests.length} requests and ${responses.length} (operation, status, type) bodies: types generated and checked in ${Math.round(performance.now() - started)} ms`);
    expect(errors['openapi.ts']).toEqual([]);
    expect(errors['client.ts']).toEqual([]);
    expect(Object.keys(errors).sort()).toEqual(['client.ts', 'openapi.ts', 'wrong.ts']);
    // Every wrong call is an error for its reason, and no other line is.
    const expected = [...wrongRequests, ...wrongResponses].map(([reason]) => reason);
    const callLines = wrong.split('\n').flatMap((line, i) => (/^export const (request|response)_/.test(line) ? [i + 1] : []));
    expect(callLines).toHaveLength(expected.length);
    const errorsOn = (line: number) => errors['wrong.ts'].filter((e) => Number(e.split(':')[1]) === line).join('\n');
    callLines.forEach((line, i) => expect(errorsOn(line)).toMatch(expected[i]));
    expect(errors['wrong.ts'].filter((e) => !callLines.includes(Number(e.split(':')[1])))).toEqual([]);
  }, 60_000);

  it('the checker flags what the document does not say', () => {
    const contract = new Contract();
    const op = operations.find((o) => o.id === 'get_merchants_by_merchant_id_offer')!;
    const problem = JSON.stringify({ type: 't', title: 'Not found', status: 404, detail: 'd' });
    expect(contract.mismatches(op, { status: 404, type: 'application/problem+json', text: problem })).toEqual([]);
    expect(contract.mismatches(op, { status: 500, type: 'application/problem+json', text: problem })[0]).toMatch(/status not declared/);
    expect(contract.mismatches(op, { status: 404, type: 'text/plain', text: 'Not found' })[0]).toMatch(/content type/);
    expect(contract.mismatches(op, { status: 404, type: 'application/problem+json', text: JSON.stringify({ title: 'x' }) })).toHaveLength(1);
    expect(contract.mismatches(op, { status: 200, type: 'application/json', text: JSON.stringify({ merchant_id: 42 }) })).toHaveLength(1);
  });

  it('declares a problem body for every error status', () => {
    const bare = operations.flatMap((op) =>
      Object.entries(op.responses)
        .filter(([status, response]) => Number(status) >= 400 && !response.content?.['application/problem+json'])
        .map(([status]) => `${op.method} ${op.path} ${status}`),
    );
    expect(bare).toEqual([]);
  });
});
