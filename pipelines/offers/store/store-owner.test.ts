/**
 * The offers store owns every query on `offers`: no code outside pipelines/offers/store names the
 * table in SQL — not a page, a route, a command, a pipeline step or a benchmark. Tests are left
 * out of the scan: they read and rig the table directly to check the store from outside.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const store = fileURLToPath(new URL('.', import.meta.url));
const FOLDERS = ['engine', 'pipelines', 'models', 'api', 'bin', 'bench', 'notebooks'];

/** SQL naming the table: a clause before it, its declared name spliced in, or it asked for by name. */
const NAMES_OFFERS = [
  /\b(from|join|into|update|table)\s+(main\.)?"?offers"?(?![\w-])/i,
  /\$\{\s*(OFFERS_TABLE|OFFERS\.name)\s*\}/,
  /table_name\s*=\s*'offers'/i,
  /\b(exists|hasRows)\(\s*\w+\s*,\s*['"]offers['"]/,
];

/** Source files below a folder (tests, dependencies, data and hidden folders left out). */
function files(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(tsx?|sql|ipynb|py|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name) && !/(^|\/)(node_modules|data|\.[^/]+)\//.test(name))
    .map((name) => join(folder, name));
}

/** Each place a file's text names the table in SQL (a clause may end one line and the name open the next). */
function offendingLines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return NAMES_OFFERS.flatMap((pattern) =>
    [...text.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))].map((m) => `${relative(root, file)}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`),
  );
}

describe('the offers store', () => {
  it('is the only code whose SQL names the offers table', () => {
    const outside = FOLDERS.flatMap((folder) => files(join(root, folder))).filter((file) => !file.startsWith(store));
    expect(outside.length).toBeGreaterThan(300);
    expect(outside.flatMap(offendingLines)).toEqual([]);
  });

  it('is found by the scan: its own files name the table', () => {
    const inside = files(store).flatMap(offendingLines);
    for (const file of ['latest-offer.sql', 'latest-offers.sql', 'queue.sql', 'change-status.sql', 'delete-slice.sql', 'insert-offers.sql', 'tables.ts']) {
      expect(inside.some((line) => line.startsWith(relative(root, join(store, file)))), file).toBe(true);
    }
  });

  it('tells SQL on offers from words about offers and from other tables', () => {
    const named = (text: string) => NAMES_OFFERS.some((p) => p.test(text));
    for (const sql of ['SELECT * FROM offers WHERE', 'SELECT *\n  FROM\n  offers', 'UPDATE offers SET status', 'INSERT INTO offers BY NAME', 'DELETE FROM "offers"', 'x JOIN main.offers o',
      'FROM ${OFFERS_TABLE} WHERE', "hasRows(db, 'offers', 'x')", "table_name = 'offers'"]) expect(named(sql), sql).toBe(true);
    for (const text of ['SELECT * FROM offer_runs', 'FROM offers_v2', 'Easy Loan offers from the warehouse', "steps: ['offers']", 'reads from offers-warehouse.ts'])
      expect(named(text), text).toBe(false);
  });
});
