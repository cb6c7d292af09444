/**
 * A small warehouse for the API's tests, built by the real chain — simulate a network, then
 * buildWarehouse through offers (ingest, the pipeline, a first champion, score, offers) — once per
 * machine (cached under the temp folder, keyed by its options and by the code that builds it, so
 * that a change to the simulator, pipelines, models or API rebuilds it), then copied per test file.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Database } from '../../engine/db/index.ts';
import { simulate } from '../../engine/simulator/index.ts';
import { addDays } from '../../engine/calendar/days.ts';
import { buildWarehouse, networkAsOfDates } from '../../pipelines/build-warehouse.ts';

const OPTIONS = { merchants: 300, days: 760, start: '2023-01-01', seed: 7, grain: 'settlement' as const };
/** The fixture's business date: the network's last day, so its latest offers are still valid. */
export const FIXTURE_TODAY = addDays(OPTIONS.start, OPTIONS.days - 1);
const ROOT = resolve(import.meta.dirname, '..', '..');
const SOURCES = ['engine', 'pipelines', 'models', 'api', 'data/calendar'];
const LOCK_STALE_MS = 5 * 60_000;

/** A fresh copy of the fixture warehouse in its own temp folder; remove the folder when done. */
export async function fixtureWarehouse(): Promise<{ dir: string; db: string }> {
  const cached = await buildOnce();
  const dir = mkdtempSync(join(tmpdir(), 'capillary-api-test-'));
  const db = join(dir, 'warehouse.duckdb');
  copyFileSync(cached, db);
  return { dir, db };
}

async function buildOnce(): Promise<string> {
  const home = join(tmpdir(), `capillary-api-fixture-${sourceFingerprint()}-${OPTIONS.merchants}x${OPTIONS.days}-seed${OPTIONS.seed}`);
  const done = join(home, 'warehouse.duckdb');
  if (existsSync(done)) return done;
  mkdirSync(home, { recursive: true });
  // Test files start together: one builds (it holds the lock folder), the others wait for it.
  // A lock older than the longest build is left by a killed run and is taken over.
  const lock = join(home, 'building.lock');
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(done)) return done;
      if (Date.now() > deadline || Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > LOCK_STALE_MS) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await build(home, done);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function build(home: string, done: string): Promise<string> {
  if (existsSync(done)) return done;
  const work = mkdtempSync(join(home, 'build-'));
  try {
    const lake = join(work, 'lake');
    await simulate({ ...OPTIONS, out: lake, overwrite: true });
    const path = join(work, 'warehouse.duckdb');
    const db = await Database.open(path);
    try {
      await buildWarehouse(db, { lake, through: 'offers', asOfDates: networkAsOfDates(OPTIONS.start, OPTIONS.days) });
    } finally {
      db.close();
    }
    if (!existsSync(done)) renameSync(path, done);
    return done;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A short hash of the source files (tests aside) that could change what the fixture holds. */
function sourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const folder of SOURCES) {
    const files = readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(ts|tsx|sql|csv)$/.test(file) && !/\.test\.tsx?$/.test(file))
      .sort();
    for (const file of files) hash.update(`${folder}/${file}\0`).update(readFileSync(join(ROOT, folder, file))).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}
