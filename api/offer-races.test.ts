/**
 * An offer's state changes in one transaction each: a merchant's acceptance racing an officer's
 * decision, 100 pairs at once on a real server over a real DuckDB file. Whoever commits first
 * wins and the other gets a 409 with the current state; a declined offer never opens a line; an
 * adjusted one opens exactly the adjusted line; no race ends in a 5xx. Expired offers: 409.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendLineEvents } from '../pipelines/lines/append-events.ts';
import { merchantLines } from '../pipelines/lines/line-events.ts';
import { FIXTURE_TIMEOUT_MS, FIXTURE_TODAY, startTestServer, type TestServer } from './testing/test-server.ts';

let t: TestServer;
let officer: string;
let merchants: { merchant_id: string; line_fen: number; as_of_date: string }[];

beforeAll(async () => {
  t = await startTestServer();
  officer = await t.token('officer');
  const page = await t.call('GET', '/api/v1/reviews?outcome=offer&status=suggested&limit=60&sort=merchant_id&order=asc', { token: officer });
  merchants = page.json.items;
}, FIXTURE_TIMEOUT_MS);
afterAll(async () => t?.close());

const PAIRS = 100;
type Decision = { action: 'approve' } | { action: 'decline'; reason: string } | { action: 'adjust'; line_fen: number; reason: string };

/** The merchant's lines not closed, from the ledger. */
async function openLines(merchantId: string): Promise<{ line_id: string; line_fen: number }[]> {
  const lines = await merchantLines(t.server.context.db, merchantId);
  return lines.filter((l) => l.state.status !== 'closed').map((l) => ({ line_id: l.state.line_id, line_fen: l.state.limit_fen }));
}

/** Puts the merchants' offers back as the policy suggested them, their lines closed, for another round. */
async function reset(ids: string[]): Promise<void> {
  const db = t.server.context.db;
  for (const m of merchants.filter((x) => ids.includes(x.merchant_id))) {
    for (const line of await openLines(m.merchant_id)) {
      await appendLineEvents(db, { line_id: line.line_id, merchant_id: m.merchant_id, business_date: FIXTURE_TODAY, source: 'officer', events: [{ event_type: 'closed', amount_fen: 0, reason: 'the race test starts another round' }] });
    }
    await db.run(
      `UPDATE offers SET status = 'suggested', line_fen = $line, expires_on = CAST($today AS DATE) + INTERVAL 30 DAY, decided_by = NULL, decided_at = NULL, officer_note = NULL
       WHERE merchant_id = $id AND as_of_date = CAST($as_of AS DATE)`,
      { id: m.merchant_id, line: m.line_fen, as_of: m.as_of_date, today: FIXTURE_TODAY },
    );
    await t.server.context.offers.refresh(db, m.merchant_id);
  }
}

