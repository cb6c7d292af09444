/**
 * Test helper: six cafés with 127 days of turnover around a monitoring date and an Easy Loan
 * line each (through the ledger's writer), every one shaped to call for one action: none,
 * freeze (a 70% fall), reduce (13 closed days), watch (a high PD), unfreeze (frozen by
 * monitoring, quiet again) and a raise (low PD, well used). Scores are under model 'm1'.
 */
import { addDays } from '../../../engine/calendar/days.ts';
import type { Database } from '../../../engine/db/index.ts';
import { createTableSql, DAILY_TURNOVER } from '../../../engine/warehouse/index.ts';
import { ensureScoreTables } from '../../../models/index.ts';
import { appendLineEvents } from '../../lines/append-events.ts';
import { ensureWarehouse } from '../../warehouse.ts';

/** The monitoring date the lines are shaped for. */
export const MONITOR_AS_OF = '2024-06-01';
const DAY_FEN = 100_000;

/** Merchant n's turnover on day offset d before the as-of date (1 = the eve), or null when closed. */
const SHAPES: Record<number, (d: number) => number | null> = {
  1: () => DAY_FEN,
  2: (d) => (d <= 28 ? DAY_FEN * 0.3 : DAY_FEN),
  3: (d) => (d <= 28 && d % 2 === 0 && d <= 26 ? null : DAY_FEN),
  4: () => DAY_FEN,
  5: () => DAY_FEN,
  6: () => DAY_FEN,
};

export async function buildMonitoringFixture(db: Database): Promise<void> {
  await ensureWarehouse(db);
  await ensureScoreTables(db);
  await db.run(createTableSql(DAILY_TURNOVER));
  for (let n = 1; n <= 6; n++) {
    const id = `M0000000${n}`;
    await db.run(`INSERT INTO merchants VALUES ($id, 'cafe', 'capillary', 1, 'A', DATE '2022-01-01', 'active', NULL, $n, 0)`, { id, n });
    for (let d = -7; d <= 120; d++) {
      const fen = SHAPES[n](d);
      if (fen === null) continue;
      const sql = `INSERT INTO daily_turnover BY NAME SELECT ${DAILY_TURNOVER.declared
        .map((c) => `${({ merchant_key: '$n', turnover_date: 'CAST($day AS DATE)', gross_fen: '$fen', net_fen: '$fen', n_payments: '100', days_since_prev_active: 'NULL' } as Record<string, string>)[c.name] ?? '0'} AS ${c.name}`)
        .join(', ')}`;
      await db.run(sql, { n, day: addDays(MONITOR_AS_OF, -d), fen });
    }
    const line_id = `L-${n}`;
    await appendLineEvents(db, {
      line_id, merchant_id: id, business_date: '2023-11-01', source: 'api',
      events: [
        { event_type: 'accepted', amount_fen: 10_000_000, annual_rate: 0.12, repayment: 'instalments' },
        { event_type: 'drawn', amount_fen: n === 6 ? 7_000_000 : 3_000_000, instalments: 12, annual_rate: 0.12, repayment: 'instalments' },
      ],
    });
    if (n === 5) {
      await appendLineEvents(db, { line_id, merchant_id: id, business_date: '2024-04-01', source: 'monitoring', events: [{ event_type: 'frozen', amount_fen: 0, reason: 'closed_days=20' }] });
    }
    const pd = n === 4 ? 0.1 : n === 6 ? 0.01 : 0.03;
    await db.run(`INSERT INTO scores VALUES ($id, DATE '2024-05-01', 'm1', $pd, NULL, 'r1')`, { id, pd });
  }
}
