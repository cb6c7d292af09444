/**
 * The role matrix: every operation of the OpenAPI document, called by each role and without a
 * token. The expected roles are written out here per audience (not read from the document), so
 * the test also holds the document's `x-roles` to them. Allowed calls use a harmless request
 * (an unknown id or a body with an unknown field) so that nothing runs or changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode } from 'hono/jwt';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROLES, TokenAuthority, type Role } from './auth/token.ts';
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
  if (path.startsWith('/api/v1/reviews') || path === '/api/v1/audit' || path === '/api/v1/portfolio' || path.startsWith('/api/v1/monitoring/')) return ['officer', 'admin'];
  if (method === 'GET' && path.startsWith('/api/v1/jobs')) return ['officer', 'scientist', 'admin'];
  if (path.startsWith('/api/v1/jobs/') || path.startsWith('/api/v1/models') || path.startsWith('/api/v1/features')) return ['scientist', 'admin'];
  if (path.startsWith('/api/v1/payments') || path.startsWith('/api/v1/live')) return ['scientist', 'admin'];
  throw new Error(`no expectation for ${method} ${path}: add the route's audience to the role matrix`);
}

function concrete(path: string): string {
  return path
    .replace('{merchant_id}', PROBE_MERCHANT)
    .replace('{job_id}', 'J0000000000000000000deadbeef')
    .replace('{model_id}', 'no-such-model')
    .replace('{line_id}', 'L99999999');
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
    const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await t.token(role, role === 'merchant' ? PROBE_MERCHANT : undefined)]))) as Record<Role, string>;
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

  it('refuses tampered, foreign, expired and revoked tokens with 401', async () => {
    const tokens = t.server.context.tokens;
    const good = await t.token('officer');
    const [header, payload, signature] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${signature}`;
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: decodeKid(good) })).toString('base64url')}.${payload}.`;
    const foreign = await TokenAuthority.inMemory().sign({ role: 'officer', sub: 'mallory' });
    const expired = await tokens.sign({ role: 'officer', sub: 'old', exp: Math.floor(Date.now() / 1000) - 1 });
    const revoked = await tokens.sign({ role: 'officer', sub: 'leaver' });
    expect((await t.call('GET', '/api/v1/reviews?limit=1', { token: revoked })).status).toBe(200);
    tokens.revoke(revoked);
    for (const token of [forged, unsigned, foreign, expired, revoked, `${header}.${payload}.`, 'not-a-token']) {
      const r = await t.call('GET', '/api/v1/reviews?limit=1', { token });
      expect(r.status, token).toBe(401);
      expect(r.type).toContain('application/problem+json');
    }
    expect((await t.call('GET', '/api/v1/reviews?limit=1', { token: good })).status).toBe(200);
  });

  it('revokes by jti through the CLI while the server runs', async () => {
    const token = await t.token('scientist');
    expect((await t.call('GET', '/api/v1/models', { token })).status).toBe(200);
    const jti = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).jti as string;
    // Another process, as an operator would run it.
    const { stdout } = await promisify(execFile)(process.execPath, [new URL('../bin/capillary.mjs', import.meta.url).pathname, 'token', '--revoke', jti, '--db', t.db]);
    expect(stdout).toContain(jti);
    expect((await t.call('GET', '/api/v1/models', { token })).status).toBe(401);
  });

  it('rotates the signing key: old tokens verify until their key is retired', async () => {
    const before = await t.token('officer');
    const oldKid = decodeKid(before);
    const outside = TokenAuthority.forWarehouse(t.db);
    const newKid = outside.keyring.rotate();
    const after = await t.token('officer');
    expect(decodeKid(after)).toBe(newKid);
    expect((await t.call('GET', '/api/v1/reviews?limit=1', { token: before })).status).toBe(200);
    expect((await t.call('GET', '/api/v1/reviews?limit=1', { token: after })).status).toBe(200);
    outside.keyring.retire(oldKid);
    expect((await t.call('GET', '/api/v1/reviews?limit=1', { token: before })).status).toBe(401);
    expect((await t.call('GET', '/api/v1/reviews?limit=1', { token: after })).status).toBe(200);
  });

  it('does not take the page cookie: a cross-origin cookie POST to the API is refused', async () => {
    const officer = await t.token('officer');
    const merchant = await t.token('merchant', PROBE_MERCHANT);
    const read = await fetch(`${t.url}/api/v1/reviews?limit=1`, { headers: { cookie: `capillary_token=${officer}` } });
    expect(read.status).toBe(401);
    for (const [path, cookie] of [[`/api/v1/merchants/${PROBE_MERCHANT}/offer/accept`, merchant], ['/api/v1/live/stop', officer]] as const) {
      const forged = await fetch(`${t.url}${path}`, { method: 'POST', headers: { cookie: `capillary_token=${cookie}`, origin: 'https://evil.example' } });
      expect([401, 403], path).toContain(forged.status);
    }
  });
});

function decodeKid(token: string): string {
  return decode(token).header.kid!;
}
