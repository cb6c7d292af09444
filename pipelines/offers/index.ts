/**
 * pipelines/offers: Easy Loan offers from the warehouse.
 *
 * - `sizeOffers(db, { asOfDate, policy?, modelId?, onProgress })` decides every merchant at a
 *   date and writes the `offers` slice (replacing the date's rows, keeping officers' decisions and
 *   merchants' acceptances: kept-decisions.ts) and an `offer_runs` row.
 * - `latestOffer(db, merchantId)` reads one merchant's latest row with its full Decision
 *   (trace, checks, instalment options), rebuilt from the row's inputs and its run's policy.
 *   Rows hold no Decision JSON: at 1.5M merchants it would be 5.5 GB (engine/schema/offer.ts).
 * - `portfolioSummary(db, asOfDate)`: counts, approval, lines and expected loss by segment and grade.
 * - `store/`: every query on the `offers` table (the one place SQL names it), re-exported here.
 */
export { sizeOffers, type OffersRun, type SizeOffersOptions } from './size-offers.ts';
export { applicantOf, type ApplicantRow, latestOffer, offerDecision, runPolicy, type OfferWithDecision } from './read-offer.ts';
export { portfolioSummary } from './portfolio.ts';
export { formatPortfolio } from './format-portfolio.ts';
export { OFFER_RUNS_TABLE } from './tables.ts';
export * from './store/index.ts';
export { decideColumns, DECLINE, OFFER, type ApplicantColumns, type DecisionColumns } from './decide-columns.ts';
export { APPLICANTS_TABLE, buildApplicants, readApplicantColumns } from './applicants.ts';
export { parseReasonCodes } from './reason-codes.ts';
export { officerWords, plainWords } from './reason-words.ts';
