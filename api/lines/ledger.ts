/**
 * A merchant's Easy Loan line: accept the latest offer (the line opens), draw and repay. Writes
 * for one merchant run one at a time in this process, and each checks the limit inside the
 * same DuckDB transaction that moves the balance, so no two draws can together pass the line.
 * Every draw and repayment carries the client's Idempotency-Key: the same key with the same
 * body returns the first result; with another body it is refused.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Database } from '../../engine/db/index.ts';
import type { CreditLine, LineTransaction } from '../../engine/schema/credit-line.ts';
import { cstTimestamp, sortableId } from '../../engine/db/index.ts';
import { KeyedMutex } from '../http/keyed-mutex.ts';
import { writeOnce } from '../http/write.ts';
import type { BusinessDate } from '../offers/business-date.ts';
import { LOST_RACE, offerConflict, offerState } from '../offers/offer-state.ts';
import { ApiProblem } from '../http/problem.ts';
import type { OfferIndex } from '../offers/offer-index.ts';
import { monthlyRepaymentFen } from '../../engine/credit/index.ts';
import type { LineView, TransactionView } from './schemas.ts';

export interface Movement {
  kind: 'draw' | 'repayment';
  amount_fen: number;
  instalments: number | null;
  idempotencyKey: string;
  /** The validated request, as canonical JSON, hashed to recognise a replay. */
  canonicalBody: string;
}

export interface MovementResult {
  line: LineView;
  transaction: TransactionView;
  replayed: boolean;
}

export class Ledger {
  private readonly locks = new KeyedMutex();

  constructor(private readonly db: Database, private readonly offers: OfferIndex, private readonly today: BusinessDate) {}

  /** The merchant's open line, or null. */
  async line(merchantId: string, db: Database = this.db): Promise<LineView | null> {
    const row = await db.one<CreditLine>(
      `SELECT line_id, merchant_id, CAST(offer_as_of_date AS VARCHAR) AS offer_as_of_date, line_fen, annual_rate, balance_fen, status,
              strftime(opened_at, '%Y-%m-%d %H:%M:%S') AS opened_at
       FROM credit_lines WHERE merchant_id = $merchant_id AND status = 'open'`,
      { merchant_id: merchantId },
    );
    return row ? { ...row, available_fen: row.line_fen - row.balance_fen } : null;
  }

  /**
   * A page of the merchant's movements, oldest or newest first. The cursor is the last row's
   * place in time order, so movements recorded while someone pages newest first land before
   * the first page, never shifting the pages after it.
   */
  async history(merchantId: string, limit: number, cursor: number | null, order: 'asc' | 'desc' = 'asc'): Promise<{ transactions: TransactionView[]; next: string | null }> {
    const rows = await this.db.all<TransactionView & { seq: number }>(
      `SELECT ${TRANSACTION_COLUMNS}, row_number() OVER (ORDER BY transaction_id) AS seq
       FROM line_transactions WHERE merchant_id = $merchant_id
       QUALIFY CASE WHEN $newest_first THEN $after IS NULL OR seq < $after ELSE seq > coalesce($after, 0) END
       ORDER BY CASE WHEN $newest_first THEN -seq ELSE seq END LIMIT $limit`,
      { merchant_id: merchantId, after: cursor, newest_first: order === 'desc', limit: limit + 1 },
    );
    const page = rows.slice(0, limit);
    return { transactions: page.map(({ seq: _, ...t }) => t), next: rows.length > limit ? String(page[page.length - 1].seq) : null };
  }

