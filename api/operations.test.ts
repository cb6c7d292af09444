/**
 * Operations through a real server: health and readiness, request ids in headers and JSON logs,
 * body limits, unknown routes, the one-writer rule (a CLI command refuses a held warehouse), the
 * token command, and graceful shutdown (running jobs finish; abandoned ones resume).
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../engine/db/index.ts';
import { startServer } from './server.ts';
import { ensureApiTables } from './tables.ts';
import { fixtureWarehouse } from './testing/fixture-warehouse.ts';
import { FIXTURE_TIMEOUT_MS, startTestServer, type TestServer } from './testing/test-server.ts';

const run = promisify(execFile);
const CLI = new URL('../bin/capillary.mjs', import.meta.url).pathname;
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ limits: { bodyBytes: 2048 } });
}, FIXTURE_TIMEOUT_MS);
afterAll(async () => t?.close());

describe('operations', () => {
  it('answers /healthz and /readyz with the offer index loaded', async () => {
    expect((await t.call('GET', '/healthz')).json).toEqual({ status: 'ok' });
    const ready = await t.call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json.offers).toBe(257);
  });

  it('gives each request an id of its own, in the response header and the JSON log line, with the client’s id beside it', async () => {
    const r = await t.call('GET', '/api/v1/reviews?limit=1', { token: t.token('officer'), headers: { 'X-Request-Id': 'trace-me-123' } });
    const id = r.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = t.logs.find((l) => l.request_id === id);
    expect(line).toMatchObject({ msg: 'request', method: 'GET', path: '/api/v1/reviews', status: 200, role: 'officer', client_request_id: 'trace-me-123' });
    expect(t.logs.some((l) => l.request_id === 'trace-me-123')).toBe(false);
    const generated = await t.call('GET', '/healthz');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a body over the limit with 413 problem+json, before reading it all', async () => {
    const r = await t.call('POST', '/api/v1/reviews/M00000001/decisions', { token: t.token('officer'), body: { action: 'decline', reason: 'x'.repeat(5000) } });
    expect(r.status).toBe(413);
    expect(r.type).toContain('application/problem+json');
    expect(r.json.field).toBe('body');
  });

  it('answers unknown API routes with a 404 problem, and leaves other paths to the pages', async () => {
    const r = await t.call('GET', '/api/v1/nothing-here', { token: t.token('admin') });
    expect(r.status).toBe(404);
    expect(r.type).toContain('application/problem+json');
  });

  it('holds the warehouse: a CLI command on it refuses clearly instead of waiting', async () => {
    const result = await run(process.execPath, [CLI, 'models', 'list', '--db', t.db]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in use by another process/);
  });

  it('issues tokens from the CLI, signed with the warehouse’s keyring, expiring in 8 hours by default, while the server runs', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'token', '--role', 'officer', '--name', 'carol', '--db', t.db]);
    const r = await t.call('GET', '/api/v1/reviews?limit=1', { token: stdout.trim() });
    expect(r.status).toBe(200);
    const claims = JSON.parse(Buffer.from(stdout.trim().split('.')[1], 'base64url').toString('utf8'));
    expect(claims.exp - claims.iat).toBe(8 * 3600);
    expect(claims.sub).toBe('carol');
    const refused = await run(process.execPath, [CLI, 'token', '--role', 'merchant', '--db', t.db]).catch((error: { code: number; stderr: string }) => error);
    expect((refused as { code: number }).code).toBe(2);
  });
});

describe('shutdown', () => {
  it('lets a running job finish before closing', async () => {
    const { dir, db } = await fixtureWarehouse();
    try {
      const server = await startServer({ db, port: 0, log: () => undefined });
      const job = await server.context.jobs.submit('score', {}, 'tester');
      await server.close();
      const reopened = await Database.open(db);
      try {
        expect((await reopened.one<{ status: string }>('SELECT status FROM jobs WHERE job_id = $id', { id: job.job_id }))!.status).toBe('succeeded');
      } finally {
        reopened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ends open event streams so that shutdown completes', async () => {
    const { dir, db } = await fixtureWarehouse();
    try {
      const server = await startServer({ db, port: 0, log: () => undefined });
      const token = await server.context.tokens.sign({ role: 'admin', sub: 'tester' });
      const response = await fetch(`${server.url}/api/v1/payments/stream`, { headers: { authorization: `Bearer ${token}` } });
      const reader = response.body!.getReader();
      await reader.read(); // the 'ready' event
      await server.close();
      let ended = false;
      while (!ended) ended = (await reader.read()).done;
      expect(ended).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs a job interrupted by a shutdown again on the next start', async () => {
    const { dir, db } = await fixtureWarehouse();
    try {
      const first = await Database.open(db);
      // What a shutdown that gave up waiting leaves behind.
      await ensureApiTables(first);
      await first.run(`INSERT INTO jobs VALUES ('J0000000000000000001aaaaaaaa', 'score', 'interrupted', '{}', 'score', 0, 1, 'rows', NULL, NULL,
        'tester', TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:01', NULL)`);
      first.close();
      const server = await startServer({ db, port: 0, log: () => undefined });
      await server.context.jobs.drain();
      const job = await server.context.jobs.get('J0000000000000000001aaaaaaaa');
      expect(job?.status).toBe('succeeded');
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
