/**
 * Merchants: their latest offer (from the in-memory index, no query), accepting it, drawing and
 * repaying with an Idempotency-Key, the balance (with any monitoring notice) and the history. A merchant token sees only its
 * own merchant: any other id answers 404, exactly like an id that does not exist. Officers and
 * admins may read (not move) any merchant's offer and line.
 */
import { z } from 'zod';
import type { Claims } from '../auth/token.ts';
import type { AppContext } from '../context.ts';
import { ApiProblem } from '../http/problem.ts';
import { reply, type Routes } from '../http/route.ts';
import { AcceptQuerySchema, DrawRequestSchema, HistoryQuerySchema, HistorySchema, LineViewSchema, RepayRequestSchema, TransactionResultSchema } from '../lines/schemas.ts';
import { MerchantOfferSchema } from '../offers/merchant-offer.ts';
import { MerchantParamsSchema } from '../reviews/schemas.ts';

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  required: true,
  description: 'a fresh key per draw or repayment (e.g. a UUID); a retry with the same key and body returns the first result',
  schema: z.string().min(8, 'at least 8 characters').max(128, 'at most 128 characters').regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'),
};

/** The caller may act for this merchant; anyone else is told it does not exist. */
function forMerchant(principal: Claims, merchantId: string): void {
  if (principal.role === 'merchant' && principal.merchant_id !== merchantId) throw new ApiProblem(404, `no merchant ${merchantId}`, { field: 'merchant_id' });
}

export function merchantRoutes(routes: Routes, context: AppContext): void {
  const base = '/api/v1/merchants/:merchant_id';

  routes.add(
    {
      method: 'get',
      path: `${base}/offer`,
      tag: 'merchants',
      summary: "the merchant's current offer: line, rate, instalments, expiry and reasons — or why not and what would change it",
      roles: ['merchant', 'officer', 'admin'],
      params: MerchantParamsSchema,
      responses: { 200: { description: 'the latest offer or decline', schema: MerchantOfferSchema }, 404: { description: 'no such merchant, or no offer yet' } },
    },
    (c, { params, principal }) => {
      forMerchant(principal, params.merchant_id);
      const json = context.offers.json(params.merchant_id);
      if (json === undefined) throw new ApiProblem(404, `no offer for ${params.merchant_id}`, { field: 'merchant_id' });
      return c.body(json, 200, { 'content-type': 'application/json' });
    },
  );

  routes.add(
    {
      method: 'post',
      path: `${base}/offer/accept`,
      tag: 'merchants',
      summary: 'accept the current offer: the line opens at its figures, repaid in instalments or by holdback (?repayment=); on a line already open, its limit changes to the new offer (balance owed + its line) at its rate',
      roles: ['merchant'],
      params: MerchantParamsSchema,
      query: AcceptQuerySchema,
      responses: { 201: { description: 'the open line (opened, or its limit changed)', schema: LineViewSchema }, 409: { description: 'not an offer, declined on review, already accepted, expired, or the line is frozen or defaulted' } },
    },
    async (c, { params, query, principal }) => {
      forMerchant(principal, params.merchant_id);
      return reply(c, LineViewSchema, await context.ledger.accept(params.merchant_id, query.repayment), 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: `${base}/line`,
      tag: 'merchants',
      summary: "the open line: limit, balance, available, and the notice of monitoring's action in force on it (what changed, why and what the merchant can do, in their words)",
      roles: ['merchant', 'officer', 'admin'],
      params: MerchantParamsSchema,
      responses: { 200: { description: 'the line', schema: LineViewSchema }, 404: { description: 'no open line' } },
    },
    async (c, { params, principal }) => {
      forMerchant(principal, params.merchant_id);
      const line = await context.ledger.line(params.merchant_id);
      if (!line) throw new ApiProblem(404, `${params.merchant_id} has no open line: accept the offer first`, { field: 'merchant_id' });
      return reply(c, LineViewSchema, line);
    },
  );

  routes.add(
    {
      method: 'get',
      path: `${base}/line/transactions`,
      tag: 'merchants',
      summary: 'draws and repayments on the line, oldest first (newest first with order=desc), a page at a time',
      roles: ['merchant', 'officer', 'admin'],
      params: MerchantParamsSchema,
      query: HistoryQuerySchema,
      responses: { 200: { description: 'the line and a page of its history', schema: HistorySchema } },
    },
    async (c, { params, query, principal }) => {
      forMerchant(principal, params.merchant_id);
      const line = await context.ledger.line(params.merchant_id);
      if (!line) throw new ApiProblem(404, `${params.merchant_id} has no open line`, { field: 'merchant_id' });
      const page = await context.ledger.history(params.merchant_id, query.limit, query.cursor ? Number(query.cursor) : null, query.order);
      return reply(c, HistorySchema, { line, transactions: page.transactions, next_cursor: page.next });
    },
  );

  for (const kind of ['draw', 'repayment'] as const) {
    const body = kind === 'draw' ? DrawRequestSchema : RepayRequestSchema;
    routes.add(
      {
        method: 'post',
        path: `${base}/line/${kind}s`,
        tag: 'merchants',
        summary: kind === 'draw' ? 'draw on the line (never past it), in 2 to 24 instalments (none on a holdback line)' : 'repay part or all of the balance',
        roles: ['merchant'],
        params: MerchantParamsSchema,
        headers: [IDEMPOTENCY_KEY],
        body,
        responses: {
          201: { description: `the ${kind} and the line after it`, schema: TransactionResultSchema },
          200: { description: 'a replay: the first result of this Idempotency-Key', schema: TransactionResultSchema },
          409: { description: kind === 'draw' ? 'it would pass the line, or no line is open' : 'no line is open' },
        },
      },
      async (c, { params, principal, body: request, headers }) => {
        forMerchant(principal, params.merchant_id);
        const amount = (request as { amount_fen: number }).amount_fen;
        const instalments = kind === 'draw' ? ((request as { instalments?: number }).instalments ?? null) : null;
        const result = await context.ledger.move(params.merchant_id, { kind, amount_fen: amount, instalments, idempotencyKey: headers['idempotency-key']!, canonicalBody: JSON.stringify(request) });
        if (result.replayed) c.header('Idempotent-Replayed', 'true');
        return reply(c, TransactionResultSchema, { line: result.line, transaction: result.transaction }, result.replayed ? 200 : 201);
      },
    );
  }
}
