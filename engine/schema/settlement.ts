/**
 * One merchant's day as the settlement system reports it: the aggregate of that day's payments,
 * for networks too large to keep payment-level detail.
 */
import { z } from 'zod';
import { count, fen, isoDate, merchantId } from './columns.ts';

export const SettlementSchema = z
  .object({
    settlement_date: isoDate(),
    merchant_id: merchantId(),
    /** Approved payments. */
    n_payments: count(),
    gross_fen: fen(),
    n_refunds: count(),
    refund_fen: fen(),
    n_declined: count(),
    declined_fen: fen(),
    /** Distinct paying customers that day. */
    n_customers: count(),
    n_flagged: count(),
    offline_fen: fen(),
    online_fen: fen(),
    o2o_fen: fen(),
    customer_scans_merchant_fen: fen(),
    merchant_scans_customer_fen: fen(),
    own_bank_fen: fen(),
    other_bank_fen: fen(),
    overseas_fen: fen(),
  })
  .strict();

export type Settlement = z.infer<typeof SettlementSchema>;
