/**
 * What a merchant sees of their latest offer: the line, rate, instalment options and expiry with
 * plain reasons — or, when declined, why and what would change it. An officer's adjusted line
 * replaces the policy's, and its instalments are priced at the same rate.
 */
import { z } from 'zod';
import { explainForMerchant, type CreditPolicy, type Decision } from '../../engine/credit/index.ts';
import { InstalmentOptionSchema, RuleCheckSchema } from '../../engine/credit/decision.ts';
import { fen, isoDate, merchantId } from '../../engine/schema/columns.ts';
import { RepaymentModeSchema } from '../../engine/schema/line-event.ts';
import { OfferOutcomeSchema, OfferStatusSchema } from '../../engine/schema/offer.ts';
import { parseReasonCodes, plainWords } from '../../pipelines/offers/index.ts';
import { failedRules, instalmentOptions, type OfferInputs } from './offer-decision.ts';

export const MerchantOfferSchema = z
  .object({
    merchant_id: merchantId(),
    as_of_date: isoDate(),
    outcome: OfferOutcomeSchema,
    status: OfferStatusSchema,
    line_fen: fen().nullable(),
    annual_rate: z.number().min(0).max(1).nullable(),
    instalment_options: z.array(InstalmentOptionSchema),
    expires_on: isoDate().nullable(),
    /** A few plain sentences: the offer, or why not and what would change it. */
    explanation: z.string(),
    /** What weighed most on the assessment, in plain words (at most four). */
    reasons: z.array(z.string()),
    /** The rules a decline failed, with the merchant's value, the threshold and the rule's words. */
    failed_rules: z.array(RuleCheckSchema),
    /** How the line may be repaid (accept with ?repayment=), the first being the default; empty on a decline. */
    repayment_modes: z.array(RepaymentModeSchema),
    /** The share of each day's settled sales a holdback line keeps back. */
    holdback_share: z.number().min(0).max(1),
  })
  .strict();
export type MerchantOffer = z.infer<typeof MerchantOfferSchema>;

export function merchantOffer(row: OfferInputs, policy: CreditPolicy): MerchantOffer {
  const reasonCodes = parseReasonCodes(row.reason_codes);
  const isOffer = row.outcome === 'offer' && row.line_fen !== null && row.annual_rate !== null && row.expires_on !== null;
  const options = isOffer ? instalmentOptions(row.line_fen!, row.annual_rate!, policy) : [];
  const failed = isOffer ? [] : failedRules(row, policy, reasonCodes);
  // explainForMerchant reads only these fields of a Decision.
  const decision = (
    isOffer
      ? { outcome: 'offer', line_fen: row.line_fen, annual_rate: row.annual_rate, instalment_options: options, expires_on: row.expires_on, reason_codes: reasonCodes }
      : { outcome: 'decline', failed, reason_codes: reasonCodes }
  ) as Decision;
  return {
    merchant_id: row.merchant_id,
    as_of_date: row.as_of_date,
    outcome: row.outcome,
    status: row.status,
    line_fen: isOffer ? row.line_fen : null,
    annual_rate: isOffer ? row.annual_rate : null,
    instalment_options: options,
    expires_on: isOffer ? row.expires_on : null,
    explanation: explainForMerchant(decision, plainWords),
    reasons: reasonCodes.map((r) => plainWords(r.feature)),
    failed_rules: failed,
    repayment_modes: isOffer ? policy.repayment.modes : [],
    holdback_share: policy.repayment.holdback_share,
  };
}
