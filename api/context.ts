/**
 * Everything the routes share: the warehouse (the server holds it, ARCHITECTURE.md §5), the token
 * secret, the offer index, the ledger, the officers' desk, the jobs, the payments feed and the
 * log. `openContext` prepares the API's tables and fills the index.
 */
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Database } from '../engine/db/index.ts';
import { TokenAuthority } from './auth/token.ts';
import { JobRunner } from './jobs/job-runner.ts';
import { jobKinds } from './jobs/kinds.ts';
import { Ledger } from './lines/ledger.ts';
import { MonitoringDesk } from './monitoring/desk.ts';
import { OfferIndex } from './offers/offer-index.ts';
import { Reviews } from './reviews/reviews.ts';
import { LiveNetwork } from './simulator/live-network.ts';
import { PaymentFeed } from './simulator/payment-feed.ts';
import { ensureApiTables } from './tables.ts';
import { advanceBusinessDate, businessDate } from '../pipelines/business-date.ts';
import { businessDateOf } from './offers/business-date.ts';
import { bufferedJsonLog, type Log } from './http/log.ts';

export type { Log };


export interface Limits {
  /** Largest request body, in bytes (payment batches have their own). */
  bodyBytes: number;
  paymentBatchBytes: number;
  /** Queued and running jobs one role may have at once (more: 429). */
  jobsPerRole: number;
  /** The largest simulation a job may ask for: merchants, days, and merchants × days. */
  simulateMerchants: number;
  simulateDays: number;
  simulateMerchantDays: number;
  /** Open event streams at once (more: 503). */
  streams: number;
  /** Payments one stream may have waiting for a slow reader before the oldest are dropped. */
  streamBacklog: number;
}

export interface AppContext {
  db: Database;
  /** Signs, verifies and revokes tokens (keys and revocations beside the warehouse). */
  tokens: TokenAuthority;
  offers: OfferIndex;
  ledger: Ledger;
  reviews: Reviews;
  /** Officers' watch list, collections queue and actions on monitored lines. */
  monitoring: MonitoringDesk;
  jobs: JobRunner;
  payments: PaymentFeed;
  live: LiveNetwork;
  log: Log;
  limits: Limits;
  version: string;
  /** False while starting and once shutting down: /readyz answers 503. */
  ready: boolean;
}

export interface ContextOptions {
  log?: Log;
  limits?: Partial<Limits>;
  /** Where simulation jobs write lakes (default: `lakes/` beside the warehouse). */
  lakeRoot?: string;
  /** A fixed business date, YYYY-MM-DD, that offers expire against and API events carry (default: the warehouse's, api/offers/business-date.ts). */
  businessDate?: string;
  /** Run interrupted jobs again (default true). */
  resumeJobs?: boolean;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 64 * 1024,
  paymentBatchBytes: 8 * 1024 * 1024,
  jobsPerRole: 4,
  simulateMerchants: 200_000,
  simulateDays: 1_100,
  simulateMerchantDays: 50_000_000,
  streams: 32,
  streamBacklog: 20_000,
};

export async function openContext(db: Database, options: ContextOptions = {}): Promise<AppContext> {
  const log = options.log ?? bufferedJsonLog((text) => process.stdout.write(text)).log;
  await ensureApiTables(db);
  // A warehouse built before it had a business date takes the latest day of its loaded turnover.
  if (options.businessDate === undefined && (await businessDate(db)) === null) await advanceBusinessDate(db);
  const offers = new OfferIndex();
  await offers.reload(db);
  const lakeRoot = options.lakeRoot ?? (db.path === ':memory:' ? join(tmpdir(), 'capillary-lakes') : join(dirname(db.path), 'lakes'));
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const jobs = new JobRunner(db, jobKinds({ lakeRoot, offers, reader: db }), log, limits.jobsPerRole);
  const payments = new PaymentFeed(db, log, join(lakeRoot, 'api-batches'));
  const context: AppContext = {
    db,
    tokens: TokenAuthority.forWarehouse(db.path),
    offers,
    ledger: new Ledger(db, offers, businessDateOf({ businessDate: options.businessDate, db })),
    reviews: new Reviews(db, offers),
    monitoring: new MonitoringDesk(db, businessDateOf({ businessDate: options.businessDate, db })),
    jobs,
    payments,
    live: new LiveNetwork(db, payments),
    log,
    limits,
    version: '0.1.0',
    ready: false,
  };
  if (options.resumeJobs !== false) await jobs.resume();
  context.ready = true;
  return context;
}
