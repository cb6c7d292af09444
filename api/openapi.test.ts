/**
 * The OpenAPI document: valid OpenAPI 3.1, and true to what the routes accept — for every
 * operation with a body, an undeclared field and each missing required field are refused with
 * a problem naming that field; every declared query parameter is known to the route. /docs is
 * served from here and reads the document.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TIMEOUT_MS, startTestServer, type TestServer } from './testing/test-server.ts';

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; additionalProperties?: unknown };
type Operation = { parameters?: { name: string; in: string; required: boolean }[]; requestBody?: { content: { 'application/json': { schema: Schema } } }; 'x-roles'?: string[] };

let t: TestServer;
let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  t = await startTestServer();
  doc = (await t.call('GET', '/openapi.json')).json;
}, FIXTURE_TIMEOUT_MS);
afterAll(async () => t?.close());

function tokenFor(op: Operation): Promise<string> | null {
  const roles = op['x-roles'];
  if (!roles) return null;
  return roles.includes('admin') ? t.token('admin') : t.token('merchant', 'M99999999');
}

const concrete = (path: string) => path.replace('{merchant_id}', 'M99999999').replace('{job_id}', 'J0000000000000000000deadbeef').replace('{model_id}', 'no-such-model').replace('{line_id}', 'L99999999');

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route family', () => {
    const paths = Object.keys(doc.paths);
    for (const expected of ['/api/v1/merchants/{merchant_id}/offer', '/api/v1/merchants/{merchant_id}/line/draws', '/api/v1/reviews', '/api/v1/audit', '/api/v1/jobs/{job_id}', '/api/v1/models/compare', '/api/v1/payments', '/api/v1/payments/stream', '/healthz']) {
      expect(paths).toContain(expected);
    }
  });

  it('matches what each body route accepts: undeclared fields and missing required fields are refused by name', async () => {
    const failures: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content['application/json'].schema;
        if (!schema) continue;
        expect(schema.additionalProperties, `${method} ${path}`).toBe(false);
        const send = async (body: unknown) => t.call(method.toUpperCase(), concrete(path), { token: tokenFor(op), body, headers: { 'Idempotency-Key': 'openapi-probe-1' } });
        const extra = await send({ __undeclared: 1 });
        if (extra.status !== 422 || !JSON.stringify(extra.json.errors ?? [{ field: extra.json.field }]).includes('__undeclared')) failures.push(`${method} ${path} undeclared: ${extra.status} ${JSON.stringify(extra.json)}`);
        for (const name of schema.required ?? []) {
          const missing = await send({});
          const fields = (missing.json.errors ?? [{ field: missing.json.field }]).map((e: { field: string }) => e.field);
          if (missing.status !== 422 || !fields.includes(name)) failures.push(`${method} ${path} without ${name}: ${missing.status} ${JSON.stringify(missing.json)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('declares every query parameter a route accepts, and the route refuses undeclared ones', async () => {
    const failures: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op || path.endsWith('/stream')) continue;
      const r = await t.call('GET', `${concrete(path)}?__undeclared=1`, { token: tokenFor(op) });
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      const fields = (r.json.errors ?? [{ field: r.json.field }]).map((e: { field: string }) => e.field);
      if (query.length > 0 && (r.status !== 422 || !fields.includes('query.__undeclared'))) failures.push(`GET ${path}: ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });

  it('serves interactive docs that read the document, without a CDN', async () => {
    const r = await t.call('GET', '/docs');
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/html');
    expect(r.json).toContain("fetch('/openapi.json')");
    expect(r.json).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it('sends the docs and the pages with a content security policy, no framing, nosniff and a referrer policy', async () => {
    for (const path of ['/docs', '/sign-in']) {
      const r = await t.call('GET', path);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
    }
    // The inline script of /docs runs under this response's nonce only.
    const docs = await t.call('GET', '/docs');
    const nonce = /'nonce-([^']+)'/.exec(docs.headers.get('content-security-policy')!)![1];
    expect(docs.json).toContain(`<script type="module" nonce="${nonce}">`);
  });
});
