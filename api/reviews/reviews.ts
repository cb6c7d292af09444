/**
 * The credit officers' desk: the queue of suggested lines, one offer's full explanation with its
 * turnover, and decisions — approve, adjust the line, decline — each written with its audit
 * entry in one transaction. The audit log is only ever inserted into.
 */
import { z } from 'zod';
import { explainForOfficer } from '../../engine/credit/index.ts';
import type { Database } from '../../engine/db/index.ts';
import type { AuditEntry } from '../../engine/schema/audit-entry.ts';
import { changeOfferStatus, latestOfferRow, offersQueue } from '../../pipelines/offers/index.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { cstTimestamp, sortableId } from '../../engine/db/index.ts';
import { KeyedMutex } from '../http/keyed-mutex.ts';
import { writeOnce } from '../http/write.ts';
import { LOST_RACE, offerConflict } from '../offers/offer-state.ts';
import { ApiProblem } from '../http/problem.ts';
import { rebuildDecision } from '../offers/offer-decision.ts';
import type { OfferIndex } from '../offers/offer-index.ts';
import { AUDIT_COLUMNS, insertAudit } from './audit-log.ts';
import type { AuditQuerySchema, DecisionRequestSchema, QueueItem, QueueQuerySchema, ReviewSchema } from './schemas.ts';

export class Reviews {
  private readonly locks = new KeyedMutex();

  constructor(private readonly db: Database, private readonly offers: OfferIndex) {}

  async queue(query: z.infer<typeof QueueQuerySchema>): Promise<{ items: QueueItem[]; next_cursor: string | null }> {
    const numeric = query.sort !== 'merchant_id';
    const after = query.cursor ? decodeCursor(query.cursor, 'cursor') : null;
    if (after && typeof after.value !== (numeric ? 'number' : 'string')) throw new ApiProblem(422, 'cursor: it belongs to another sort order', { field: 'query.cursor' });
    const { sort, order, cursor: _, limit, ...filters } = query;
    const rows = await offersQueue(this.db, {
      sort: { column: sort, as: numeric ? 'number' : 'text', order },
      filters,
      after: after ? { value: after.value as number | string, id: after.id } : null,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next = rows.length > limit ? encodeCursor({ value: last.sort_value, id: last.offer.merchant_id }) : null;
    return { items: page.map((r) => r.offer as QueueItem), next_cursor: next };
  }

  async review(merchantId: string): Promise<z.input<typeof ReviewSchema>> {
    const row = await latestOfferRow(this.db, merchantId);
    if (!row) throw new ApiProblem(404, `no offer for ${merchantId}`, { field: 'merchant_id' });
    const decision = rebuildDecision(row, await this.offers.policies.get(this.db, row.run_id));
    const turnover = await this.db.all<{ turnover_date: string; net_fen: number; n_payments: number }>(
      `SELECT CAST(turnover_date AS VARCHAR) AS turnover_date, net_fen, n_payments FROM daily_turnover
       WHERE merchant_key = (SELECT merchant_key FROM merchants WHERE merchant_id = $merchant_id) AND turnover_date < CAST($as_of AS DATE) AND turnover_date >= CAST($as_of AS DATE) - INTERVAL 365 DAY
       ORDER BY turnover_date`,
      { merchant_id: merchantId, as_of: row.as_of_date },
    ).catch(() => []);
    const audit = await this.db.all<AuditEntry>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE merchant_id = $merchant_id ORDER BY audit_id`, { merchant_id: merchantId });
    return { offer: row, decision, explanation: explainForOfficer(decision), turnover, audit };
  }

  /**
   * Approve, adjust or decline the latest offer, with its audit entry, in one transaction that
   * reads the offer's state itself: a merchant's acceptance committed first wins (409 here), and
   * a race between the two makes the later one a 409.
   */
  async decide(merchantId: string, request: z.infer<typeof DecisionRequestSchema>, actor: string, requestId: string): Promise<AuditEntry> {
    return this.locks.run(merchantId, async () => {
      const entry = await writeOnce(
        this.db,
        async (tx) => {
          const row = await latestOfferRow(tx, merchantId);
          if (!row) throw new ApiProblem(404, `no offer for ${merchantId}`, { field: 'merchant_id' });
          const current = { status: row.status, line_fen: row.line_fen, as_of_date: row.as_of_date, expires_on: row.expires_on };
          if (row.outcome !== 'offer' || row.line_fen === null) throw new ApiProblem(409, `the policy declined ${merchantId} (${row.declined_rules}); there is no line to decide on`, { current });
          if (row.status === 'accepted') throw new ApiProblem(409, 'the merchant has already accepted this offer; it can no longer be changed', { current });
          const policyDecision = rebuildDecision(row, await this.offers.policies.get(this.db, row.run_id));
          const ceiling = policyDecision.outcome === 'offer' ? policyDecision.line_fen : row.line_fen;
          if (request.action === 'adjust' && request.line_fen! > ceiling) {
            throw new ApiProblem(422, `line_fen: an adjustment may lower the policy's line of ${ceiling} fen, not raise it`, { field: 'line_fen' });
          }
          const after = request.action === 'adjust' ? request.line_fen! : request.action === 'approve' ? row.line_fen : null;
          const now = cstTimestamp();
          const entry: AuditEntry = {
            audit_id: sortableId('A'),
            recorded_at: now,
            actor,
            action: request.action,
            merchant_id: merchantId,
            as_of_date: row.as_of_date,
            line_before_fen: row.line_fen,
            line_after_fen: after,
            reason: request.reason ?? null,
            request_id: requestId,
            line_id: null,
          };
          const changed = await changeOfferStatus(tx, {
            merchant_id: merchantId,
            as_of_date: row.as_of_date,
            from: row.status,
            to: request.action === 'decline' ? 'rejected' : 'approved',
            decision: { decided_by: actor, decided_at: now, officer_note: request.reason ?? null, line_fen: request.action === 'adjust' ? request.line_fen! : null },
          });
          if (!changed) throw await offerConflict(this.db, merchantId, LOST_RACE);
          await insertAudit(tx, entry);
          return entry;
        },
        () => offerConflict(this.db, merchantId, LOST_RACE),
      );
      await this.offers.refresh(this.db, merchantId);
      return entry;
    });
  }

  async audit(query: z.infer<typeof AuditQuerySchema>): Promise<{ items: AuditEntry[]; next_cursor: string | null }> {
    const after = query.cursor ? decodeCursor(query.cursor, 'cursor') : null;
    const rows = await this.db.all<AuditEntry>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log
       WHERE ($merchant_id IS NULL OR merchant_id = $merchant_id) AND ($actor IS NULL OR actor = $actor) AND ($action IS NULL OR action = $action)
         AND ($from IS NULL OR recorded_at >= CAST($from AS DATE)) AND ($to IS NULL OR recorded_at < CAST($to AS DATE) + INTERVAL 1 DAY)
         AND ($after_id IS NULL OR audit_id > $after_id)
       ORDER BY audit_id LIMIT $limit`,
      {
        merchant_id: query.merchant_id ?? null,
        actor: query.actor ?? null,
        action: query.action ?? null,
        from: query.from ?? null,
        to: query.to ?? null,
        after_id: after?.id ?? null,
        limit: query.limit + 1,
      },
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page, next_cursor: rows.length > query.limit ? encodeCursor({ value: last.recorded_at, id: last.audit_id }) : null };
  }

}
