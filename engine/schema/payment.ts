/**
 * One QR payment, as the network's switch exports it. Payments carry a token that differs on
 * every payment and a pseudonymous customer id from the token vault; no card number exists.
 */
import { z } from 'zod';
import { fen, isoDate, localTimestamp, merchantId } from './columns.ts';

export const ChannelSchema = z.enum(['offline', 'online', 'o2o']);
export const QrModeSchema = z.enum(['customer_scans_merchant', 'merchant_scans_customer']);
export const CodeTypeSchema = z.enum(['static', 'dynamic']);
export const IssuerSchema = z.enum(['own', 'other', 'overseas']);

/** Why the network's controls refused a payment; nothing else declines one. */
export const DeclineReasonSchema = z.enum([
  'static_code_limit', // static code above RMB 500 (PBoC)
  'tier_daily_limit', // dynamic code above the customer's tier limit (PBoC B: 5,000, C: 1,000)
  'verification_failed', // large payment whose extra verification failed
  'monitoring_rule', // 24x7 monitoring: large payment at an unusual hour for the merchant
  'insufficient_funds', // the customer's account or card could not cover it
]);

export const PaymentSchema = z
  .object({
    payment_id: z.string().min(1).max(64),
    paid_at: localTimestamp(),
    payment_date: isoDate(),
    merchant_id: merchantId(),
    customer_id: z.string().min(1).max(32),
    payment_token: z.string().min(8).max(64),
    kind: z.enum(['payment', 'refund']),
    /** For a refund, the payment it returns; null for a payment. */
    refund_of_payment_id: z.string().min(1).max(64).nullable(),
    amount_fen: fen().min(1),
    channel: ChannelSchema,
    qr_mode: QrModeSchema,
    code_type: CodeTypeSchema,
    issuer: IssuerSchema,
    status: z.enum(['approved', 'declined']),
    decline_reason: DeclineReasonSchema.nullable(),
    /** A large payment that went through extra verification (passed or failed). */
    is_verified: z.boolean(),
    /** Flagged by 24x7 monitoring (declined or let through for review). */
    is_flagged: z.boolean(),
  })
  .strict();

export type Payment = z.infer<typeof PaymentSchema>;
export type DeclineReason = z.infer<typeof DeclineReasonSchema>;
