/**
 * A rule added by one entry in a policy's table reaches every face of the decision, with no
 * other change: the bulk sizing of the warehouse declines merchants naming it, `decide` rebuilds
 * the same decline from the stored row, the merchant's offer says what would change it in the
 * rule's own words, and the officer's review and page list it in the officer's words. Reason
 * codes are stored as feature and points lost only, and both wordings are rendered when read.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, formatRmb, parsePolicy, type CreditPolicy, type RuleEntry } from '../../engine/credit/index.ts';
import { Database } from '../../engine/db/index.ts';
import { latestOffer, officerWords, plainWords, sizeOffers } from '../../pipelines/offers/index.ts';
import { TOKEN_COOKIE } from '../auth/middleware.ts';
import { startServer, type RunningServer } from '../server.ts';
import { fixtureWarehouse } from '../testing/fixture-warehouse.ts';
import { FIXTURE_TIMEOUT_MS } from '../testing/test-server.ts';

let dir: string;
let server: RunningServer;
let policy: CreditPolicy;
let threshold: number;
/** Merchants the policy offered a line before the new rule, declined by it alone after. */
let caught: string[];
let declinedByRule: number;
/** The stored reason codes of the first caught merchant. */
let storedReasons: unknown[];

beforeAll(async () => {
  const fixture = await fixtureWarehouse();
  dir = fixture.dir;
  const db = await Database.open(fixture.db);
  try {
    const asOf = (await db.one<{ d: string }>('SELECT CAST(max(as_of_date) AS VARCHAR) AS d FROM offers'))!.d;
    // The median seasonally adjusted monthly turnover of the merchants offered a line today.
    threshold = Number((await db.one<{ m: number }>(
      `SELECT CAST(quantile_disc(monthly_turnover_sa_fen, 0.5) AS DOUBLE) AS m FROM offers WHERE as_of_date = CAST($d AS DATE) AND outcome = 'offer'`, { d: asOf },
    ))!.m);
    const offeredBefore = new Set((await db.all<{ merchant_id: string }>(
      `SELECT merchant_id FROM offers WHERE as_of_date = CAST($d AS DATE) AND outcome = 'offer'`, { d: asOf },
    )).map((r) => r.merchant_id));
    const rule: RuleEntry = {
      rule: 'min_monthly_turnover', input: 'monthly_turnover_sa_fen', comparison: '>=', threshold, unit: 'fen',
      officer: 'average monthly turnover, seasonally adjusted',
      merchant: { to_qualify: 'grow your monthly sales to {threshold} (you have {value})' },
    };
    policy = parsePolicy({ ...DEFAULT_POLICY, version: 'with-min-monthly', eligibility: [...DEFAULT_POLICY.eligibility, rule] });
    await sizeOffers(db, { asOfDate: asOf, policy });
    const declined = await db.all<{ merchant_id: string; declined_rules: string }>(
      `SELECT merchant_id, declined_rules FROM offers WHERE as_of_date = CAST($d AS DATE) AND declined_rules LIKE '%min_monthly_turnover%' ORDER BY merchant_id`, { d: asOf },
    );
    declinedByRule = declined.length;
    caught = declined.filter((r) => r.declined_rules === 'min_monthly_turnover' && offeredBefore.has(r.merchant_id)).map((r) => r.merchant_id);
    storedReasons = JSON.parse((await db.one<{ r: string }>('SELECT reason_codes AS r FROM offers WHERE merchant_id = $id AND as_of_date = CAST($d AS DATE)', { id: caught[0], d: asOf }))!.r);
    // The stored row and `decide` on its inputs agree (latestOffer refuses a row its policy sizes otherwise).
    for (const id of caught.slice(0, 20)) {
      const latest = (await latestOffer(db, id))!;
      expect(latest.decision.outcome).toBe('decline');
      if (latest.decision.outcome === 'decline') expect(latest.decision.failed.map((f) => f.rule)).toEqual(['min_monthly_turnover']);
    }
  } finally {
    db.close();
  }
  server = await startServer({ db: fixture.db, port: 0, host: '127.0.0.1', log: () => {}, resumeJobs: false });
}, FIXTURE_TIMEOUT_MS);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string, token: string, cookie = false) => {
  const response = await fetch(`${server.url}${path}`, { headers: cookie ? { cookie: `${TOKEN_COOKIE}=${token}` } : { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
};
const officer = () => server.context.tokens.sign({ role: 'officer', sub: 'officer.wang' });
const merchant = (id: string) => server.context.tokens.sign({ role: 'merchant', sub: id, merchant_id: id });

describe('a rule added by one entry in the policy table', () => {
  it('declines merchants in the bulk sizing, some of them offered a line before', () => {
    expect(declinedByRule).toBeGreaterThan(0);
    expect(caught.length).toBeGreaterThan(0);
  });

  it("tells the merchant what would change the answer, in the rule's words", async () => {
    const id = caught[0];
    const r = await get(`/api/v1/merchants/${id}/offer`, await merchant(id));
    expect(r.status).toBe(200);
    const offer = JSON.parse(r.text);
    expect(offer.outcome).toBe('decline');
    expect(offer.failed_rules.map((f: { rule: string }) => f.rule)).toEqual(['min_monthly_turnover']);
    expect(offer.failed_rules[0]).toMatchObject({ comparison: '>=', threshold, unit: 'fen', passed: false });
    expect(offer.explanation).toContain(`To qualify: grow your monthly sales to ${formatRmb(threshold)} (you have ${formatRmb(offer.failed_rules[0].value)}).`);
  });

  it("shows the officer the rule in the review's checks and trace", async () => {
    const r = await get(`/api/v1/reviews/${caught[0]}`, await officer());
    expect(r.status).toBe(200);
    const review = JSON.parse(r.text);
    const check = review.decision.checks.find((c: { rule: string }) => c.rule === 'min_monthly_turnover');
    expect(check).toMatchObject({ passed: false, officer: 'average monthly turnover, seasonally adjusted' });
    expect(review.explanation[0]).toMatch(/^DECLINE .* failed min_monthly_turnover \(policy with-min-monthly/);
    expect(review.explanation.join('\n')).toMatch(new RegExp(`rule\\.min_monthly_turnover\\s+FAIL\\s+RMB [\\d,.]+ >= ${formatRmb(threshold).replace('.', '\\.')}: FAIL`));
  });

  it("lists the rule on the officer's page", async () => {
    const r = await get(`/officer/offers/${caught[0]}`, await officer(), true);
    expect(r.status).toBe(200);
    const row = /<tr data-rule="min_monthly_turnover">(.*?)<\/tr>/s.exec(r.text);
    expect(row).not.toBeNull();
    expect(row![1]).toContain('average monthly turnover, seasonally adjusted');
    expect(row![1]).toContain(`&gt;= ${formatRmb(threshold)}`);
    expect(row![1]).toContain('<strong>FAIL</strong>');
  });

  it('stores reason codes as feature and points lost, and renders the merchant\'s and the officer\'s words when read', async () => {
    expect(storedReasons.length).toBeGreaterThan(0);
    for (const r of storedReasons) expect(Object.keys(r as object).sort()).toEqual(['feature', 'points_lost']);
    const features = (storedReasons as { feature: string }[]).map((r) => r.feature);
    const id = caught[0];
    const offer = JSON.parse((await get(`/api/v1/merchants/${id}/offer`, await merchant(id))).text);
    expect(offer.reasons).toEqual(features.map(plainWords));
    const page = (await get(`/officer/offers/${id}`, await officer(), true)).text;
    const table = /<table id="reason-codes">(.*?)<\/table>/s.exec(page)![1];
    for (const f of features) {
      expect(table).toContain(`<td>${f}</td>`);
      expect(table).toContain(officerWords(f).replaceAll("'", '&#39;'));
      expect(table).toContain(plainWords(f).replaceAll("'", '&#39;'));
    }
  });
});
