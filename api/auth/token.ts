/**
 * Bearer tokens: base64url(JSON claims) "." base64url(HMAC-SHA256 of the claims), signed with
 * the warehouse's secret. A token names a role, and a merchant token its one merchant id.
 *
 * @example
 *   const token = signToken(secret, { role: 'merchant', merchant_id: 'M00000042', sub: 'M00000042' });
 *   verifyToken(secret, token); // the claims, or null
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { merchantId } from '../../engine/schema/columns.ts';

export const RoleSchema = z.enum(['merchant', 'officer', 'scientist', 'admin']);
export type Role = z.infer<typeof RoleSchema>;
export const ROLES = RoleSchema.options;

export const ClaimsSchema = z
  .object({
    role: RoleSchema,
    /** Who holds it: a merchant id, or a staff name. */
    sub: z.string().min(1).max(128),
    /** Only on merchant tokens: the merchant it may see. */
    merchant_id: merchantId().optional(),
    /** Issued at, seconds since the epoch. */
    iat: z.number().int(),
    /** Expires at, seconds since the epoch; absent for tokens that do not expire. */
    exp: z.number().int().optional(),
  })
  .strict()
  .refine((c) => (c.role === 'merchant') === (c.merchant_id !== undefined), 'a merchant token, and only a merchant token, names a merchant_id');
export type Claims = z.infer<typeof ClaimsSchema>;

export function signToken(secret: Buffer, claims: Omit<Claims, 'iat'> & { iat?: number }): string {
  const full = ClaimsSchema.parse({ ...claims, iat: claims.iat ?? Math.floor(Date.now() / 1000) });
  const payload = Buffer.from(JSON.stringify(full)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The token's claims when its signature holds and it has not expired; otherwise null. */
export function verifyToken(secret: Buffer, token: string, nowSeconds = Date.now() / 1000): Claims | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const payload = token.slice(0, dot);
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(token.slice(dot + 1));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const claims = ClaimsSchema.safeParse(json);
  if (!claims.success) return null;
  if (claims.data.exp !== undefined && claims.data.exp < nowSeconds) return null;
  return claims.data;
}

function mac(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}
