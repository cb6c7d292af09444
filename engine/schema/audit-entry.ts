/**
 * One entry of the credit officers' audit log: who decided what on which offer, when and why.
 * The log is append-only: entries are inserted, never updated or deleted.
 */
import { z } from 'zod';
import { fen, isoDate, localTimestamp, merchantId } from './columns.ts';

export const AuditActionSchema = z.enum(['approve', 'adjust', 'decline']);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z
  .object({
    audit_id: z.string().min(1).max(64),
    recorded_at: localTimestamp(),
    /** The officer (the token's subject). */
    actor: z.string().min(1).max(128),
    action: AuditActionSchema,
    merchant_id: merchantId(),
    /** The offer decided on. */
    as_of_date: isoDate(),
    line_before_fen: fen().nullable(),
    line_after_fen: fen().nullable(),
    reason: z.string().nullable(),
    /** The request that wrote it, to find it in the logs. */
    request_id: z.string().min(1).max(128),
  })
  .strict();
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
