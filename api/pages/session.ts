/**
 * Who is looking at a page. Pages sign in with the API's own tokens, kept in the
 * `capillary_token` cookie (HttpOnly, SameSite=Strict, Secure over https, so another site can
 * neither read it nor post a form with it; the page forms also check Origin). Only pages read
 * the cookie: the JSON API takes bearer tokens. Signing out revokes the token. A page asked for
 * without a valid token sends the browser to sign in and back; one asked for by the wrong role
 * answers 403 with a page saying so.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { TOKEN_COOKIE } from '../auth/middleware.ts';
import type { Claims, Role, TokenAuthority } from '../auth/token.ts';

export async function sessionPrincipal(c: Context, tokens: TokenAuthority): Promise<Claims | null> {
  const token = getCookie(c, TOKEN_COOKIE);
  return token ? tokens.verify(token) : null;
}

export function startSession(c: Context, token: string, expiresAt: number): void {
  const secure = new URL(c.req.url).protocol === 'https:';
  setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure, expires: new Date(expiresAt * 1000) });
}

/** Clears the cookie and revokes its token, so a copy of it stops working too. */
export function endSession(c: Context, tokens: TokenAuthority): void {
  const token = getCookie(c, TOKEN_COOKIE);
  if (token) {
    try {
      tokens.revoke(token);
    } catch {
      // A cookie that is not one of our tokens has nothing to revoke.
    }
  }
  deleteCookie(c, TOKEN_COOKIE, { path: '/' });
}

/** The page a role lands on after signing in. */
export function homeOf(principal: Claims): string {
  switch (principal.role) {
    case 'merchant':
      return `/merchants/${principal.merchant_id}`;
    case 'officer':
    case 'admin':
      return '/officer/queue';
    case 'scientist':
      return '/scientist';
  }
}

/** A local path to return to after signing in; anything else (other hosts, `//x`) is dropped. */
export function safeNext(next: string | undefined): string | null {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : null;
}

export type Access = { ok: true; principal: Claims } | { ok: false; reason: 'signed-out' | 'forbidden'; principal: Claims | null };

export function accessFor(principal: Claims | null, roles: readonly Role[]): Access {
  if (!principal) return { ok: false, reason: 'signed-out', principal };
  if (!roles.includes(principal.role)) return { ok: false, reason: 'forbidden', principal };
  return { ok: true, principal };
}
