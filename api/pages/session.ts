/**
 * Who is looking at a page. Pages sign in with the API's own tokens, kept in the
 * `capillary_token` cookie (HttpOnly, SameSite=Strict, so another site can neither read it nor
 * post a form with it). A page asked for without a valid token sends the browser to sign in and
 * back; one asked for by the wrong role answers 403 with a page saying so.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { TOKEN_COOKIE } from '../auth/middleware.ts';
import { verifyToken, type Claims, type Role } from '../auth/token.ts';

export function sessionPrincipal(c: Context, secret: Buffer): Claims | null {
  const token = getCookie(c, TOKEN_COOKIE);
  return token ? verifyToken(secret, token) : null;
}

export function startSession(c: Context, token: string): void {
  setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
}

export function endSession(c: Context): void {
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
