/**
 * One Easy Loan book, end to end (issue 13's first Done-when): a simulated network built through
 * offers; `capillary serve` (a child process, no --business-date: the warehouse's own) lets a
 * merchant accept its offer, draw and repay over HTTP; the server stops; `capillary run --through
 * offers --as-of` a month after the offer; that merchant's features and its new offer show the
 * balance drawn and repaid (EAD counts it, the new line is reduced by it), and the officer page,
 * over HTTP from a server started again, shows the line's history from the one ledger. Accepting
 * that new offer changes the open line's limit (a `limit_changed` event on the same line): the
 * balance owed plus the new line, so what is available is the new line (easy-loan-2025.3 deducts it).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../engine/calendar/days.ts';
import { DEFAULT_POLICY, exposureAtDefault, formatRmb } from '../engine/credit/index.ts';
import { Database } from '../engine/db/index.ts';
import { simulate } from '../engine/simulator/index.ts';
import { buildWarehouse } from '../pipelines/build-warehouse.ts';
import { monthlyAsOfDates } from '../pipelines/runner.ts';
import { tempDir } from '../pipelines/testing/write-lake.ts';
import { capillary } from './testing/run-capillary.ts';
import { call, killServerChildren, serveChild, tokenFor } from './testing/serve-child.ts';

// 763 days from 2022-12-31: monthly as-of dates on the 1st from 2023-07-01, and 2025-01-31 the last
// day of turnover, the business date the server takes.
const NETWORK = { merchants: 400, days: 763, start: '2022-12-31', seed: 11, grain: 'settlement' as const };
const TODAY = addDays(NETWORK.start, NETWORK.days - 1);
const OFFER_AS_OF = '2025-01-01';
const LATER = '2025-02-01';

let dir: string;
let warehouse: string;
beforeAll(async () => {
  dir = tempDir();
  const lake = join(dir, 'lake');
  await simulate({ ...NETWORK, out: lake });
  warehouse = join(dir, 'capillary.duckdb');
  const db = await Database.open(warehouse);
  try {
    await buildWarehouse(db, { lake, through: 'offers', asOfDates: monthlyAsOfDates(addDays(NETWORK.start, 182), OFFER_AS_OF) });
  } finally {
    db.close();
  }
}, 240_000);
afterAll(() => {
  killServerChildren();
  rmSync(dir, { recursive: true, force: true });
});

async function query<T extends Record<string, unknown>>(sql: string, params: Record<string, string>): Promise<T | undefined> {
  const db = await Database.open(warehouse, { readOnly: true });
  try {
    return await db.one<T>(sql, params);
  } finally {
    db.close();
  }
}

describe('a line opened through the API feeds the next offer', () => {
  it('accepts, draws and repays over HTTP; a run a month later sees it in features, the offer and the officer page', async () => {
    // A merchant offered a line, with no line in the bank's own book: its balance is the API's alone.
    // Its line is under the policy's largest, so that a month's sales can size the next one differently.
    const chosen = (await query<{ merchant_id: string; line_fen: number; ead_fen: number }>(
      `SELECT merchant_id, line_fen, ead_fen FROM offers
       WHERE as_of_date = CAST($as_of AS DATE) AND outcome = 'offer' AND merchant_id NOT IN (SELECT merchant_id FROM line_events)
         AND line_fen < CAST($max_line AS BIGINT)
       ORDER BY line_fen DESC, merchant_id LIMIT 1`,
      { as_of: OFFER_AS_OF, max_line: String(DEFAULT_POLICY.line.max_line_fen) },
    ))!;
    expect(chosen).toBeDefined();
    const merchant = chosen.merchant_id;
    const merchantToken = await tokenFor(warehouse, '--role', 'merchant', '--merchant', merchant);
    const officerToken = await tokenFor(warehouse, '--role', 'officer', '--name', 'officer.li');

    // The server takes the warehouse's business date: the last day of loaded turnover.
    const first = await serveChild(warehouse);
    const line = chosen.line_fen;
    const drawn = Math.floor((line * 0.6) / 100) * 100;
    const repaid = Math.floor(drawn / 3);
    let lineId = '';
    try {
      const accepted = await call(first.url, 'POST', `/api/v1/merchants/${merchant}/offer/accept`, merchantToken);
      expect(accepted.status, JSON.stringify(accepted.json)).toBe(201);
      expect(accepted.json).toMatchObject({ line_fen: line, opened_date: TODAY });
      lineId = accepted.json.line_id;
      const draw = await call(first.url, 'POST', `/api/v1/merchants/${merchant}/line/draws`, merchantToken, { amount_fen: drawn, instalments: 6 }, 'e2e-draw-1');
      expect(draw.status, JSON.stringify(draw.json)).toBe(201);
      const repay = await call(first.url, 'POST', `/api/v1/merchants/${merchant}/line/repayments`, merchantToken, { amount_fen: repaid }, 'e2e-repay-1');
      expect(repay.status, JSON.stringify(repay.json)).toBe(201);
      expect(repay.json.line).toMatchObject({ balance_fen: drawn - repaid, available_fen: line - (drawn - repaid) });
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const owed = drawn - repaid;

    const ledger = await query<{ events: string; dates: string; sources: string }>(
      `SELECT string_agg(CAST(event_type AS VARCHAR), ',' ORDER BY business_date, event_id) AS events,
              string_agg(DISTINCT CAST(business_date AS VARCHAR), ',') AS dates, string_agg(DISTINCT CAST(source AS VARCHAR), ',') AS sources
       FROM line_events WHERE merchant_id = $merchant`,
      { merchant },
    );
    expect(ledger).toEqual({ events: 'accepted,drawn,repaid', dates: TODAY, sources: 'api' });

    const run = await capillary('run', '--through', 'offers', '--as-of', LATER, '--db', warehouse);
    expect(run.code, run.stderr).toBe(0);

    const features = (await query<{ has_open_line: boolean; balance_fen: number; utilisation: number; current_dpd: number; n_draws_365d: number; repayment_ratio_365d: number }>(
      `SELECT has_open_line, balance_fen, utilisation, current_dpd, n_draws_365d, repayment_ratio_365d FROM features
       WHERE merchant_id = $merchant AND as_of_date = CAST($as_of AS DATE)`,
      { merchant, as_of: LATER },
    ))!;
    expect(features).toMatchObject({ has_open_line: true, balance_fen: owed, current_dpd: 0, n_draws_365d: 1 });
    expect(features.utilisation).toBeCloseTo(owed / line, 6);
    expect(features.repayment_ratio_365d).toBeCloseTo(repaid / drawn, 6);

    const next = (await query<{ outcome: string; balance_fen: number; line_fen: number | null; ead_fen: number | null; policy_version: string }>(
      `SELECT outcome, balance_fen, line_fen, ead_fen, policy_version FROM offers WHERE merchant_id = $merchant AND as_of_date = CAST($as_of AS DATE)`,
      { merchant, as_of: LATER },
    ))!;
    expect(next).toMatchObject({ outcome: 'offer', balance_fen: owed, policy_version: 'easy-loan-2025.3' });
    // EAD counts the balance owed; the new line is what the policy sized less it.
    expect(next.ead_fen).toBe(exposureAtDefault(next.line_fen!, owed, DEFAULT_POLICY.expected_loss).ead_fen);
    expect(next.ead_fen!).toBeGreaterThan(owed);
    expect((await query<{ d: string }>('SELECT CAST(max(business_date) AS VARCHAR) AS d FROM business_dates', {}))!.d).toBe(LATER);

    const again = await serveChild(warehouse);
    try {
      const offer = await call(again.url, 'GET', `/api/v1/merchants/${merchant}/offer`, merchantToken);
      expect(offer.json).toMatchObject({ as_of_date: LATER, outcome: 'offer', line_fen: next.line_fen });
      const review = await call(again.url, 'GET', `/api/v1/reviews/${merchant}`, officerToken);
      const step = (name: string) => (review.json.decision.trace as { step: string; value: unknown; detail: string }[]).find((t) => t.step === name)!;
      expect(step('input.balance_fen').value).toBe(owed);
      const sized = step('line_rounded').value as number;
      const unit = DEFAULT_POLICY.line.rounding_fen;
      expect(next.line_fen).toBe(Math.max(0, sized - Math.ceil(owed / unit) * unit));
      expect(step('line_after_balance').detail).toContain(`for the Easy Loan balance still owed (${formatRmb(owed)}`);

      const page = await fetch(`${again.url}/officer/offers/${merchant}`, { headers: { cookie: `capillary_token=${officerToken}` } });
      expect(page.status).toBe(200);
      const html = await page.text();
      const history = [...html.matchAll(/<tr data-event="[^"]+" data-type="([a-z_]+)">(.*?)<\/tr>/g)];
      expect(history.map((m) => m[1])).toEqual(['repaid', 'drawn', 'accepted']);
      expect(history[0][2]).toContain(formatRmb(repaid));
      expect(history[1][2]).toContain(formatRmb(drawn));
      expect(history.every((m) => m[2].includes(TODAY) && m[2].includes('>api<'))).toBe(true);
      expect(html).toContain('line_after_balance');

      console.log(
        `one book: ${merchant} line ${formatRmb(line)} (offer of ${OFFER_AS_OF}, EAD ${formatRmb(chosen.ead_fen)}); drawn ${formatRmb(drawn)}, ` +
          `repaid ${formatRmb(repaid)}, owed ${formatRmb(owed)} on ${TODAY}; as of ${LATER}: sized ${formatRmb(sized)}, ` +
          `new line ${formatRmb(next.line_fen!)}, EAD ${formatRmb(next.ead_fen!)}`,
      );

      // Accepting the new offer changes the open line's limit; the line, its balance and its history stay.
      const reoffered = await call(again.url, 'POST', `/api/v1/merchants/${merchant}/offer/accept`, merchantToken);
      expect(reoffered.status, JSON.stringify(reoffered.json)).toBe(201);
      const limit = owed + next.line_fen!;
      expect(reoffered.json).toMatchObject({ line_id: lineId, status: 'open', opened_date: TODAY, line_fen: limit, balance_fen: owed, available_fen: limit - owed });
      expect(reoffered.json.available_fen).toBe(next.line_fen);
      expect(limit).not.toBe(line);
      const current = await call(again.url, 'GET', `/api/v1/merchants/${merchant}/line`, merchantToken);
      expect(current.json).toMatchObject({ line_id: lineId, line_fen: limit, available_fen: limit - owed });
      const changedPage = await (await fetch(`${again.url}/officer/offers/${merchant}`, { headers: { cookie: `capillary_token=${officerToken}` } })).text();
      const changedHistory = [...changedPage.matchAll(/<tr data-event="[^"]+" data-type="([a-z_]+)">(.*?)<\/tr>/g)];
      expect(changedHistory.map((m) => m[1])).toEqual(['limit_changed', 'repaid', 'drawn', 'accepted']);
      expect(changedHistory[0][2]).toContain(LATER);
      console.log(`one book: ${merchant} accepted the offer of ${LATER} on its open line: limit ${formatRmb(line)} → ${formatRmb(limit)}, available ${formatRmb(limit - owed)}`);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  }, 300_000);
});
