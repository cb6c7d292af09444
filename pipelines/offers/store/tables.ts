/** The offers table itself: its name, its creation beside `offer_runs`, and whether a warehouse has it yet. */
import type { Database } from '../../../engine/db/index.ts';
import { ensureTables, OFFER_RUNS, OFFERS } from '../../../engine/warehouse/index.ts';

export const OFFERS_TABLE = OFFERS.name;

export async function ensureOfferTables(db: Database): Promise<void> {
  await ensureTables(db, [OFFERS, OFFER_RUNS]);
  // Offers written before policies' rules could read features had none.
  await db.run(`ALTER TABLE ${OFFERS_TABLE} ADD COLUMN IF NOT EXISTS rule_inputs VARCHAR DEFAULT '{}'`);
}

/** Whether offers were ever sized in this warehouse (a fresh one has no table yet). */
export function offersExist(db: Database): Promise<boolean> {
  return db.exists(OFFERS_TABLE);
}
