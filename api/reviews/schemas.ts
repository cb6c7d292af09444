/** Bodies of the credit officers' routes: the review queue, one review, decisions, audit queries. */
import { z } from 'zod';
import { DecisionSchema } from '../../engine/credit/decision.ts';
import { AuditActionSchema, AuditEntrySchema } from '../../engine/schema/audit-entry.ts';
import { fen, isoDate, merchantId } from '../../engine/schema/columns.ts';
import { OfferOutcomeSchema, OfferRowSchema, OfferStatusSchema } from '../../engine/schema/offer.ts';
import { SegmentSchema } from '../../engine/schema/segment.ts';

const fenParam = () => z.coerce.number().int().min(0);
const limitParam = () => z.coerce.number().int().min(1).max(500).default(50);

export const QUEUE_SORTS = ['line_fen', 'pd', 'expected_loss_fen', 'merchant_id'] as const;

export const QueueQuerySchema = z
  .object({
    segment: SegmentSchema.optional(),
    grade: z.string().min(1).max(8).optional(),
    status: OfferStatusSchema.optional().describe('default: every status'),
    outcome: OfferOutcomeSchema.optional(),
    min_line_fen: fenParam().optional(),
    max_line_fen: fenParam().optional(),
    sort: z.enum(QUEUE_SORTS).default('line_fen'),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: limitParam(),
    cursor: z.string().max(200).optional().describe('next_cursor of the previous page'),
  })
  .strict()
  .refine((q) => q.min_line_fen === undefined || q.max_line_fen === undefined || q.min_line_fen <= q.max_line_fen, {
    message: 'min_line_fen is above max_line_fen',
    path: ['min_line_fen'],
  });

/** A queue row: the offers row without the officer's columns. */
export const QueueItemSchema = OfferRowSchema.omit({ decided_by: true, decided_at: true, officer_note: true }).strict();
export type QueueItem = z.infer<typeof QueueItemSchema>;

export const QueuePageSchema = z.object({ items: z.array(QueueItemSchema), next_cursor: z.string().nullable() }).strict();

export const TurnoverDaySchema = z.object({ turnover_date: isoDate(), net_fen: z.number().int(), n_payments: z.number().int().min(0) }).strict();

export const ReviewSchema = z
  .object({
    offer: OfferRowSchema,
    /** The policy's decision, rebuilt from the row's inputs and its run's policy (before any adjustment). */
    decision: DecisionSchema,
    /** The officer's register: every input, rule and sizing step, one line each. */
    explanation: z.array(z.string()),
    /** Daily net turnover over the year before the as-of date. */
    turnover: z.array(TurnoverDaySchema),
    audit: z.array(AuditEntrySchema),
  })
  .strict();

export const DecisionRequestSchema = z
  .object({
    action: AuditActionSchema,
    /** adjust only: the new line, no more than the policy's. */
    line_fen: fen().min(1).optional(),
    /** Required for adjust and decline. */
    reason: z.string().trim().min(3).max(1000).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.action === 'adjust' && d.line_fen === undefined) ctx.addIssue({ code: 'custom', path: ['line_fen'], message: 'an adjustment needs the new line_fen' });
    if (d.action !== 'adjust' && d.line_fen !== undefined) ctx.addIssue({ code: 'custom', path: ['line_fen'], message: `line_fen goes with action adjust, not ${d.action}` });
    if (d.action !== 'approve' && d.reason === undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: `a reason is required to ${d.action}` });
  });

export const AuditQuerySchema = z
  .object({
    merchant_id: merchantId().optional(),
    actor: z.string().min(1).max(128).optional(),
    action: AuditActionSchema.optional(),
    from: isoDate().optional().describe('recorded on or after this day'),
    to: isoDate().optional().describe('recorded on or before this day'),
    limit: limitParam(),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const AuditPageSchema = z.object({ items: z.array(AuditEntrySchema), next_cursor: z.string().nullable() }).strict();
export const MerchantParamsSchema = z.object({ merchant_id: merchantId() }).strict();
