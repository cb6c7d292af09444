/**
 * The Statlog German Credit reference set (data/german-credit/, see its README): 1,000 real
 * applicants, 13 categorical and 7 numeric attributes, target `creditability` (bad = 1). Tests
 * and benchmarks use it as data no one here generated.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.ts';
import { datasetFromRecords, type Dataset } from './frame.ts';
import { MISSING_TOKENS } from './missing.ts';

export const GERMAN_CREDIT_CSV = fileURLToPath(new URL('../../data/german-credit/germancredit.csv', import.meta.url));

/** Loads German Credit as a dataset with target 1 = 'bad'. */
export function loadGermanCredit(path = GERMAN_CREDIT_CSV): Dataset {
  return datasetFromRecords(parseCsv(readFileSync(path, 'utf8')), { target: 'creditability', positive: 'bad', missing: [...MISSING_TOKENS] });
}
