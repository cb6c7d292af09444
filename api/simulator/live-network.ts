/**
 * A live QR network: payments for the warehouse's active merchants, drawn from their segment's
 * profile (ticket log-normal, channel and QR-mode mix, issuers), stamped with the current China
 * Standard Time, and fed through the payment feed each second — so they land in the warehouse
 * and reach SSE subscribers exactly as posted batches do.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../engine/db/index.ts';
import type { Payment } from '../../engine/schema/payment.ts';
import type { Segment } from '../../engine/schema/segment.ts';
import { SEGMENT_PROFILES } from '../../engine/simulator/profiles.ts';
import { Random } from '../../engine/simulator/random.ts';
import { cstTimestamp } from '../../engine/db/index.ts';
import type { PaymentFeed } from './payment-feed.ts';

const MERCHANTS_SAMPLED = 20_000;

export class LiveNetwork {
  private timer: NodeJS.Timeout | null = null;
  private merchants: { merchant_id: string; segment: Segment }[] = [];
  private random = new Random(1);
  private rate = 0;
  private sequence = 0;
  private ticking: Promise<unknown> = Promise.resolve();
  produced = 0;

  constructor(private readonly db: Database, private readonly feed: PaymentFeed) {}

  get running(): boolean {
    return this.timer !== null;
  }

  status(): { running: boolean; payments_per_second: number; produced: number; merchants: number } {
    return { running: this.running, payments_per_second: this.running ? this.rate : 0, produced: this.produced, merchants: this.merchants.length };
  }

  async start(paymentsPerSecond: number, seed: number): Promise<void> {
    this.merchants = await this.db
      .all<{ merchant_id: string; segment: Segment }>(
        `SELECT merchant_id, CAST(segment AS VARCHAR) AS segment FROM merchants WHERE status = 'active' ORDER BY merchant_id LIMIT $limit`,
        { limit: MERCHANTS_SAMPLED },
      )
      .catch(() => []);
    if (this.merchants.length === 0) throw new Error('the warehouse has no active merchants: load a lake first (a simulation job or capillary ingest)');
    this.stop();
    this.random = new Random(seed, 7);
    this.rate = paymentsPerSecond;
    this.timer = setInterval(() => {
      // One tick at a time: a slow warehouse delays the next batch instead of piling them up.
      this.ticking = this.ticking.then(() => this.tick());
    }, 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Stops and waits for the batch in flight. */
  async close(): Promise<void> {
    this.stop();
    await this.ticking;
  }

  private async tick(): Promise<void> {
    const paidAt = cstTimestamp();
    const batch: Payment[] = [];
    for (let i = 0; i < this.rate; i++) batch.push(this.payment(paidAt));
    await this.feed.ingest(batch).catch(() => undefined);
    this.produced += batch.length;
  }

  private payment(paidAt: string): Payment {
    const r = this.random;
    const merchant = this.merchants[r.int(this.merchants.length)];
    const profile = SEGMENT_PROFILES[merchant.segment];
    const amount = Math.max(100, Math.round(100 * profile.ticketMedianRmb * Math.exp(profile.ticketSigma * r.normal())));
    const channelDraw = r.next();
    const channel = channelDraw < profile.channel.offline ? 'offline' : channelDraw < profile.channel.offline + profile.channel.online ? 'online' : 'o2o';
    const customerScans = channel === 'offline' && r.next() < profile.customerScansMerchant;
    const overseas = r.next() < profile.overseasShare;
    this.sequence++;
    return {
      payment_id: `LIVE${Date.now().toString(36)}${this.sequence.toString(36).padStart(6, '0')}`,
      paid_at: paidAt,
      payment_date: paidAt.slice(0, 10),
      merchant_id: merchant.merchant_id,
      customer_id: `C${r.int(1_000_000_000).toString(36)}`,
      payment_token: randomUUID().replaceAll('-', ''),
      kind: 'payment',
      refund_of_payment_id: null,
      amount_fen: amount,
      channel,
      qr_mode: customerScans ? 'customer_scans_merchant' : 'merchant_scans_customer',
      // Static codes take at most RMB 500 a payment (PBoC); larger ones use a dynamic code.
      code_type: customerScans && amount <= 50_000 && r.next() < profile.staticCode ? 'static' : 'dynamic',
      issuer: overseas ? 'overseas' : r.next() < profile.ownBankShare ? 'own' : 'other',
      status: 'approved',
      decline_reason: null,
      is_verified: false,
      is_flagged: false,
    };
  }
}
