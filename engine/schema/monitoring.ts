/**
 * What daily monitoring keeps besides the ledger events it writes: each line's signals as of a
 * date (what the watch list shows and the action read), and one row per run, so a rerun of the
 * same date finds its run and writes nothing twice.
 */
import { z } from 'zod';
import { count, fen, isoDate, localTimestamp, merchantId, probability } from './columns.ts';

const ratio = () => z.number().meta({ sql: 'DOUBLE' });

export const MonitoringActionSchema = z.enum(['none', 'watch', 'reduce_limit', 'freeze', 'unfreeze', 'increase_limit']);

export const LineSignalsSchema = z
  .object({
    line_id: z.string().min(1).max(32),
    merchant_id: merchantId(),
    as_of_date: isoDate(),
    turnover_drop: ratio().nullable(),
    closed_days: count().nullable(),
    turnover_cv: ratio().nullable(),
    refund_surge: ratio().nullable(),
    decline_share: ratio().nullable(),
    pd: probability().nullable(),
    dpd: count(),
    /** The worst severity reached (watch, reduce, freeze); null when none. */
    severity: z.enum(['watch', 'reduce', 'freeze']).nullable(),
    action: MonitoringActionSchema,
    /** Reason codes with their figures ('turnover_drop=0.64,closed_days=9'); null when none. */
    reason: z.string().max(500).nullable(),
    limit_before_fen: fen(),
    limit_after_fen: fen(),
    balance_fen: fen(),
  })
  .strict();
export type LineSignalsRow = z.infer<typeof LineSignalsSchema>;

export const MonitoringRunSchema = z
  .object({
    as_of_date: isoDate(),
    policy_version: z.string().min(1),
    model_id: z.string().nullable(),
    lines: count(),
    watched: count(),
    reduced: count(),
    frozen: count(),
    unfrozen: count(),
    increased: count(),
    finished_at: localTimestamp(),
    seconds: z.number().min(0).meta({ sql: 'DOUBLE' }),
  })
  .strict();
export type MonitoringRun = z.infer<typeof MonitoringRunSchema>;

/**
 * What a merchant is told about their line: the latest monitoring or officer action still in
 * force (engine/credit/monitoring-notice.ts), in the merchant's words.
 */
export const MonitoringNoticeSchema = z
  .object({
    action: MonitoringActionSchema.exclude(['none']),
    /** The business day the action was taken. */
    since: isoDate(),
    /** What happened and why, in a few plain sentences. */
    message: z.string(),
    /** Why, one plain sentence per reason (empty when an officer acted). */
    reasons: z.array(z.string()),
    /** What the merchant can do now. */
    what_you_can_do: z.string(),
  })
  .strict();
export type MonitoringNotice = z.infer<typeof MonitoringNoticeSchema>;
