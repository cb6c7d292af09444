/**
 * pipelines/offers/store: the one owner of every query on the `offers` table, each a .sql file
 * in this folder. Nothing else names the table in SQL (store-owner.test.ts holds it): the offers
 * run writes its slice here, the API's index loads from here, officers' queue and decisions and
 * merchants' acceptances read and change rows here.
 *
 * - reads: `latestOfferRow`, `latestOffersColumns` / `latestOfferColumns` (the serving index),
 *   `offersQueue` (officers), `decidedOffers` (kept across reruns), `largestOffer`, `isSliceSized`
 * - changes: `changeOfferStatus(tx, …)` in the caller's transaction; `replaceSlice`, `insertOffers`
 * - sums: `sliceTotals`, `portfolioCells`, `declinesByRule`
 */
export { ensureOfferTables, offersExist, OFFERS_TABLE } from './tables.ts';
export { OFFER_ROW_COLUMNS } from './sql.ts';
export { decidedOffers, isSliceSized, largestOffer, latestOfferColumns, latestOfferRow, latestOffersColumns } from './read.ts';
export { offersQueue, type QueueEntry, type QueueOffer, type QueueRequest } from './queue.ts';
export { changeOfferStatus, type StatusChange } from './status.ts';
export { insertOffers, replaceSlice, sliceTotals, type SliceTotals } from './slice.ts';
export { declinesByRule, portfolioCells, type PortfolioCellRow } from './portfolio.ts';
