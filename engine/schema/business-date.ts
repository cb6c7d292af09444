/**
 * The warehouse's business date: the day the bank's books stand at. It is the later of the
 * latest day of loaded turnover and the latest as-of date a run was given (`capillary run
 * --as-of`), and never goes back (the ledger is appended in business-date order). Each time it
 * moves forward a row records the new date, what set it and when.
 */
import { z } from 'zod';
import { isoDate, localTimestamp } from './columns.ts';

export const BusinessDateSetBySchema = z.enum(['turnover', 'as_of']);
export type BusinessDateSetBy = z.infer<typeof BusinessDateSetBySchema>;

export const BusinessDateSchema = z
  .object({
    business_date: isoDate(),
    /** What moved it: the latest day of loaded turnover, or a run's --as-of. */
    set_by: BusinessDateSetBySchema,
    set_at: localTimestamp(),
  })
  .strict();
export type BusinessDateRow = z.infer<typeof BusinessDateSchema>;
