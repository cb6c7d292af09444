/**
 * `capillary offers --as-of DATE`: every merchant of the warehouse decided under an Easy Loan
 * policy (an offer, or a decline naming its rules), written to the `offers` table, then the
 * portfolio summary by segment and grade.
 */
import { Database } from '../../engine/db/index.ts';
import { formatPortfolio, sizeOffers } from '../../pipelines/offers/index.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { warehousePath } from '../warehouse-option.ts';
import { progressBar } from '../progress-bar.ts';
import { UsageError } from '../usage-error.ts';
import { dateValue } from './model-options.ts';
import { policyValues } from './policy-option.ts';

export const offers: Command = {
  summary: 'decide an Easy Loan offer or decline for every merchant at an as-of date (writes the offers table)',
  usage: `--as-of DATE [--policy FILE] [--model ID] [--db FILE]

  --as-of DATE    the date whose features and scores to decide on (\`capillary score --as-of DATE\` first)
  --policy FILE   an Easy Loan policy as JSON (engine/credit/policy.ts); default: the built-in policy
  --model ID      the model whose scores give the PD (default: the champion)
  --db FILE       warehouse (default ${dbOption.db.default})

Rerunning a date replaces that date's offers (officers' decisions on them included).`,
  options: { 'as-of': { type: 'string' }, policy: { type: 'string' }, model: { type: 'string' }, ...dbOption },
  async run(values: OptionValues): Promise<number> {
    const asOfDate = dateValue(values, 'as-of');
    if (!asOfDate) throw new UsageError('--as-of DATE is required');
    const [policy] = policyValues(values.policy);
    const modelId = typeof values.model === 'string' ? values.model : undefined;
    const db = await Database.open(warehousePath(values, { create: false }));
    try {
      const run = await sizeOffers(db, { asOfDate, policy, modelId, onProgress: progressBar() });
      process.stdout.write(
        `decided ${run.merchants.toLocaleString('en-US')} merchants as of ${asOfDate} under policy ${run.policyVersion} with model ${run.modelId} ` +
          `in ${run.seconds.toFixed(2)} s (${Math.round(run.merchants / run.seconds).toLocaleString('en-US')} merchants/s): ` +
          `${run.offers.toLocaleString('en-US')} offers, ${run.declines.toLocaleString('en-US')} declines; written to offers (run ${run.runId})\n\n` +
          formatPortfolio(run.summary),
      );
      return 0;
    } finally {
      db.close();
    }
  },
};
