/** Credit officers: the review queue, one offer's full explanation, decisions, the audit log. */
import { AuditEntrySchema } from '../../engine/schema/audit-entry.ts';
import type { AppContext } from '../context.ts';
import { reply, type Routes } from '../http/route.ts';
import { AuditPageSchema, AuditQuerySchema, DecisionRequestSchema, MerchantParamsSchema, QueuePageSchema, QueueQuerySchema, ReviewSchema } from '../reviews/schemas.ts';

const OFFICERS = ['officer', 'admin'] as const;

export function officerRoutes(routes: Routes, context: AppContext): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/reviews',
      tag: 'officers',
      summary: 'the review queue: each merchant’s latest suggested line, filtered, sorted, a page at a time',
      roles: OFFICERS,
      query: QueueQuerySchema,
      responses: { 200: { description: 'a page of the queue', schema: QueuePageSchema } },
    },
    async (c, { query }) => reply(c, QueuePageSchema, await context.reviews.queue(query)),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/reviews/:merchant_id',
      tag: 'officers',
      summary: 'one offer in full: every rule and sizing step, the turnover behind it, and its audit trail',
      roles: OFFICERS,
      params: MerchantParamsSchema,
      responses: { 200: { description: 'the review', schema: ReviewSchema }, 404: { description: 'no offer for this merchant' } },
    },
    async (c, { params }) => reply(c, ReviewSchema, await context.reviews.review(params.merchant_id)),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/reviews/:merchant_id/decisions',
      tag: 'officers',
      summary: 'approve, adjust the line (with a reason) or decline (with a reason); written to the audit log',
      roles: OFFICERS,
      params: MerchantParamsSchema,
      body: DecisionRequestSchema,
      responses: { 201: { description: 'the audit entry', schema: AuditEntrySchema }, 409: { description: 'a policy decline, or already accepted' } },
    },
    async (c, { params, body, principal }) => reply(c, AuditEntrySchema, await context.reviews.decide(params.merchant_id, body, principal.sub, c.get('requestId')), 201),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/audit',
      tag: 'officers',
      summary: 'the audit log: by merchant, officer, action and days',
      roles: OFFICERS,
      query: AuditQuerySchema,
      responses: { 200: { description: 'a page of audit entries, oldest first', schema: AuditPageSchema } },
    },
    async (c, { query }) => reply(c, AuditPageSchema, await context.reviews.audit(query)),
  );
}
