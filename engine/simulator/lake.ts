/**
 * The lake a simulation writes: Hive-partitioned Parquet by day for payments or settlements,
 * single files for the registry, the ledger and the truth. A lake is built in a hidden folder
 * beside its destination and published by one rename once complete, with a _SUCCESS.json
 * manifest written last; an interrupted run never looks like a lake.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InvalidOptionsError } from './options.ts';

export const SUCCESS_FILE = '_SUCCESS.json';

export interface LakeManifest {
  format: 'capillary-lake';
  version: 1;
  grain: 'payment' | 'settlement';
  options: Record<string, unknown>;
  rows: Record<string, number>;
  finished_at: string;
}

/** Refuses an `out` that is a file, or a folder already holding something (unless overwriting). */
export function checkLakeTarget(out: string, overwrite: boolean): string {
  const target = resolve(out);
  if (!existsSync(target)) return target;
  if (!statSync(target).isDirectory()) throw new InvalidOptionsError([`--out: ${out} is a file, not a folder`]);
  if (readdirSync(target).length > 0 && !overwrite) {
    throw new InvalidOptionsError([`--out: ${out} already holds files; choose another folder or pass --overwrite`]);
  }
  return target;
}

/**
 * A fresh hidden folder beside `target` to build the lake in. Folders left by runs that were
 * killed (their process is gone) are removed first.
 */
export function startPartialLake(target: string): string {
  mkdirSync(dirname(target), { recursive: true });
  removeAbandonedPartials(target);
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}-${Date.now()}`);
  mkdirSync(partial, { recursive: true });
  return partial;
}

/** Writes the manifest, then moves the finished lake into place in one rename. */
export function publishLake(partial: string, target: string, manifest: LakeManifest): void {
  writeFileSync(join(partial, SUCCESS_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${partial}.previous`;
    renameSync(target, previous);
  }
  renameSync(partial, target);
  if (previous) rmSync(previous, { recursive: true, force: true });
}

function removeAbandonedPartials(target: string): void {
  const prefix = `.${basename(target)}.partial-`;
  for (const name of readdirSync(dirname(target))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) rmSync(join(dirname(target), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function abandonPartialLake(partial: string): void {
  rmSync(partial, { recursive: true, force: true });
}

export function isCompleteLake(dir: string): boolean {
  return existsSync(join(dir, SUCCESS_FILE));
}
