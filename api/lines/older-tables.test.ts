/** A warehouse served before the one ledger: its credit_lines and line_transactions move into line_events once, keys and all. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { merchantLines } from '../../pipelines/lines/line-events.ts';
import { ensureApiTables } from '../tables.ts';

let db: Database;
beforeAll(async () => {
  db = await Database.open(':memory:');
  // The two tables as the contract declared them before the one ledger.
  await db.run(`CREATE TABLE credit_lines (line_id VARCHAR PRIMARY KEY, merchant_id VARCHAR NOT NULL, offer_as_of_date DATE NOT NULL, line_fen BIGINT NOT NULL,
    annual_rate DOUBLE NOT NULL, balance_fen BIGINT NOT NULL, status VARCHAR NOT NULL, opened_at TIMESTAMP NOT NULL)`);
  await db.run(`CREATE TABLE line_transactions (transaction_id VARCHAR PRIMARY KEY, line_id VARCHAR NOT NULL, merchant_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    amount_fen BIGINT NOT NULL, instalments INTEGER, monthly_repayment_fen BIGINT, balance_after_fen BIGINT NOT NULL, idempotency_key VARCHAR NOT NULL,
    request_hash VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)`);
  await db.run(`INSERT INTO credit_lines VALUES
    ('LOLD1', 'M00000001', DATE '2025-01-01', 500000, 0.12, 150000, 'open', TIMESTAMP '2025-01-05 10:00:00'),
    ('LOLD2', 'M00000002', DATE '2025-01-01', 300000, 0.10, 0, 'closed', TIMESTAMP '2025-01-06 09:00:00')`);
  const hash = 'a'.repeat(64);
  await db.run(`INSERT INTO line_transactions VALUES
    ('T1', 'LOLD1', 'M00000001', 'draw', 200000, 6, 35000, 200000, 'key-1', '${hash}', TIMESTAMP '2025-01-05 10:05:00'),
    ('T2', 'LOLD1', 'M00000001', 'repayment', 50000, NULL, NULL, 150000, 'key-2', '${hash}', TIMESTAMP '2025-01-09 08:00:00')`);
  await ensureApiTables(db);
  await ensureApiTables(db); // a second start finds nothing left to move
});
afterAll(() => db.close());

describe('moving the older line tables into the ledger', () => {
  it('replays each line’s acceptance, draws and repayments on their days, with their stamps, a closed line closed', async () => {
    const [first] = await merchantLines(db, 'M00000001');
    expect(first.events.map((e) => [e.event_type, e.business_date, e.amount_fen, e.balance_fen, e.source, e.recorded_at])).toEqual([
      ['accepted', '2025-01-05', 500000, 0, 'api', '2025-01-05 10:00:00.000'],
      ['drawn', '2025-01-05', 200000, 200000, 'api', '2025-01-05 10:05:00.000'],
      ['repaid', '2025-01-09', 50000, 150000, 'api', '2025-01-09 08:00:00.000'],
    ]);
    expect(first.state).toMatchObject({ status: 'open', limit_fen: 500000, balance_fen: 150000 });
    const [second] = await merchantLines(db, 'M00000002');
    expect(second.state.status).toBe('closed');
  });

  it('keeps the Idempotency-Keys against the events they wrote, and drops the older tables', async () => {
    const keys = await db.all(`SELECT r.idempotency_key, CAST(e.event_type AS VARCHAR) AS event_type FROM line_requests AS r JOIN line_events AS e USING (event_id) ORDER BY 1`);
    expect(keys).toEqual([{ idempotency_key: 'key-1', event_type: 'drawn' }, { idempotency_key: 'key-2', event_type: 'repaid' }]);
    expect(await db.exists('credit_lines')).toBe(false);
    expect(await db.exists('line_transactions')).toBe(false);
    expect((await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM line_events'))!.n).toBe(5);
  });
});
