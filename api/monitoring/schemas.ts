/** Bodies of the officers' monitoring routes: the watch list, the collections queue, one line, an action on it. */
import { z } from 'zod';
import { MONITORING_SIGNALS } from '../../engine/credit/monitoring-policy.ts';
import { AuditEntrySchema, LineActionSchema } from '../../engine/schema/audit-entry.ts';
import { count, fen, isoDate, merchantId } from '../../engine/schema/columns.ts';
import { LineEventSchema } from '../../engine/schema/line-event.ts';
import { LineSignalsSchema } from '../../engine/schema/monitoring.ts';
import { TurnoverDaySchema } from '../reviews/schemas.ts';

export const LINE_STATUSES = ['offered', 'open', 'frozen', 'defaulted', 'written_off', 'closed'] as const;
export const DPD_BUCKETS = ['1-29', '30-59', '60-89', '90+'] as const;

export const WatchListQuerySchema = z
  .object({
    signal: z.enum(MONITORING_SIGNALS).optional().describe('only lines whose reasons name this signal'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const WatchItemSchema = LineSignalsSchema.omit({ limit_before_fen: true, limit_after_fen: true })
  .extend({ status: z.enum(LINE_STATUSES), limit_fen: fen(), balance_fen: fen() })
  .strict();
export type WatchItem = z.infer<typeof WatchItemSchema>;

export const WatchListSchema = z
  .object({
    /** The monitoring run shown; null before any. */
    as_of_date: isoDate().nullable(),
    items: z.array(WatchItemSchema),
  })
  .strict();
export type WatchList = z.infer<typeof WatchListSchema>;

export const CollectionsQuerySchema = z.object({ bucket: z.enum(DPD_BUCKETS).optional().describe('one days-past-due bucket') }).strict();

export const CollectionItemSchema = z
  .object({
    line_id: z.string(),
    merchant_id: merchantId(),
    bucket: z.enum(DPD_BUCKETS),
    dpd: count(),
    status: z.enum(LINE_STATUSES),
    limit_fen: fen(),
    balance_fen: fen(),
    last_contact_at: z.string().nullable(),
    n_contacts: count(),
  })
  .strict();
export type CollectionItem = z.infer<typeof CollectionItemSchema>;

export const CollectionsSchema = z
  .object({
    /** Every bucket, in order, with its lines and principal outstanding (whatever the filter). */
    buckets: z.array(z.object({ bucket: z.enum(DPD_BUCKETS), lines: count(), balance_fen: fen() }).strict()),
    items: z.array(CollectionItemSchema),
  })
  .strict();
export type Collections = z.infer<typeof CollectionsSchema>;

export const LineParamsSchema = z.object({ line_id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a line id') }).strict();

/** A ledger event with a monitoring action's reasons in words (rendered when read). */
export const LedgerEntrySchema = LineEventSchema.extend({
  officer_words: z.array(z.string()),
  merchant_words: z.string().nullable(),
}).strict();
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export const MonitoredLineSchema = z
  .object({
    line_id: z.string(),
    merchant_id: merchantId(),
    status: z.enum(LINE_STATUSES),
    limit_fen: fen(),
    balance_fen: fen(),
    available_fen: fen(),
    dpd: count(),
    /** The latest monitoring run's signals for the line; null when never monitored. */
    signals: LineSignalsSchema.nullable(),
    /** Daily net turnover over the 180 days before the business date. */
    turnover: z.array(TurnoverDaySchema),
    ledger: z.array(LedgerEntrySchema),
    audit: z.array(AuditEntrySchema),
  })
  .strict();
export type MonitoredLineView = z.infer<typeof MonitoredLineSchema>;

export const LineActionRequestSchema = z
  .object({
    action: LineActionSchema.describe('confirm monitoring’s latest action, override it (reversing a freeze or a limit change), or log a contact'),
    reason: z.string().trim().min(3, 'at least 3 characters').max(1000).optional().describe('required to override and to log a contact'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.action !== 'confirm' && r.reason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `a reason is required to ${r.action === 'override' ? 'override' : 'log a contact'}` });
    }
  });
export type LineActionRequest = z.infer<typeof LineActionRequestSchema>;

export const LineActionResultSchema = z
  .object({ audit: AuditEntrySchema, event: LineEventSchema.nullable(), line: MonitoredLineSchema.pick({ status: true, limit_fen: true, balance_fen: true, available_fen: true }) })
  .strict();
export type LineActionResult = z.infer<typeof LineActionResultSchema>;
