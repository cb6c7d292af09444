/**
 * A backtest of one policy (the target: 20,000 merchants in at most 10 s), on the
 * synthetic warehouse of the offers benchmark with labels and evaluation tables added; then the
 * same with nine PD cutoffs, to show what each further policy costs (the applicants and
 * outcomes are read once). Prints seconds, merchants per second and the load average.
 * Usage: npm run bench -- backtest [merchants=20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../engine/db/index.ts';
import { backtest } from '../pipelines/backtest/index.ts';
import { AS_OF, buildOffersBench } from './_offers-warehouse.ts';

export async function run(args: string[]): Promise<void> {
  const merchants = Number(args[0] ?? 20_000);
  const folder = mkdtempSync(join(tmpdir(), 'capillary-bench-backtest-'));
  const db = await Database.open(join(folder, 'warehouse.duckdb'));
  try {
    console.log(`backtest benchmark, ${merchants.toLocaleString('en-US')} merchants; ${load()}`);
    await buildOffersBench(db, merchants);
    let single = 0;
    for (const pdCutoffs of [[], [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.15]]) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const result = await backtest(db, { asOfDate: AS_OF, modelId: 'bench-pd', pdCutoffs });
      const secs = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const base = result.policies[0];
      console.log(
        `${result.policies.length} polic${result.policies.length > 1 ? 'ies' : 'y'}: ${secs.toFixed(2)} s (cpu ${((used.user + used.system) / 1e6).toFixed(2)} s; ` +
          `${Math.round(merchants / secs).toLocaleString('en-US')} merchants/s); default policy approves ${(100 * base.approval_rate).toFixed(1)}%, ` +
          `default rate ${(100 * base.default_rate).toFixed(2)}%; ` +
          (single === 0
            ? `target 10 s for one policy on 20,000: ${(secs * (20_000 / merchants)).toFixed(2)} s at this rate; `
            : `each further policy ${((secs - single) / (result.policies.length - 1)).toFixed(3)} s; `) +
          load(),
      );
      if (single === 0) single = secs;
    }
  } finally {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

function load(): string {
  return `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}