  /**
   * Opens a line at the latest offer's figures (once per merchant): the offer's state is read
   * and changed in one transaction, so an officer's decision committed first is what counts —
   * a declined offer opens nothing, an adjusted one opens exactly the adjusted line — and a
   * decision racing this one makes one of the two a 409.
   */
  async accept(merchantId: string): Promise<LineView> {
    return this.locks.run(merchantId, async () => {
      const today = this.today();
      const line = await writeOnce(
        this.db,
        async (tx) => {
          const offer = await offerState(tx, merchantId);
          if (!offer) throw new ApiProblem(404, `no offer for ${merchantId}`, { field: 'merchant_id' });
          const refuse = (detail: string) => new ApiProblem(409, detail, { current: { ...offer } });
          if (offer.outcome !== 'offer' || offer.line_fen === null || offer.annual_rate === null) {
            throw refuse('the latest assessment is not an offer: see GET .../offer for why and what would change it');
          }
          if (offer.status === 'rejected') throw refuse('this offer was declined on review by a credit officer');
          if (offer.status === 'accepted') throw refuse('this offer has already been accepted');
          if (offer.expires_on !== null && offer.expires_on < today) throw refuse(`this offer expired on ${offer.expires_on} (today is ${today}); a new one comes with the next offers run`);
          const open = await this.line(merchantId, tx);
          if (open) throw refuse(`a line is already open (${open.line_id}); draw on it`);
          const opened: CreditLine = {
            line_id: `L${randomUUID().replaceAll('-', '').slice(0, 20)}`,
            merchant_id: merchantId,
            offer_as_of_date: offer.as_of_date,
            line_fen: offer.line_fen,
            annual_rate: offer.annual_rate,
            balance_fen: 0,
            status: 'open',
            opened_at: cstTimestamp(),
          };
          const changed = await tx.run(
            `UPDATE offers SET status = 'accepted' WHERE merchant_id = $merchant_id AND as_of_date = CAST($as_of_date AS DATE) AND status = $status`,
            { merchant_id: merchantId, as_of_date: offer.as_of_date, status: offer.status },
          );
          if (changed !== 1) throw refuse(LOST_RACE);
          await tx.run(
            `INSERT INTO credit_lines VALUES ($line_id, $merchant_id, CAST($offer_as_of_date AS DATE), $line_fen, $annual_rate, $balance_fen, $status, CAST($opened_at AS TIMESTAMP))`,
            { ...opened },
          );
          return opened;
        },
        () => offerConflict(this.db, merchantId, LOST_RACE),
      );
      await this.offers.refresh(this.db, merchantId);
      return { ...line, available_fen: line.line_fen };
    });
  }

  async move(merchantId: string, movement: Movement): Promise<MovementResult> {
    const requestHash = createHash('sha256').update(`${movement.kind}\n${movement.canonicalBody}`).digest('hex');
    return this.locks.run(merchantId, async () => {
      const earlier = await this.db.one<TransactionView & { request_hash: string }>(
        `SELECT ${TRANSACTION_COLUMNS}, request_hash FROM line_transactions WHERE merchant_id = $merchant_id AND idempotency_key = $key`,
        { merchant_id: merchantId, key: movement.idempotencyKey },
      );
      if (earlier) {
        if (earlier.request_hash !== requestHash) {
          throw new ApiProblem(422, 'this Idempotency-Key was used for a different request; use a new key for a new draw or repayment', { field: 'Idempotency-Key' });
        }
        const { request_hash: _, ...transaction } = earlier;
        // The first result as it was: a line's limit and rate never change once open, and the
        // balance it left is stored with the transaction.
        const line = (await this.line(merchantId))!;
        return { line: { ...line, balance_fen: transaction.balance_after_fen, available_fen: line.line_fen - transaction.balance_after_fen }, transaction, replayed: true };
      }
      return writeOnce(this.db, async (tx) => {
        const line = await this.line(merchantId, tx);
        if (!line) throw new ApiProblem(409, 'no open line: accept your offer first (POST .../offer/accept)');
        const balance = movement.kind === 'draw' ? line.balance_fen + movement.amount_fen : line.balance_fen - movement.amount_fen;
        if (balance > line.line_fen) {
          throw new ApiProblem(409, `a draw of ${movement.amount_fen} fen would pass the line: ${line.available_fen} fen is available`, { field: 'amount_fen' });
        }
        if (balance < 0) throw new ApiProblem(422, `a repayment of ${movement.amount_fen} fen is more than the ${line.balance_fen} fen owed`, { field: 'amount_fen' });
        const transaction: LineTransaction = {
          transaction_id: sortableId('T'),
          line_id: line.line_id,
          merchant_id: merchantId,
          kind: movement.kind,
          amount_fen: movement.amount_fen,
          instalments: movement.instalments,
          monthly_repayment_fen: movement.instalments === null ? null : monthlyRepaymentFen(movement.amount_fen, line.annual_rate, movement.instalments),
          balance_after_fen: balance,
          idempotency_key: movement.idempotencyKey,
          request_hash: requestHash,
          created_at: cstTimestamp(),
        };
        await tx.run(
          `INSERT INTO line_transactions VALUES ($transaction_id, $line_id, $merchant_id, $kind, $amount_fen, $instalments, $monthly_repayment_fen,
             $balance_after_fen, $idempotency_key, $request_hash, CAST($created_at AS TIMESTAMP))`,
          { ...transaction },
        );
        await tx.run('UPDATE credit_lines SET balance_fen = $balance WHERE line_id = $line_id', { balance, line_id: line.line_id });
        const { request_hash: _, ...view } = transaction;
        return { line: { ...line, balance_fen: balance, available_fen: line.line_fen - balance }, transaction: view, replayed: false };
      }, () => new ApiProblem(409, 'the line changed at the same moment (another draw or repayment); retry with the same Idempotency-Key'));
    });
  }
}

const TRANSACTION_COLUMNS = `transaction_id, line_id, merchant_id, kind, amount_fen, instalments, monthly_repayment_fen, balance_after_fen,
  idempotency_key, strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at`;
