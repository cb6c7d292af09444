/**
 * The role matrix: every operation of the OpenAPI document, called by each role and without a
 * token. The expected roles are written out here per audience (not read from the document), so
 * the test also holds the document's `x-roles` to them. Allowed calls use a harmless request
 * (an unknown id or a body with an unknown field) so that nothing runs or changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, signToken, type Role } from './auth/token.ts';
import { FIXTURE_TIMEOUT_MS, startTestServer, type TestServer } from './testing/test-server.ts';

let t: TestServer;
let operations: { method: string; path: string; roles: string[] | null; hasBody: boolean }[];
const PROBE_MERCHANT = 'M99999999';

beforeAll(async () => {
  t = await startTestServer();
  const doc = (await t.call('GET', '/openapi.json')).json as { paths: Record<string, Record<string, { 'x-roles'?: string[]; requestBody?: unknown }>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, roles: op['x-roles'] ?? null, hasBody: op.requestBody !== undefined })),
  );
}, FIXTURE_TIMEOUT_MS);
afterAll(async () => t?.close());

/** Who may call what, by audience. */
function expectedRoles(method: string, path: string): Role[] | null {
  if (['/healthz', '/readyz', '/openapi.json', '/docs'].includes(path)) return null;
  if (path.startsWith('/api/v1/merchants/')) return method === 'GET' ? ['merchant', 'officer', 'admin'] : ['merchant'];
  if (path.startsWith('/api/v1/reviews') || path === '/api/v1/audit') return ['officer', 'admin'];
  if (method === 'GET' && path.startsWith('/api/v1/jobs')) return ['officer', 'scientist', 'admin'];
  if (path.startsWith('/api/v1/jobs/') || path.startsWith('/api/v1/models') || path.startsWith('/api/v1/features')) return ['scientist', 'admin'];
  if (path.startsWith('/api/v1/payments') || path.startsWith('/api/v1/live')) return ['scientist', 'admin'];
  throw new Error(`no expectation for ${method} ${path}: add the route's audience to the role matrix`);
}

function concrete(path: string): string {
  return path
    .replace('{merchant_id}', PROBE_MERCHANT)
    .replace('{job_id}', 'J0000000000000000000deadbeef')
    .replace('{model_id}', 'no-such-model');
}

async function status(method: string, path: string, token: string | null, hasBody: boolean): Promise<number> {
  const controller = new AbortController();
  const headers: Record<string, string> = { 'Idempotency-Key': 'role-matrix-probe' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (hasBody) headers['content-type'] = 'application/json';
  const response = await fetch(`${t.url}${concrete(path)}`, { method, headers, body: hasBody ? '{"__probe": 1}' : undefined, signal: controller.signal });
  controller.abort(); // event streams never end by themselves
  return response.status;
}

describe('the role matrix', () => {
  it('covers every operation, and the document states the same roles', () => {
    expect(operations.length).toBeGreaterThan(25);
    for (const op of operations) expect([op.method, op.path, op.roles ? [...op.roles].sort() : null]).toEqual([op.method, op.path, expectedRoles(op.method, op.path)?.sort() ?? null]);
  });

  it('answers 401 without a token, 403 for other roles, and lets the right roles in', async () => {
    const tokens = Object.fromEntries(ROLES.map((role) => [role, t.token(role, role === 'merchant' ? PROBE_MERCHANT : undefined)])) as Record<Role, string>;
    const failures: string[] = [];
    for (const op of operations) {
      const allowed = expectedRoles(op.method, op.path);
      if (allowed === null) {
        const got = await status(op.method, op.path, null, op.hasBody);
        if (got !== 200) failures.push(`${op.method} ${op.path} public: ${got}`);
        continue;
      }
      const anonymous = await status(op.method, op.path, null, op.hasBody);
      if (anonymous !== 401) failures.push(`${op.method} ${op.path} without a token: ${anonymous}`);
      for (const role of ROLES) {
        const got = await status(op.method, op.path, tokens[role], op.hasBody);
        const ok = allowed.includes(role) ? got !== 401 && got !== 403 && got < 500 : got === 403;
        if (!ok) failures.push(`${op.method} ${op.path} as ${role}: ${got}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses tampered, foreign and expired tokens with 401', async () => {
    const good = t.token('officer');
    const [payload, mac] = good.split('.');
    const forged = `${Buffer.from(JSON.stringify({ role: 'admin', sub: 'x', iat: 1 })).toString('base64url')}.${mac}`;
    const foreign = signToken(Buffer.alloc(32, 7), { role: 'officer', sub: 'mallory' });
    const expired = signToken(t.server.context.secret, { role: 'officer', sub: 'old', exp: 1 });
    for (const token of [forged, foreign, expired, `${payload}.`, 'not-a-token']) {
      const r = await t.call('GET', '/api/v1/reviews', { token });
      expect(r.status).toBe(401);
      expect(r.type).toContain('application/problem+json');
    }
  });

  it('accepts the token from the capillary_token cookie', async () => {
    const response = await fetch(`${t.url}/api/v1/reviews?limit=1`, { headers: { cookie: `capillary_token=${t.token('officer')}` } });
    expect(response.status).toBe(200);
  });
});
