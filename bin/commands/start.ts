/**
 * `capillary start` (what `npm start` runs): the main job, on an embedded DuckDB under data/.
 * Simulates the start network into data/lake (reused when complete and long enough), loads it
 * into the warehouse and runs the build plan through offers (pipelines/build-warehouse.ts: files
 * already loaded and fresh steps are skipped; a first scorecard is trained and promoted when
 * there is no champion; the latest date is scored and sized), then serves the API on
 * http://localhost:3000 and prints the pages' links and a token per role with example requests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TOKEN_HOURS, type TokenAuthority } from '../../api/auth/token.ts';
import { startServer } from '../../api/server.ts';
import { Database } from '../../engine/db/index.ts';
import { addDays } from '../../engine/calendar/days.ts';
import { isCompleteLake, SUCCESS_FILE, type LakeManifest } from '../../engine/simulator/index.ts';
import { championScoredDate } from '../../models/scoring/index.ts';
import { buildWarehouse, networkAsOfDates } from '../../pipelines/build-warehouse.ts';
import { largestOffer } from '../../pipelines/offers/index.ts';
import { formatReconciliation } from '../../pipelines/ingest/reconcile.ts';
import { DEFAULT_DB, type Command, type OptionValues } from '../command.ts';
import { progressBar } from '../progress-bar.ts';
import { formatRuns } from './run.ts';
import { untilSignalled } from './serve.ts';
import { integer, SIMULATE_DEFAULTS, simulate } from './simulate.ts';

/**
 * The network `start` simulates: 21 months, so that the first four monthly as-of dates (from
 * the seventh month) have a whole year of observed outcomes to train on; 1,000 merchants keep a
 * fresh start within about 90 s on a 2-core machine.
 */
export const START_NETWORK = { ...SIMULATE_DEFAULTS, merchants: '1000', days: '640', start: '2023-01-01' };

export const start: Command = {
  summary: 'the main job: simulate, load, derive features, train, score, size offers, then serve the API',
  usage: `[--port P]

Simulates ${START_NETWORK.merchants} merchants over ${START_NETWORK.days} days into ${START_NETWORK.out} unless a complete lake
that long is already there, ingests it into ${DEFAULT_DB} and runs the build plan through offers
(\`capillary run --through offers\`) at the monthly as-of dates whose outcomes are known and at the
latest one: a scorecard is trained and promoted if there is no champion, and the latest date is
scored and sized. Then serves the API on http://localhost:P (default 3000) and prints example
tokens. Rerunning skips what is fresh; Ctrl-C stops the server.`,
  options: { port: { type: 'string', default: '3000' } },
  async run(values: OptionValues): Promise<number> {
    const started = performance.now();
    const port = integer(values, 'port');
    const lake = START_NETWORK.out;
    if (isCompleteLake(lake) && lakeDays(lake) >= Number(START_NETWORK.days)) process.stdout.write(`reusing the lake in ${lake}\n`);
    else {
      const code = await simulate.run({ ...START_NETWORK, overwrite: true }, []);
      if (code !== 0) return code;
    }
    const manifest = JSON.parse(readFileSync(join(lake, SUCCESS_FILE), 'utf8')) as LakeManifest;
    const { start: first, days } = manifest.options as { start: string; days: number };
    const db = await Database.open(DEFAULT_DB);
    let merchant: string | null;
    // The simulated network lives in its own past: its business date is the day its offers were
    // sized, so that they are open to accept (against today's date they would all have expired).
    let businessDate: string;
    try {
      const onProgress = progressBar();
      // Features and labels where outcomes are known (to train on), and the latest date (to score):
      // the censored dates between would cost time and add nothing to the first run.
      const monthly = networkAsOfDates(first, days);
      const lastDay = addDays(first, days - 1);
      const asOfDates = [...monthly.filter((d) => addDays(d, 365) <= lastDay), monthly.at(-1)!];
      const built = await buildWarehouse(db, { lake, through: 'offers', asOfDates, onProgress });
      process.stdout.write(`${formatReconciliation(built.ingest!.totals, built.ingest!.unchanged)}\n`);
      const ran = built.runs.filter((r) => r.ran);
      const fresh = built.runs.length - ran.length;
      process.stdout.write(`warehouse ${DEFAULT_DB}, as-of dates ${asOfDates[0]} … ${asOfDates.at(-1)}: ${fresh} of ${built.runs.length} steps fresh (skipped)\n`);
      if (ran.length > 0) process.stdout.write(formatRuns(ran));
      const offersDate = (await championScoredDate(db))!.asOfDate;
      businessDate = offersDate;
      merchant = await largestOffer(db, offersDate);
    } finally {
      db.close();
    }
    const server = await startServer({ db: DEFAULT_DB, port, host: '127.0.0.1', log: quietLog, businessDate });
    process.stdout.write(await welcome(server.url.replace('127.0.0.1', 'localhost'), server.context.tokens, merchant, (performance.now() - started) / 1000));
    await untilSignalled();
    process.stdout.write('shutting down: finishing requests and jobs…\n');
    await server.close();
    setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
    return 0;
  },
};

