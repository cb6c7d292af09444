/**
 * The signing secret is kept with the warehouse: a file beside the DuckDB file
 * (`capillary.duckdb.secret`, owner-only), created on first use. A file rather than a table so
 * that `capillary token` can issue tokens while the server holds the database (ARCHITECTURE.md §5).
 * An in-memory warehouse gets a secret that lives as long as the process.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function secretPath(dbPath: string): string | null {
  return dbPath === ':memory:' ? null : `${resolve(dbPath)}.secret`;
}

export function warehouseSecret(dbPath: string): Buffer {
  const path = secretPath(dbPath);
  if (!path) return randomBytes(32);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    try {
      // 'wx': two processes creating it at once keep the first one's secret.
      writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`the token secret ${path} is not 64 hex digits: delete it to make a new one (every issued token stops working)`);
  return Buffer.from(text, 'hex');
}
