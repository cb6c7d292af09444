/**
 * The serving path's own index of offers: each merchant's latest offers row, held as columns
 * (arrays, one per field) with a Map from merchant id to row, and the merchant's JSON rendered on
 * the first request and kept. A DuckDB point query per request serves ~2,000 req/s; the Map
 * serves at close to a bare route's speed (ARCHITECTURE.md §6). Columns rather than row objects keep
 * 1.5M merchants in a few hundred MB, and rendering on demand keeps the load to one read of the
 * table. It is rebuilt when an offers run lands and patched when one merchant's offer changes.
 */
import type { CreditPolicy } from '../../engine/credit/index.ts';
import type { CodedColumn, Database } from '../../engine/db/index.ts';
import type { OfferStatus } from '../../engine/schema/offer.ts';
import { ColumnStore } from './column-store.ts';
import { merchantOffer, type MerchantOffer } from './merchant-offer.ts';
import { RunPolicies, type OfferInputs } from './offer-decision.ts';
import { latestOfferColumns, latestOffersColumns } from '../../pipelines/offers/index.ts';

/** The offers columns of few distinct values, read as codes (everything but merchant_id and reason_codes are numbers or these; rule_inputs is '{}' unless a policy's rules read features). */
const CODED_COLUMNS = ['as_of_date', 'outcome', 'segment', 'grade', 'expires_on', 'policy_version', 'model_id', 'declined_rules', 'run_id', 'kyc_tier', 'status', 'rule_inputs'];

/** The figures the ledger needs from a merchant's latest offer. */
export interface OfferSummary {
  as_of_date: string;
  status: OfferStatus;
  outcome: 'offer' | 'decline';
  line_fen: number | null;
  annual_rate: number | null;
}

interface Snapshot {
  rows: Map<string, number>;
  columns: ColumnStore;
  rendered: (string | undefined)[];
  policies: Map<string, CreditPolicy>;
}

const EMPTY: Snapshot = { rows: new Map(), columns: new ColumnStore({}), rendered: [], policies: new Map() };

export class OfferIndex {
  private snapshot: Snapshot = EMPTY;
  /** Merchants re-read since the last rebuild (a decision, an acceptance): their row as objects. */
  private patched = new Map<string, { row: OfferInputs; json: string }>();
  readonly policies = new RunPolicies();
  /** When the index was last rebuilt; null before the first build. */
  loadedAt: Date | null = null;

  get size(): number {
    return this.snapshot.rows.size + [...this.patched.keys()].filter((id) => !this.snapshot.rows.has(id)).length;
  }

  /** The merchant's offer as the route returns it (JSON text), or undefined. */
  json(merchantId: string): string | undefined {
    const patched = this.patched.get(merchantId);
    if (patched) return patched.json;
    const s = this.snapshot;
    const i = s.rows.get(merchantId);
    if (i === undefined) return undefined;
    let json = s.rendered[i];
    if (json === undefined) {
      const row = s.columns.row(i) as unknown as OfferInputs;
      json = JSON.stringify(merchantOffer(row, s.policies.get(row.run_id)!));
      s.rendered[i] = json;
    }
    return json;
  }

  get(merchantId: string): OfferSummary | undefined {
    const patched = this.patched.get(merchantId);
    if (patched) return summary(patched.row);
    const s = this.snapshot;
    const i = s.rows.get(merchantId);
    return i === undefined ? undefined : summary(s.columns.row(i) as unknown as OfferInputs);
  }

  /** Rebuilds the whole index from the warehouse, then swaps it in (readers never see half). */
  async reload(db: Database): Promise<number> {
    let next = EMPTY;
    const columns = await latestOffersColumns(db, CODED_COLUMNS);
    if (columns) {
      const ids = columns.merchant_id as string[];
      const rows = new Map<string, number>();
      for (let i = 0; i < ids.length; i++) rows.set(ids[i], i);
      const policies = new Map<string, CreditPolicy>();
      for (const runId of (columns.run_id as CodedColumn).words) if (runId !== null) policies.set(runId, await this.policies.get(db, runId));
      next = { rows, columns: new ColumnStore(columns), rendered: new Array(ids.length), policies };
    }
    this.snapshot = next;
    this.patched = new Map();
    this.loadedAt = new Date();
    return next.rows.size;
  }

  /** Re-reads one merchant's latest offer (after a decision or an acceptance). */
  async refresh(db: Database, merchantId: string): Promise<MerchantOffer | null> {
    const columns = await latestOfferColumns(db, merchantId);
    if ((columns.merchant_id ?? []).length === 0) {
      this.snapshot.rows.delete(merchantId);
      this.patched.delete(merchantId);
      return null;
    }
    const row = new ColumnStore(columns).row(0) as unknown as OfferInputs;
    const view = merchantOffer(row, await this.policies.get(db, row.run_id));
    this.patched.set(merchantId, { row, json: JSON.stringify(view) });
    return view;
  }
}

function summary(row: OfferInputs): OfferSummary {
  return { as_of_date: row.as_of_date, status: row.status, outcome: row.outcome, line_fen: row.line_fen, annual_rate: row.annual_rate };
}
