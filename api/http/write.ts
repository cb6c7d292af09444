/**
 * One state change, one transaction, on a connection of its own (so reads elsewhere never see
 * it half done). DuckDB's concurrency is optimistic: when two transactions change the same row,
 * the one that comes second fails ("Conflict on update", a TransactionContext error). That is
 * the other side having won the race, so it answers 409 — read the current state and retry —
 * never a 500.
 *
 * @example
 *   await writeOnce(db, async (tx) => { await tx.run('UPDATE offers ...'); }, () => 'the offer changed meanwhile');
 */
import { isWriteConflict, type Database } from '../../engine/db/index.ts';
import { ApiProblem } from './problem.ts';

export async function writeOnce<T>(db: Database, work: (tx: Database) => Promise<T>, lost: () => Promise<ApiProblem> | ApiProblem): Promise<T> {
  const connection = await db.connect();
  try {
    return await connection.transaction(work);
  } catch (error) {
    if (isWriteConflict(error)) throw await lost();
    throw error;
  } finally {
    connection.close();
  }
}
