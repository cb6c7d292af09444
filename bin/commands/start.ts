/**
 * `capillary start` (what `npm start` runs): the main job, on an embedded DuckDB under data/.
 * Simulates the default network into data/lake (reused when complete), loads it into the
 * warehouse (files already loaded are skipped), and derives turnover, features and labels at
 * monthly as-of dates from the seventh month of the lake on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../engine/db/index.ts';
import { addDays } from '../../engine/simulator/calendar.ts';
import { isCompleteLake, SUCCESS_FILE, type LakeManifest } from '../../engine/simulator/index.ts';
import { ingestLake } from '../../pipelines/ingest/ingest.ts';
import { formatReconciliation } from '../../pipelines/ingest/reconcile.ts';
import { monthlyAsOfDates, runPipeline } from '../../pipelines/runner.ts';
import { DEFAULT_DB, type Command } from '../command.ts';
import { progressBar } from '../progress-bar.ts';
import { SIMULATE_DEFAULTS, simulate } from './simulate.ts';

export const start: Command = {
  summary: 'the main job: simulate the default network, load it into data/, derive features',
  usage: `

Simulates the default network into ${SIMULATE_DEFAULTS.out} unless a complete lake is already there
(see \`capillary simulate --help\`), ingests it into ${DEFAULT_DB}, then runs the pipeline
(turnover, features, labels) at monthly as-of dates. Rerunning reuses what is done.`,
  options: {},
  async run(): Promise<number> {
    const lake = SIMULATE_DEFAULTS.out;
    if (isCompleteLake(lake)) process.stdout.write(`reusing the lake in ${lake}\n`);
    else {
      const code = await simulate.run({ ...SIMULATE_DEFAULTS, overwrite: true }, []);
      if (code !== 0) return code;
    }
    const manifest = JSON.parse(readFileSync(join(lake, SUCCESS_FILE), 'utf8')) as LakeManifest;
    const { start: first, days } = manifest.options as { start: string; days: number };
    const db = await Database.open(DEFAULT_DB);
    try {
      const onProgress = progressBar();
      const summary = await ingestLake(db, lake, { requireFinished: true, onProgress });
      process.stdout.write(`${formatReconciliation(summary.totals, summary.unchanged)}\n`);
      const asOfDates = monthlyAsOfDates(addDays(first, 182), addDays(first, days));
      const runs = await runPipeline(db, { asOfDates, onProgress });
      const rows = (step: string) => runs.filter((r) => r.step === step).reduce((total, r) => total + r.rows, 0);
      process.stdout.write(
        `warehouse ${DEFAULT_DB}: daily_turnover ${rows('turnover').toLocaleString('en-US')} rows; ` +
          `features and labels at ${asOfDates.length} as-of dates (${asOfDates[0]} … ${asOfDates.at(-1)}): ` +
          `${rows('features').toLocaleString('en-US')} feature rows\n`,
      );
      return 0;
    } finally {
      db.close();
    }
  },
};
