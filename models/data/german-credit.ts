/**
 * The Statlog German Credit reference set (../shared/data beside the repository, see its README): 1,000 real
 * applicants, 13 categorical and 7 numeric attributes, target `creditability` (bad = 1). Tests
 * and benchmarks use it as data no one here generated.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.ts';
import { datasetFromRecords, type Dataset } from './frame.ts';
import { MISSING_TOKENS } from './missing.ts';

export const GERMAN_CREDIT_CSV = sharedFile('shared/data/germancredit.csv');

/** The nearest `name` above this folder: the repository's parent, or a worktree's ancestor. */
function sharedFile(name: string): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(folder, name);
    if (existsSync(candidate) || dirname(folder) === folder) return existsSync(candidate) ? candidate : fileURLToPath(new URL(`../../../${name}`, import.meta.url));
    folder = dirname(folder);
  }
}

/** Loads German Credit as a dataset with target 1 = 'bad'. */
export function loadGermanCredit(path = GERMAN_CREDIT_CSV): Dataset {
  return datasetFromRecords(parseCsv(readFileSync(path, 'utf8')), { target: 'creditability', positive: 'bad', missing: [...MISSING_TOKENS] });
}
