/**
 * The keys that sign tokens, kept beside the warehouse (`capillary.duckdb.keys`, owner-only
 * JSON) so that `capillary token` can issue and rotate while the server holds the database
 * (DESIGN.md §5). Each key has an id (the token's `kid`): rotating makes a new key the signing
 * one while the old keys still verify, until they are retired. The server re-reads the file when
 * it changes, so a rotation or retirement takes effect without a restart. An in-memory
 * warehouse gets keys that live as long as the process.
 *
 * @example
 *   const keyring = Keyring.forWarehouse('data/capillary.duckdb');
 *   keyring.rotate(); // new tokens carry the new kid; old ones verify until `retire(oldKid)`
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

const KeyringFileSchema = z
  .object({
    signing: z.string().min(1),
    keys: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), z.object({ secret: z.string().regex(/^[0-9a-f]{64}$/), created_at: z.string(), retired_at: z.string().nullable() }).strict()),
  })
  .strict()
  .refine((k) => k.keys[k.signing] !== undefined && k.keys[k.signing].retired_at === null, 'the signing key must be a live key of the ring');
type KeyringFile = z.infer<typeof KeyringFileSchema>;

export function keyringPath(dbPath: string): string | null {
  return dbPath === ':memory:' ? null : `${resolve(dbPath)}.keys`;
}

export class Keyring {
  private ring: KeyringFile;
  private seen = '';

  private constructor(private readonly path: string | null) {
    this.ring = path ? this.read() : fresh();
  }

  static forWarehouse(dbPath: string): Keyring {
    return new Keyring(keyringPath(dbPath));
  }

  /** The key new tokens are signed with. */
  signing(): { kid: string; secret: Buffer } {
    this.reload();
    return { kid: this.ring.signing, secret: Buffer.from(this.ring.keys[this.ring.signing].secret, 'hex') };
  }

  /** The key a token names, unless it is unknown or retired. */
  verifying(kid: string): Buffer | undefined {
    this.reload();
    const key = Object.hasOwn(this.ring.keys, kid) ? this.ring.keys[kid] : undefined;
    return key && key.retired_at === null ? Buffer.from(key.secret, 'hex') : undefined;
  }

  /** A new signing key; the old ones keep verifying. Returns the new kid. */
  rotate(): string {
    this.reload();
    const kid = newKid();
    this.ring = { ...this.ring, signing: kid, keys: { ...this.ring.keys, [kid]: newKey() } };
    this.write();
    return kid;
  }

  /** Tokens signed with this key stop verifying. The signing key cannot be retired (rotate first). */
  retire(kid: string): void {
    this.reload();
    if (!Object.hasOwn(this.ring.keys, kid)) throw new Error(`no key ${kid} in the keyring (keys: ${Object.keys(this.ring.keys).join(', ')})`);
    if (kid === this.ring.signing) throw new Error(`${kid} signs new tokens: rotate to a new key before retiring it`);
    this.ring.keys[kid] = { ...this.ring.keys[kid], retired_at: new Date().toISOString() };
    this.write();
  }

  kids(): { kid: string; signing: boolean; retired_at: string | null }[] {
    this.reload();
    return Object.entries(this.ring.keys).map(([kid, key]) => ({ kid, signing: kid === this.ring.signing, retired_at: key.retired_at }));
  }

  private reload(): void {
    if (!this.path) return;
    const stamp = statStamp(this.path);
    if (stamp !== this.seen) this.ring = this.read();
  }

  private read(): KeyringFile {
    const path = this.path!;
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      try {
        // 'wx': two processes creating it at once keep the first one's keys.
        writeFileSync(path, JSON.stringify(fresh(), null, 2), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    this.seen = statStamp(path);
    const parsed = KeyringFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) throw new Error(`the token keyring ${path} is damaged (${parsed.error.issues[0].message}): delete it to make a new one (every issued token stops working)`);
    return parsed.data;
  }

  private write(): void {
    if (!this.path) return;
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.ring, null, 2), { mode: 0o600 });
    renameSync(temporary, this.path);
    this.seen = statStamp(this.path);
  }
}

function statStamp(path: string): string {
  const s = statSync(path, { bigint: true });
  return `${s.mtimeNs}:${s.size}:${s.ino}`;
}

function newKid(): string {
  return `k${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

function newKey(): KeyringFile['keys'][string] {
  return { secret: randomBytes(32).toString('hex'), created_at: new Date().toISOString(), retired_at: null };
}

function fresh(): KeyringFile {
  const kid = newKid();
  return { signing: kid, keys: { [kid]: newKey() } };
}
