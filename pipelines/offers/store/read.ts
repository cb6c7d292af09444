/**
 * Reading offers: one merchant's latest row, every merchant's latest row as columns (the API's
 * serving index), the rows officers decided on that a rerun keeps, a slice's largest offer, and
 * whether a model sized a slice.
 *
 * @example
 *   const row = await latestOfferRow(db, 'M00000042'); // undefined: no offer (or no offers yet)
 */
import { readCodedColumns, type CodedColumn, type Database, type ReadColumn } from '../../../engine/db/index.ts';
import { OfferRowSchema, type OfferRow } from '../../../engine/schema/index.ts';
import { storeSql } from './sql.ts';
import { ensureOfferTables, offersExist } from './tables.ts';

/** The merchant's row of the latest as-of date (or of `asOfDate`); undefined when there is none. */
export async function latestOfferRow(db: Database, merchantId: string, asOfDate?: string): Promise<OfferRow | undefined> {
  if (!(await offersExist(db))) return undefined;
  const raw = await db.one(storeSql('latest-offer.sql'), { merchant_id: merchantId, as_of_date: asOfDate ?? null });
  return raw ? OfferRowSchema.parse(raw) : undefined;
}

/**
 * Every merchant's latest row, without the officer's columns, as compact columns (`coded` read as
 * codes into word lists); null when offers were never sized. Rows come in no promised order.
 */
export async function latestOffersColumns(db: Database, coded: readonly string[]): Promise<Record<string, ReadColumn | CodedColumn> | null> {
  if (!(await offersExist(db))) return null;
  // A warehouse whose offers predate a column the read names gets it first (a no-op after).
  await ensureOfferTables(db);
  return readCodedColumns(db, storeSql('latest-offers.sql'), { merchant_id: null }, coded);
}

/** One merchant's latest row as latestOffersColumns reads it (no rows: no offer). */
export function latestOfferColumns(db: Database, merchantId: string): Promise<Record<string, unknown[]>> {
  return db.columns(storeSql('latest-offers.sql'), { merchant_id: merchantId });
}

/** The rows of a date's slice an officer decided on or a merchant accepted, by merchant id. */
export async function decidedOffers(db: Database, asOfDate: string): Promise<OfferRow[]> {
  return (await db.all(storeSql('decided-offers.sql'), { as_of_date: asOfDate })).map((raw) => OfferRowSchema.parse(raw));
}

/** The merchant offered the largest line at a date (ties: the first id), or null. */
export async function largestOffer(db: Database, asOfDate: string): Promise<string | null> {
  return (await db.one<{ merchant_id: string }>(storeSql('largest-offer.sql'), { as_of_date: asOfDate }))?.merchant_id ?? null;
}

/** Whether `modelId` sized the date's slice (the build plan's offers step is built). */
export async function isSliceSized(db: Database, asOfDate: string, modelId: string): Promise<boolean> {
  if (!(await offersExist(db))) return false;
  return (await db.one(storeSql('slice-built.sql'), { as_of_date: asOfDate, model_id: modelId })) !== undefined;
}
