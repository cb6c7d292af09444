/**
 * One entry of the credit officers' audit log: who decided what on which offer or line, when and
 * why. The log is append-only: entries are inserted, never updated or deleted.
 */
import { z } from 'zod';
import { fen, isoDate, localTimestamp, merchantId } from './columns.ts';

/** An officer's decision on an offer. */
export const AuditActionSchema = z.enum(['approve', 'adjust', 'decline']);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/**
 * An officer's action on a monitored line: confirm monitoring's latest action, override it (with
 * a reason; a freeze or a limit change is reversed in the ledger), or log a contact with the merchant.
 */
export const LineActionSchema = z.enum(['confirm', 'override', 'contact']);
export type LineAction = z.infer<typeof LineActionSchema>;

export const AuditEntrySchema = z
  .object({
    audit_id: z.string().min(1).max(64),
    recorded_at: localTimestamp(),
    /** The officer (the token's subject). */
    actor: z.string().min(1).max(128),
    action: z.enum([...AuditActionSchema.options, ...LineActionSchema.options]),
    merchant_id: merchantId(),
    /** The offer decided on; for an action on a line, the business date it was taken. */
    as_of_date: isoDate(),
    line_before_fen: fen().nullable(),
    line_after_fen: fen().nullable(),
    reason: z.string().nullable(),
    /** The request that wrote it, to find it in the logs. */
    request_id: z.string().min(1).max(128),
    /** The line acted on; null for a decision on an offer. */
    line_id: z.string().min(1).max(32).nullable(),
  })
  .strict();
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
