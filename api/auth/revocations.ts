/**
 * Revoked tokens, by their `jti`, in a file beside the warehouse (`capillary.duckdb.revoked`,
 * one `jti expires-at` line each), so that `capillary token --revoke` works while the server
 * runs: the server re-reads the file when it changes. A line can be dropped once its token has
 * expired anyway; nothing here needs that to be correct.
 */
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export function revocationsPath(dbPath: string): string | null {
  return dbPath === ':memory:' ? null : `${resolve(dbPath)}.revoked`;
}

export class Revocations {
  private revoked = new Set<string>();
  private seen = '';

  private constructor(private readonly path: string | null) {}

  static forWarehouse(dbPath: string): Revocations {
    return new Revocations(revocationsPath(dbPath));
  }

  revoke(jti: string, expiresAt: number): void {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(jti)) throw new Error(`not a token id: '${jti}'`);
    this.revoked.add(jti);
    if (this.path) appendFileSync(this.path, `${jti} ${expiresAt}\n`, { mode: 0o600 });
  }

  has(jti: string): boolean {
    this.reload();
    return this.revoked.has(jti);
  }

  private reload(): void {
    if (!this.path || !existsSync(this.path)) return;
    const s = statSync(this.path, { bigint: true });
    const stamp = `${s.mtimeNs}:${s.size}`;
    if (stamp === this.seen) return;
    this.seen = stamp;
    const revoked = new Set<string>();
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      const jti = line.split(' ')[0];
      if (jti) revoked.add(jti);
    }
    this.revoked = revoked;
  }
}
