/** A warehouse whose audit log and jobs predate line actions and monitoring is rebuilt, keeping its rows. */
import { describe, expect, it } from 'vitest';
import { Database } from '../engine/db/index.ts';
import { ensureApiTables } from './tables.ts';

describe('ensureApiTables', () => {
  it('rebuilds an older audit_log and jobs under the current declarations', async () => {
    const db = await Database.open(':memory:');
    await db.run(`CREATE TABLE audit_log (audit_id VARCHAR PRIMARY KEY, recorded_at TIMESTAMP NOT NULL, actor VARCHAR NOT NULL,
      action VARCHAR NOT NULL CHECK (action IN ('approve', 'adjust', 'decline')), merchant_id VARCHAR NOT NULL, as_of_date DATE NOT NULL,
      line_before_fen BIGINT, line_after_fen BIGINT, reason VARCHAR, request_id VARCHAR NOT NULL)`);
    await db.run(`INSERT INTO audit_log VALUES ('A1', TIMESTAMP '2024-01-01 10:00:00', 'ann', 'approve', 'M00000001', DATE '2024-01-01', 100, 100, NULL, 'r1')`);
    await ensureApiTables(db);
    await db.run(`INSERT INTO audit_log (audit_id, recorded_at, actor, action, merchant_id, as_of_date, line_before_fen, line_after_fen, reason, request_id, line_id)
      VALUES ('A2', TIMESTAMP '2024-02-01 10:00:00', 'ann', 'contact', 'M00000001', DATE '2024-02-01', NULL, NULL, 'called the owner', 'r2', 'L1')`);
    expect(await db.all('SELECT audit_id, action, line_id FROM audit_log ORDER BY audit_id')).toEqual([
      { audit_id: 'A1', action: 'approve', line_id: null },
      { audit_id: 'A2', action: 'contact', line_id: 'L1' },
    ]);
    await expect(db.run(`INSERT INTO audit_log (audit_id, recorded_at, actor, action, merchant_id, as_of_date, request_id, line_id)
      VALUES ('A3', TIMESTAMP '2024-02-01 10:00:00', 'ann', 'shout', 'M00000001', DATE '2024-02-01', 'r3', NULL)`)).rejects.toThrow(/CHECK/i);
    // A current table is left as it is.
    await ensureApiTables(db);
    expect(Number((await db.one<{ n: bigint }>('SELECT count(*) AS n FROM audit_log'))!.n)).toBe(2);
    db.close();
  });
});
