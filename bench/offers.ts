/**
 * Offers for a whole warehouse date (the target: 1.5M scored merchants in at most 30 s).
 * Builds in a temporary DuckDB file a synthetic `features` slice (the columns applicants read),
 * 13 months of `monthly_turnover` per merchant and a `scores` slice, then times `sizeOffers`
 * under the default policy, step by step (applicants in SQL, decisions in TypeScript, append
 * and the written slice), with CPU seconds and the load average: on the shared machine wall
 * seconds swing with the load, CPU seconds say what the work cost.
 * Usage: npm run bench -- offers [merchants=1500000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../engine/db/index.ts';
import { sizeOffers } from '../pipelines/offers/index.ts';
import { AS_OF, buildOffersBench } from './_offers-warehouse.ts';

export async function run(args: string[]): Promise<void> {
  const merchants = Number(args[0] ?? 1_500_000);
  const folder = mkdtempSync(join(tmpdir(), 'capillary-bench-offers-'));
  const db = await Database.open(join(folder, 'warehouse.duckdb'));
  try {
    console.log(`offers benchmark, ${merchants.toLocaleString('en-US')} merchants; ${load()}`);
    let t = performance.now();
    await buildOffersBench(db, merchants);
    console.log(`synthetic features, monthly turnover (13 months) and scores built in ${seconds(t)} s`);

    const marks: [string, number][] = [];
    const cpu = process.cpuUsage();
    t = performance.now();
    const result = await sizeOffers(db, {
      asOfDate: AS_OF,
      modelId: 'bench-pd',
      onProgress: (e) => e.unit === 'steps' && marks.push([String(e.done), performance.now()]),
    });
    const used = process.cpuUsage(cpu);
    const rate = result.merchants / result.seconds;
    console.log(
      `sizeOffers: ${result.merchants.toLocaleString('en-US')} merchants decided and written in ${result.seconds.toFixed(2)} s ` +
        `(cpu ${((used.user + used.system) / 1e6).toFixed(2)} s; ${Math.round(rate).toLocaleString('en-US')} merchants/s, ${((1e6 * result.seconds) / result.merchants).toFixed(2)} µs/merchant); ` +
        `${result.offers.toLocaleString('en-US')} offers, approval ${(100 * result.summary.approval_rate).toFixed(1)}%`,
    );
    const names = ['applicants (SQL)', 'decide (TypeScript)', 'append figures', 'write slice + summary'];
    const steps = marks.slice(1).map(([, at], k) => `${names[k]} ${((at - marks[k][1]) / 1000).toFixed(2)} s`);
    console.log(`  steps: ${steps.join(', ')}`);
    console.log(`  target 30 s for 1.5M: ${(1.5e6 / rate).toFixed(1)} s at this rate (${(30 / (1.5e6 / rate)).toFixed(2)}× the target); ${load()}`);
  } finally {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(2);
}

function load(): string {
  return `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}