describe('an acceptance racing a decision', () => {
  it(`opens no line on a declined offer and none above an adjusted one, with no 5xx, over ${PAIRS} pairs`, async () => {
    expect(merchants.length).toBeGreaterThanOrEqual(20);
    const tally = { accept: {} as Record<number, number>, decision: {} as Record<number, number>, why: {} as Record<string, number> };
    const violations: string[] = [];
    let pair = 0;
    while (pair < PAIRS) {
      const round = merchants.slice(0, Math.min(merchants.length, PAIRS - pair));
      await reset(round.map((m) => m.merchant_id));
      const results = await Promise.all(
        round.map(async (m, i) => {
          const kind = (pair + i) % 3;
          const decision: Decision =
            kind === 0 ? { action: 'decline', reason: 'race: decline' } : kind === 1 ? { action: 'adjust', line_fen: Math.max(1, Math.floor(m.line_fen / 1000)), reason: 'race: adjust' } : { action: 'approve' };
          const merchantToken = await t.token('merchant', m.merchant_id);
          // Either side may start first, by a few milliseconds, so that both orders get raced.
          const head = (pair + i) % 2 === 0 ? 0 : 3;
          const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
          const [accept, decided] = await Promise.all([
            later(head).then(() => t.call('POST', `/api/v1/merchants/${m.merchant_id}/offer/accept`, { token: merchantToken })),
            later(3 - head).then(() => t.call('POST', `/api/v1/reviews/${m.merchant_id}/decisions`, { token: officer, body: decision })),
          ]);
          return { m, decision, accept, decided };
        }),
      );
      pair += round.length;
      for (const { m, decision, accept, decided } of results) {
        tally.accept[accept.status] = (tally.accept[accept.status] ?? 0) + 1;
        tally.decision[decided.status] = (tally.decision[decided.status] ?? 0) + 1;
        if (![201, 409].includes(accept.status)) violations.push(`${m.merchant_id} accept ${accept.status} ${JSON.stringify(accept.json)}`);
        if (![201, 409].includes(decided.status)) violations.push(`${m.merchant_id} decision ${decided.status} ${JSON.stringify(decided.json)}`);
        for (const r of [accept, decided]) {
          if (r.status !== 409) continue;
          tally.why[String(r.json.detail).slice(0, 40)] = (tally.why[String(r.json.detail).slice(0, 40)] ?? 0) + 1;
          if (!r.json.current?.status) violations.push(`${m.merchant_id} 409 without the current state: ${JSON.stringify(r.json)}`);
        }
        const lines = await openLines(m.merchant_id);
        const offer = await t.server.context.db.one<{ status: string; line_fen: number }>(
          'SELECT status, line_fen FROM offers WHERE merchant_id = $id AND as_of_date = CAST($as_of AS DATE)',
          { id: m.merchant_id, as_of: m.as_of_date },
        );
        if (lines.length !== (accept.status === 201 ? 1 : 0)) violations.push(`${m.merchant_id}: ${lines.length} lines after accept ${accept.status}`);
        if (offer!.status === 'rejected' && lines.length > 0) violations.push(`${m.merchant_id}: a line on a rejected offer`);
        for (const line of lines) {
          if (line.line_fen !== offer!.line_fen) violations.push(`${m.merchant_id}: line ${line.line_fen} vs offer ${offer!.line_fen}`);
          if (decision.action === 'adjust' && decided.status === 201 && line.line_fen !== decision.line_fen) violations.push(`${m.merchant_id}: line ${line.line_fen} above the adjusted ${decision.line_fen}`);
          if (decision.action === 'decline' && decided.status === 201) violations.push(`${m.merchant_id}: declined and opened`);
        }
        if (accept.status === 201 && offer!.status !== 'accepted') violations.push(`${m.merchant_id}: accepted but the offer is ${offer!.status}`);
        if (accept.status === 201 && accept.json.line_fen !== offer!.line_fen) violations.push(`${m.merchant_id}: the accept answered ${accept.json.line_fen}, the offer is ${offer!.line_fen}`);
      }
    }
    console.log(`offer races: ${pair} pairs; accept ${JSON.stringify(tally.accept)}; decision ${JSON.stringify(tally.decision)}; 409s: ${JSON.stringify(tally.why)}`);
    expect(violations).toEqual([]);
    expect(pair).toBe(PAIRS);
    // Both orders happened: some acceptances won, some decisions did.
    expect(tally.accept[201] ?? 0).toBeGreaterThan(0);
    expect(tally.decision[201] ?? 0).toBeGreaterThan(0);
  }, 180_000);
});

describe('expiry', () => {
  it('refuses to accept an offer past its expires_on (409 with the offer), and accepts it while valid', async () => {
    const [m] = merchants;
    await reset([m.merchant_id]);
    const db = t.server.context.db;
    await db.run('UPDATE offers SET expires_on = CAST($today AS DATE) - INTERVAL 1 DAY WHERE merchant_id = $id AND as_of_date = CAST($as_of AS DATE)', {
      id: m.merchant_id,
      as_of: m.as_of_date,
      today: FIXTURE_TODAY,
    });
    const token = await t.token('merchant', m.merchant_id);
    const expired = await t.call('POST', `/api/v1/merchants/${m.merchant_id}/offer/accept`, { token });
    expect(expired.status).toBe(409);
    expect(expired.json.detail).toMatch(/expired/);
    expect(expired.json.current.status).toBe('suggested');
    expect(await openLines(m.merchant_id)).toEqual([]);
    await db.run('UPDATE offers SET expires_on = CAST($today AS DATE) WHERE merchant_id = $id AND as_of_date = CAST($as_of AS DATE)', { id: m.merchant_id, as_of: m.as_of_date, today: FIXTURE_TODAY });
    expect((await t.call('POST', `/api/v1/merchants/${m.merchant_id}/offer/accept`, { token })).status).toBe(201);
  });
});
