/**
 * A real API server on 127.0.0.1 (a free port) over a fresh copy of the fixture warehouse, with
 * tokens for every role and a small fetch helper. Logs are kept in memory for assertions.
 */
import { rmSync } from 'node:fs';
import { startServer, type RunningServer } from '../server.ts';
import type { Role } from '../auth/token.ts';
import { FIXTURE_TODAY, fixtureWarehouse } from './fixture-warehouse.ts';

export { FIXTURE_TODAY };
import type { Limits } from '../context.ts';

/** A beforeAll that starts a test server may first build the fixture (about a minute, more on a busy machine). */
export const FIXTURE_TIMEOUT_MS = 300_000;

export interface TestServer {
  server: RunningServer;
  url: string;
  db: string;
  logs: Record<string, unknown>[];
  /** A token that expires in the default hours; `call` takes it as it comes (a promise). */
  token(role: Role, merchantId?: string): Promise<string>;
  /** fetch with JSON in and out; `token` null sends none. */
  call(method: string, path: string, options?: { token?: string | Promise<string> | null; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<{ status: number; type: string; json: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startTestServer(options: { limits?: Partial<Limits> } = {}): Promise<TestServer> {
  const { dir, db } = await fixtureWarehouse();
  const logs: Record<string, unknown>[] = [];
  const server = await startServer({ db, port: 0, host: '127.0.0.1', log: (entry) => logs.push(entry), limits: options.limits, jobGraceMs: 60_000, businessDate: FIXTURE_TODAY });
  const token = (role: Role, merchantId?: string) =>
    server.context.tokens.sign({ role, sub: merchantId ?? `${role}-tester`, ...(role === 'merchant' ? { merchant_id: merchantId ?? 'M00000001' } : {}) });
  return {
    server,
    url: server.url,
    db,
    logs,
    token,
    async call(method, path, call = {}) {
      const headers: Record<string, string> = { ...call.headers };
      const token = await call.token;
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (call.raw !== undefined) body = call.raw;
      else if (call.body !== undefined) body = JSON.stringify(call.body);
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetch(`${server.url}${path}`, { method, headers, body });
      const type = response.headers.get('content-type') ?? '';
      const text = await response.text();
      const json = type.includes('json') && text ? JSON.parse(text) : text;
      return { status: response.status, type, json, headers: response.headers };
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The id of a merchant whose latest assessment has this outcome (and status). */
export async function merchantWith(t: TestServer, outcome: 'offer' | 'decline', status = 'suggested'): Promise<string> {
  const page = await t.call('GET', `/api/v1/reviews?outcome=${outcome}&status=${status}&limit=1&sort=merchant_id&order=asc`, { token: t.token('officer') });
  if (page.status !== 200 || page.json.items.length === 0) throw new Error(`the fixture has no ${outcome} ${status}: ${JSON.stringify(page.json).slice(0, 400)}`);
  return page.json.items[0].merchant_id as string;
}
