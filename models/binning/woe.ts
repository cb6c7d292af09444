/**
 * Weight of evidence and information value. WoE = ln(%good / %bad): positive where goods
 * concentrate. A bin with no goods or no bads would give ±∞, so both counts get 0.5 added
 * (the usual smoothing); an empty bin (a missing bin never seen in training) gets WoE 0, the
 * neutral evidence it carries.
 *
 * IV bands (Siddiqi): < 0.02 useless, < 0.1 weak, < 0.3 medium, < 0.5 strong, above that
 * suspiciously strong (a leak or a proxy for the target).
 */
import type { Bin } from './types.ts';

export type IvBand = 'useless' | 'weak' | 'medium' | 'strong' | 'suspicious';

export const SMOOTHING = 0.5;

/** WoE and IV contribution of one bin, given the totals over all bins; `cap` bounds the WoE from above. */
export function woeOf(good: number, bad: number, totalGood: number, totalBad: number, cap = Infinity): { woe: number; iv: number } {
  if (good + bad === 0) return { woe: 0, iv: 0 };
  const g = good === 0 || bad === 0 ? good + SMOOTHING : good;
  const b = good === 0 || bad === 0 ? bad + SMOOTHING : bad;
  const goodShare = g / totalGood;
  const badShare = b / totalBad;
  const woe = Math.min(cap, Math.log(goodShare / badShare));
  return { woe, iv: (goodShare - badShare) * woe };
}

/**
 * Fills WoE and IV of every bin in place and returns the total IV. A missing bin's WoE is capped
 * at neutral (0) and at the best value bin's: a row whose value is unknown never scores better
 * than the average, nor than the best-evidenced known value — a few missing rows that happened
 * to be good must not become the cheapest way to a high score.
 */
export function fillWoe(bins: Bin[]): number {
  let totalGood = 0;
  let totalBad = 0;
  for (const bin of bins) {
    totalGood += bin.good;
    totalBad += bin.bad;
  }
  if (totalGood === 0 || totalBad === 0) throw new Error('WoE needs both goods and bads');
  let best = -Infinity;
  for (const bin of bins) {
    if (bin.kind === 'missing') continue;
    Object.assign(bin, woeOf(bin.good, bin.bad, totalGood, totalBad));
    if (bin.good + bin.bad > 0) best = Math.max(best, bin.woe);
  }
  let iv = 0;
  for (const bin of bins) {
    if (bin.kind === 'missing') Object.assign(bin, woeOf(bin.good, bin.bad, totalGood, totalBad, Math.min(0, best)));
    iv += bin.iv;
  }
  return iv;
}

/** IV of plain (good, bad) counts per bin, for comparing candidate binnings. */
export function ivOf(counts: { good: number; bad: number }[], totalGood: number, totalBad: number): number {
  let iv = 0;
  for (const c of counts) iv += woeOf(c.good, c.bad, totalGood, totalBad).iv;
  return iv;
}

export function ivBand(iv: number): IvBand {
  return iv < 0.02 ? 'useless' : iv < 0.1 ? 'weak' : iv < 0.3 ? 'medium' : iv < 0.5 ? 'strong' : 'suspicious';
}