function lakeDays(lake: string): number {
  const manifest = JSON.parse(readFileSync(join(lake, SUCCESS_FILE), 'utf8')) as LakeManifest;
  return Number((manifest.options as { days?: number }).days ?? 0);
}

/** Request lines would bury the welcome text; errors and job outcomes still show. */
function quietLog(entry: Record<string, unknown>): void {
  if (entry.msg === 'request' && entry.level !== 'error') return;
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}

/** What `start` prints once serving: the pages to open, and a token per role with a curl example. */
export async function welcome(url: string, tokens: TokenAuthority, merchant: string | null, seconds: number): Promise<string> {
  const roles = ['merchant', 'officer', 'scientist', 'admin'] as const;
  const signed = new Map<string, string>();
  for (const role of roles) {
    if (role === 'merchant' && !merchant) continue;
    signed.set(role, await tokens.sign({ role, sub: role === 'merchant' ? merchant! : `demo-${role}`, ...(role === 'merchant' ? { merchant_id: merchant! } : {}) }));
  }
  const token = (role: (typeof roles)[number]) => signed.get(role)!;
  const lines = [
    '',
    `Capillary is serving on ${url} (ready in ${seconds.toFixed(0)} s)`,
    `  docs:        ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
    '',
    `Pages (sign in at ${url}/sign-in with a token below):`,
    ...(merchant ? [`  merchant ${merchant}:  ${url}/merchants/${merchant}`] : []),
    `  credit officer:       ${url}/officer/queue`,
    `  data scientist:       ${url}/scientist`,
    '',
    `Example tokens, valid for ${DEFAULT_TOKEN_HOURS} hours (more: npx capillary token --role ROLE [--merchant ID] [--hours N]; revoke: --revoke TOKEN):`,
  ];
  if (merchant) {
    lines.push(
      `  merchant ${merchant}:`,
      `    export MERCHANT_TOKEN=${token('merchant')}`,
      `    curl -H "Authorization: Bearer $MERCHANT_TOKEN" ${url}/api/v1/merchants/${merchant}/offer`,
    );
  }
  lines.push(
    '  credit officer:',
    `    export OFFICER_TOKEN=${token('officer')}`,
    `    curl -H "Authorization: Bearer $OFFICER_TOKEN" "${url}/api/v1/reviews?outcome=offer&limit=5"`,
    '  data scientist:',
    `    export SCIENTIST_TOKEN=${token('scientist')}`,
    `    curl -H "Authorization: Bearer $SCIENTIST_TOKEN" ${url}/api/v1/models`,
    '  admin:',
    `    export ADMIN_TOKEN=${token('admin')}`,
    '',
    'Ctrl-C stops the server (in-flight requests and jobs finish first).',
    '',
  );
  return `${lines.join('\n')}\n`;
}
