/**
 * Who is asking: the token comes from the Authorization bearer header, or from the
 * `capillary_token` cookie (so that pages can sign in). `authenticate` only reads it;
 * `requireRole` refuses: 401 without a valid token, 403 for a role the route does not serve.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ApiProblem } from '../http/problem.ts';
import { verifyToken, type Claims, type Role } from './token.ts';

export const TOKEN_COOKIE = 'capillary_token';

export type AuthVariables = { principal: Claims | null };

export function tokenOf(authorization: string | undefined, cookie: string | undefined): string | null {
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match ? match[1] : null;
  }
  return cookie ?? null;
}

/** Verified tokens, kept so that a client's repeated requests skip the HMAC and the parse. */
const VERIFIED_CAPACITY = 10_000;

export function authenticate(secret: Buffer): MiddlewareHandler<{ Variables: AuthVariables }> {
  const verified = new Map<string, Claims>();
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    const token = tokenOf(authorization, authorization ? undefined : getCookie(c, TOKEN_COOKIE));
    let claims: Claims | null = null;
    if (token) {
      const known = verified.get(token);
      if (known && (known.exp === undefined || known.exp >= Date.now() / 1000)) claims = known;
      else {
        claims = verifyToken(secret, token);
        if (claims) {
          if (verified.size >= VERIFIED_CAPACITY) verified.clear();
          verified.set(token, claims);
        }
      }
    }
    c.set('principal', claims);
    await next();
  };
}

/** The principal, or a 401/403 problem. */
export function principalFor(principal: Claims | null, roles: readonly Role[]): Claims {
  if (!principal) throw new ApiProblem(401, 'a valid token is required: send Authorization: Bearer TOKEN (capillary token --role ROLE)', { field: 'authorization' });
  if (!roles.includes(principal.role)) throw new ApiProblem(403, `this needs the role ${roles.join(' or ')}; your token is for ${principal.role}`);
  return principal;
}

export function requireRole(...roles: Role[]): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    principalFor(c.get('principal'), roles);
    await next();
  };
}
