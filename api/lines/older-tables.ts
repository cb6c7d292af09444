/**
 * A warehouse served before the one ledger kept the API's lines in `credit_lines` and
 * `line_transactions`. On start they are moved into `line_events` through the ledger's writer
 * (each line's acceptance, draws and repayments on the business day they were recorded, with
 * their original stamps; a closed line closed), their Idempotency-Keys into `line_requests`, and
 * the two tables dropped — in one transaction, so a warehouse is either moved whole or not at all.
 * The old store did not split repayments, so their interest is 0.
 */
import type { Database } from '../../engine/db/index.ts';
import { appendToLine, type NewLineEvent } from '../../pipelines/lines/append-events.ts';

interface OldLine {
  line_id: string;
  merchant_id: string;
  offer_as_of_date: string;
  line_fen: number;
  annual_rate: number;
  status: 'open' | 'closed';
  opened_at: string;
}

interface OldTransaction {
  line_id: string;
  kind: 'draw' | 'repayment';
  amount_fen: number;
  instalments: number | null;
  idempotency_key: string;
  request_hash: string;
  created_at: string;
}

export async function moveOlderLineTables(db: Database): Promise<number> {
  if (!(await db.exists('credit_lines'))) return 0;
  return db.transaction(async (tx) => {
    const lines = await tx.all<OldLine & Record<string, unknown>>(
      `SELECT line_id, merchant_id, CAST(offer_as_of_date AS VARCHAR) AS offer_as_of_date, line_fen, annual_rate, CAST(status AS VARCHAR) AS status,
              strftime(opened_at, '%Y-%m-%d %H:%M:%S') AS opened_at
       FROM credit_lines ORDER BY opened_at, line_id`,
    );
    const moves = (await tx.exists('line_transactions'))
      ? await tx.all<OldTransaction & Record<string, unknown>>(
        `SELECT line_id, CAST(kind AS VARCHAR) AS kind, amount_fen, instalments, idempotency_key, request_hash,
                strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at
         FROM line_transactions ORDER BY transaction_id`,
      )
      : [];
    for (const line of lines) {
      const append = (recorded_at: string, event: NewLineEvent) =>
        appendToLine(tx, { line_id: line.line_id, merchant_id: line.merchant_id, business_date: recorded_at.slice(0, 10), source: 'api', recorded_at, events: [event] });
      await append(line.opened_at, { event_type: 'accepted', amount_fen: line.line_fen, annual_rate: line.annual_rate, reason: `offer of ${line.offer_as_of_date}` });
      let last = line.opened_at;
      for (const move of moves.filter((m) => m.line_id === line.line_id)) {
        const event: NewLineEvent = move.kind === 'draw'
          ? { event_type: 'drawn', amount_fen: move.amount_fen, instalments: move.instalments, annual_rate: line.annual_rate }
          : { event_type: 'repaid', amount_fen: move.amount_fen };
        const { events } = await append(move.created_at, event);
        await tx.run('INSERT INTO line_requests VALUES ($merchant_id, $key, $hash, $event_id)', {
          merchant_id: line.merchant_id, key: move.idempotency_key, hash: move.request_hash, event_id: events[0].event_id,
        });
        last = move.created_at;
      }
      if (line.status === 'closed') await append(last, { event_type: 'closed', amount_fen: 0, reason: 'closed before the one ledger' });
    }
    await tx.run('DROP TABLE IF EXISTS line_transactions');
    await tx.run('DROP TABLE credit_lines');
    return lines.length;
  });
}
