/**
 * One state change, one transaction, on a connection of its own (so reads elsewhere never see
 * it half done). DuckDB's concurrency is optimistic: when two transactions change the same row,
 * the second fails ("Conflict on update"), even while the first has not committed. The loser
 * tries again a few times (Database.transactionRetried): the retry reads what the winner
 * committed and answers from it (an offer declined meanwhile is a 409 that says so and carries
 * the declined offer). A winner still uncommitted through every try makes `lost()` the answer
 * (409: read the current state and retry) — never a 500.
 *
 * @example
 *   await writeOnce(db, async (tx) => { await changeOfferStatus(tx, change); }, () => new ApiProblem(409, 'the offer changed meanwhile'));
 */
import { isWriteConflict, type Database } from '../../engine/db/index.ts';
import { ApiProblem } from './problem.ts';

/** Tries of one state change before the race counts as lost. */
const TRIES = 6;

export async function writeOnce<T>(db: Database, work: (tx: Database) => Promise<T>, lost: () => Promise<ApiProblem> | ApiProblem): Promise<T> {
  try {
    return await db.transactionRetried(work, TRIES);
  } catch (error) {
    if (isWriteConflict(error)) throw await lost();
    throw error;
  }
}
