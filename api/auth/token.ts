/**
 * Bearer tokens are JWTs (HS256, signed and verified by hono/jwt) carrying a role, a merchant id
 * on merchant tokens, an expiry (every token has one: hours for people by default) and an id
 * (`jti`) to revoke it by. The header's `kid` names the keyring key that signed it, so the
 * signing key can rotate while tokens signed with older keys keep working until retired.
 *
 * @example
 *   const tokens = TokenAuthority.forWarehouse('data/capillary.duckdb');
 *   const token = await tokens.sign({ role: 'merchant', merchant_id: 'M00000042', sub: 'M00000042' });
 *   await tokens.verify(token); // the claims, or null (damaged, foreign, expired, revoked, retired key)
 *   tokens.revoke(token);       // or its jti
 */
import { randomUUID } from 'node:crypto';
import { decode, sign, verify } from 'hono/jwt';
import { z } from 'zod';
import { merchantId } from '../../engine/schema/columns.ts';
import { Keyring } from './keyring.ts';
import { Revocations } from './revocations.ts';

export const RoleSchema = z.enum(['merchant', 'officer', 'scientist', 'admin']);
export type Role = z.infer<typeof RoleSchema>;
export const ROLES = RoleSchema.options;

/** How long a token lives unless its issuer says otherwise. */
export const DEFAULT_TOKEN_HOURS = 8;

export const ClaimsSchema = z
  .object({
    role: RoleSchema,
    /** Who holds it: a merchant id, or a staff name. */
    sub: z.string().min(1).max(128),
    /** Only on merchant tokens: the merchant it may see. */
    merchant_id: merchantId().optional(),
    /** Issued at and expires at, seconds since the epoch. */
    iat: z.number().int(),
    exp: z.number().int(),
    /** The token's id, to revoke it by. */
    jti: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  })
  .strict()
  .refine((c) => (c.role === 'merchant') === (c.merchant_id !== undefined), 'a merchant token, and only a merchant token, names a merchant_id');
export type Claims = z.infer<typeof ClaimsSchema>;

export interface TokenRequest {
  role: Role;
  sub: string;
  merchant_id?: string;
  /** Expires at, seconds since the epoch; default: DEFAULT_TOKEN_HOURS from now. */
  exp?: number;
}

export class TokenAuthority {
  constructor(readonly keyring: Keyring, readonly revocations: Revocations) {}

  static forWarehouse(dbPath: string): TokenAuthority {
    return new TokenAuthority(Keyring.forWarehouse(dbPath), Revocations.forWarehouse(dbPath));
  }

  /** Keys and revocations that live as long as the process. */
  static inMemory(): TokenAuthority {
    return TokenAuthority.forWarehouse(':memory:');
  }

  async sign(request: TokenRequest): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    const claims = ClaimsSchema.parse({ ...request, iat, exp: request.exp ?? iat + DEFAULT_TOKEN_HOURS * 3600, jti: randomUUID().replaceAll('-', '') });
    const { kid, secret } = this.keyring.signing();
    return sign(claims, { kty: 'oct', k: secret.toString('base64url'), alg: 'HS256', kid });
  }

  /** The token's claims when its signature holds under a live key, it has not expired and is not revoked; otherwise null. */
  async verify(token: string): Promise<Claims | null> {
    let kid: string | undefined;
    try {
      kid = decode(token).header.kid;
    } catch {
      return null;
    }
    const secret = kid ? this.keyring.verifying(kid) : undefined;
    if (!secret) return null;
    let payload: unknown;
    try {
      payload = await verify(token, { kty: 'oct', k: secret.toString('base64url'), alg: 'HS256', kid }, 'HS256');
    } catch {
      return null;
    }
    const claims = ClaimsSchema.safeParse(payload);
    return claims.success && this.isLive(claims.data, kid!) ? claims.data : null;
  }

  /** Claims verified earlier are still good: not expired, not revoked, their key not retired. */
  isLive(claims: Claims, kid: string, nowSeconds = Date.now() / 1000): boolean {
    return claims.exp > nowSeconds && !this.revocations.has(claims.jti) && this.keyring.verifying(kid) !== undefined;
  }

  /**
   * Revokes a token, given as the token itself or its jti. A token is read without checking its
   * signature or expiry: revoking one that is already worthless does no harm.
   */
  revoke(tokenOrJti: string): string {
    if (!tokenOrJti.includes('.')) {
      this.revocations.revoke(tokenOrJti, 0);
      return tokenOrJti;
    }
    let payload: Record<string, unknown>;
    try {
      payload = decode(tokenOrJti).payload as Record<string, unknown>;
    } catch {
      throw new Error('not a token this server issues (it does not decode as a JWT)');
    }
    if (typeof payload.jti !== 'string') throw new Error('this token has no jti to revoke it by');
    this.revocations.revoke(payload.jti, typeof payload.exp === 'number' ? payload.exp : 0);
    return payload.jti;
  }
}
