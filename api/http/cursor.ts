/** Keyset cursors: the last row's sort value and id, as opaque base64url text. */
import { ApiProblem } from './problem.ts';

export interface Cursor {
  value: string | number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string, field: string): Cursor {
  try {
    const [value, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    // Bounded so that no cursor, however made, reaches the database as a value it cannot hold.
    const fits = (typeof value === 'string' && value.length <= 64) || (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e15);
    if (fits && typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id)) return { value, id };
  } catch {
    // fall through to the problem below
  }
  throw new ApiProblem(422, `${field}: not a cursor this API gave out (use next_cursor as it came)`, { field: `query.${field}` });
}
