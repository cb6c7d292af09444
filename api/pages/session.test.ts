import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { TokenAuthority } from '../auth/token.ts';
import { mountAssets } from './assets.ts';
import { accessFor, homeOf, safeNext } from './session.ts';
import { mountSignIn } from './sign-in.tsx';

const tokens = TokenAuthority.inMemory();
const claims = { iat: 0, exp: 1, jti: 'j1' };

describe('where sign-in may send the browser back to', () => {
  it('keeps local paths with their query', () => {
    expect(safeNext('/officer/queue?segment=cafe&sort=pd')).toBe('/officer/queue?segment=cafe&sort=pd');
  });
  it('drops other hosts, protocol-relative and backslash tricks', () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'officer/queue', '/a b', undefined, '']) {
      expect(safeNext(next)).toBeNull();
    }
  });
});

describe('roles and start pages', () => {
  it('sends each role to its page and refuses the wrong role', () => {
    expect(homeOf({ role: 'merchant', sub: 'M00000042', merchant_id: 'M00000042', ...claims })).toBe('/merchants/M00000042');
    expect(homeOf({ role: 'scientist', sub: 's', ...claims })).toBe('/scientist');
    expect(accessFor(null, ['officer'])).toMatchObject({ ok: false, reason: 'signed-out' });
    expect(accessFor({ role: 'merchant', sub: 'M00000042', merchant_id: 'M00000042', ...claims }, ['officer'])).toMatchObject({ ok: false, reason: 'forbidden' });
  });
});

describe('sign-in routes', () => {
  const app = new Hono();
  mountSignIn(app, tokens);
  const post = (body: Record<string, string>) =>
    app.request('/sign-in', { method: 'POST', body: new URLSearchParams(body), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' } });

  it('sets an HttpOnly, SameSite=Strict cookie for a valid token and returns to a safe next page', async () => {
    const token = await tokens.sign({ role: 'officer', sub: 'officer.li' });
    const response = await post({ token, next: '/officer/audit' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/officer/audit');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toContain(`capillary_token=${token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const elsewhere = await post({ token, next: '//evil.example/' });
    expect(elsewhere.headers.get('location')).toBe('/officer/queue');
  });

  it('refuses a token signed with another secret, naming the field when empty', async () => {
    const foreign = await TokenAuthority.inMemory().sign({ role: 'admin', sub: 'x' });
    const refused = await post({ token: foreign });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await refused.text()).toContain('not valid here');
    expect(await (await post({ token: '' })).text()).toContain('Token: paste a token');
  });

  it('marks the cookie Secure when served over https, and lets it expire with its token', async () => {
    const token = await tokens.sign({ role: 'officer', sub: 'officer.li' });
    const body = new URLSearchParams({ token });
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const overHttps = await app.request('https://bank.example/sign-in', { method: 'POST', body, headers });
    expect(overHttps.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect(overHttps.headers.get('set-cookie')).toMatch(/Expires=/i);
    const overHttp = await app.request('http://localhost/sign-in', { method: 'POST', body: new URLSearchParams({ token }), headers });
    expect(overHttp.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });

  it('answers a malformed or non-form body with 400, not 500', async () => {
    for (const [type, body] of [
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="token"\r\n\r\nabc'],
      ['multipart/form-data', 'no boundary at all'],
      ['application/json', '{"token": 1}'],
      ['text/plain', 'token=x'],
    ]) {
      const response = await app.request('/sign-in', { method: 'POST', body, headers: { 'content-type': type } });
      expect(response.status, type).toBe(400);
    }
  });

  it('signs out by clearing the cookie and revoking the token', async () => {
    const token = await tokens.sign({ role: 'officer', sub: 'officer.li' });
    expect(await tokens.verify(token)).not.toBeNull();
    const response = await app.request('/sign-out', { method: 'POST', headers: { cookie: `capillary_token=${token}` } });
    expect(await tokens.verify(token)).toBeNull();
    expect(response.headers.get('location')).toBe('/sign-in');
    expect(response.headers.get('set-cookie')).toMatch(/capillary_token=;.*Max-Age=0/i);
  });
});

describe('assets', () => {
  const app = new Hono();
  mountAssets(app);

  it('serves the stylesheet and scripts from memory with an ETag', async () => {
    const css = await app.request('/assets/style.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const again = await app.request('/assets/style.css', { headers: { 'if-none-match': css.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await app.request('/assets/tabs.js')).headers.get('content-type')).toContain('javascript');
  });

  it('has nothing else: no source files, no way out of the folder', async () => {
    for (const path of ['/assets/missing.css', '/assets/..%2Findex.tsx', '/assets/%2e%2e%2fsession.ts', '/assets/README.md']) {
      expect((await app.request(path)).status).toBe(404);
    }
  });
});
