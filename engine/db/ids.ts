/**
 * Ids that sort in the order they were made (milliseconds, then a counter, then randomness), so
 * that "oldest first" is simply "by id" even within one second of the recorded time.
 */
import { randomUUID } from 'node:crypto';

let sequence = 0;

export function sortableId(prefix: string): string {
  sequence = (sequence + 1) % 10_000;
  return `${prefix}${String(Date.now()).padStart(15, '0')}${String(sequence).padStart(4, '0')}${randomUUID().slice(0, 8)}`;
}
