/**
 * Where a merchant's latest offer stands, read inside the transaction that changes it, and the
 * 409 a request gets when it lost the race for it (with that state, so the client need not ask).
 */
import type { Database } from '../../engine/db/index.ts';
import type { OfferOutcome, OfferStatus } from '../../engine/schema/offer.ts';
import { latestOfferRow } from '../../pipelines/offers/index.ts';
import { ApiProblem } from '../http/problem.ts';

export interface OfferState {
  merchant_id: string;
  as_of_date: string;
  outcome: OfferOutcome;
  status: OfferStatus;
  line_fen: number | null;
  /** The Easy Loan balance the offer was sized against. */
  balance_fen: number;
  annual_rate: number | null;
  expires_on: string | null;
  /** The offers run that sized it (its policy is the run's). */
  run_id: string;
}

export async function offerState(db: Database, merchantId: string): Promise<OfferState | undefined> {
  const row = await latestOfferRow(db, merchantId);
  if (!row) return undefined;
  const { as_of_date, outcome, status, line_fen, balance_fen, annual_rate, expires_on, run_id } = row;
  return { merchant_id: row.merchant_id, as_of_date, outcome, status, line_fen, balance_fen, annual_rate, expires_on, run_id };
}

/** A 409 carrying the offer's state as it is now. */
export async function offerConflict(db: Database, merchantId: string, detail: string): Promise<ApiProblem> {
  const state = await offerState(db, merchantId).catch(() => undefined);
  return new ApiProblem(409, detail, state ? { current: { ...state } } : {});
}

export const LOST_RACE = 'the offer changed at the same moment (an officer decided, the merchant accepted, or offers were re-run); read it again and retry';
