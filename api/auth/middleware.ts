/**
 * Who is asking the JSON API: the token comes from the Authorization bearer header only. The
 * page cookie is not read here: a browser sends cookies with any site's requests, so a cookie
 * accepted by the API would let another site post to it as the person signed in (pages check
 * their own forms, api/pages/session.ts). `authenticate` only reads; `principalFor` refuses:
 * 401 without a valid token, 403 for a role the route does not serve.
 */
import type { MiddlewareHandler } from 'hono';
import { decode } from 'hono/jwt';
import { ApiProblem } from '../http/problem.ts';
import type { Claims, Role, TokenAuthority } from './token.ts';

export const TOKEN_COOKIE = 'capillary_token';

export type AuthVariables = { principal: Claims | null };

export function bearerToken(authorization: string | undefined): string | null {
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
  return match ? match[1] : null;
}

/** Verified tokens, kept so that a client's repeated requests skip the signature check. */
const VERIFIED_CAPACITY = 10_000;

export function authenticate(tokens: TokenAuthority): MiddlewareHandler<{ Variables: AuthVariables }> {
  const verified = new Map<string, { claims: Claims; kid: string }>();
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    let claims: Claims | null = null;
    if (token) {
      const known = verified.get(token);
      if (known) claims = tokens.isLive(known.claims, known.kid) ? known.claims : null;
      else {
        claims = await tokens.verify(token);
        if (claims) {
          if (verified.size >= VERIFIED_CAPACITY) verified.clear();
          verified.set(token, { claims, kid: decode(token).header.kid! });
        }
      }
    }
    c.set('principal', claims);
    await next();
  };
}

/** The principal, or a 401/403 problem. */
export function principalFor(principal: Claims | null, roles: readonly Role[]): Claims {
  if (!principal) throw new ApiProblem(401, 'a valid token is required: send Authorization: Bearer TOKEN (capillary token --role ROLE); it may have expired or been revoked', { field: 'authorization' });
  if (!roles.includes(principal.role)) throw new ApiProblem(403, `this needs the role ${roles.join(' or ')}; your token is for ${principal.role}`);
  return principal;
}

export function requireRole(...roles: Role[]): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    principalFor(c.get('principal'), roles);
    await next();
  };
}
