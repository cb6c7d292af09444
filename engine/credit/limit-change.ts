/**
 * A merchant with an open line who accepts its next offer keeps the line and gets a new limit
 * (a `limit_changed` event): the line's limit becomes what the policy says the merchant may owe
 * in all, never below what it owes now (a limit under the balance would put a line over its
 * limit by the bank's own act).
 *
 * Under line.existing_balance = 'deducted' the offer sized the most the merchant may owe and took
 * the balance it saw off it (trace step line_after_balance), so the offer's line is room on top
 * of that balance: the limit is that balance plus the offer's line. The balance is the one the
 * offer was sized against (its row's balance_fen), not the balance at acceptance: a draw made
 * between the offers run and the acceptance then uses room inside the total the policy approved
 * instead of adding to it, and a repayment made since leaves more room, still within that total.
 * Under 'ignored' the offer's line is the whole line, so it is the limit.
 *
 * @example
 *   limitOnNewOffer({ line_fen: 3_000_000, balance_fen: 1_200_000 }, 900_000, 'deducted'); // 4_200_000
 *   limitOnNewOffer({ line_fen: 3_000_000, balance_fen: 1_200_000 }, 3_500_000, 'ignored'); // 3_500_000
 */
import type { CreditPolicy } from './policy.ts';

export interface NewOffer {
  /** The new offer's line (after any officer adjustment). */
  line_fen: number;
  /** The Easy Loan balance the offer was sized against (its features' balance_fen). */
  balance_fen: number;
}

/** The open line's new limit when its merchant accepts `offer`, owing `balanceNowFen`. */
export function limitOnNewOffer(offer: NewOffer, balanceNowFen: number, existingBalance: CreditPolicy['line']['existing_balance']): number {
  const sized = existingBalance === 'deducted' ? offer.balance_fen + offer.line_fen : offer.line_fen;
  return Math.max(sized, balanceNowFen);
}
