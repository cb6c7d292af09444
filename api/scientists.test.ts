/**
 * Data scientists through a real server: training as a job with progress, the registry (list,
 * compare, promote), scoring and sizing offers as jobs (the serving index follows), drift, and
 * features exported as Parquet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TIMEOUT_MS, startTestServer, type TestServer } from './testing/test-server.ts';

let t: TestServer;
let scientist: string;

beforeAll(async () => {
  t = await startTestServer();
  scientist = await t.token('scientist');
}, FIXTURE_TIMEOUT_MS);
afterAll(async () => t?.close());

async function finished(jobId: string): Promise<{ status: string; result: any; error: string | null; progress: number; stage: string | null }> {
  for (;;) {
    const r = await t.call('GET', `/api/v1/jobs/${jobId}`, { token: scientist });
    expect(r.status).toBe(200);
    if (r.json.status === 'succeeded' || r.json.status === 'failed') return r.json;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('models and jobs', () => {
  let champion: string;
  let challenger: string;

  it('lists the registry with test metrics', async () => {
    const r = await t.call('GET', '/api/v1/models', { token: scientist });
    expect(r.status).toBe(200);
    const models = r.json.models as { model_id: string; status: string; n_test: number; test: { n: number; auc: number } }[];
    champion = models.find((m) => m.status === 'champion')!.model_id;
    const test = models.find((m) => m.model_id === champion)!;
    expect(test.test.n).toBe(test.n_test);
    expect(test.test.auc).toBeGreaterThan(0);
    expect(test.test.auc).toBeLessThan(1);
  });

  it('trains a model as a job that reports progress and registers a candidate', async () => {
    const submitted = await t.call('POST', '/api/v1/jobs/train', { token: scientist, body: { algorithm: 'gbdt', seed: 1 } });
    expect(submitted.status).toBe(202);
    expect(submitted.headers.get('location')).toBe(`/api/v1/jobs/${submitted.json.job_id}`);
    expect(submitted.json.status).toBe('queued');
    const job = await finished(submitted.json.job_id);
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(job.progress).toBe(1);
    expect(job.stage).not.toBeNull();
    challenger = job.result.model_id;
    const list = await t.call('GET', '/api/v1/models', { token: scientist });
    expect(list.json.models.find((m: { model_id: string }) => m.model_id === challenger).status).toBe('candidate');
    const jobs = await t.call('GET', '/api/v1/jobs?limit=5', { token: t.token('officer') });
    expect(jobs.json.jobs[0].job_id).toBe(submitted.json.job_id);
  });

  it('compares two models on the same test rows', async () => {
    const r = await t.call('GET', `/api/v1/models/compare?a=${champion}&b=${challenger}`, { token: scientist });
    expect(r.status).toBe(200);
    expect(r.json.difference.auc).toBeCloseTo(r.json.b.test.auc - r.json.a.test.auc, 10);
    expect(r.json.same_test_rows).toBe(true);
    expect((await t.call('GET', `/api/v1/models/compare?a=${champion}&b=nope`, { token: scientist })).json.field).toBe('query.b');
  });

  it('promotes the challenger; scores and sizes offers with it as jobs; the offer index follows', async () => {
    const promoted = await t.call('POST', `/api/v1/models/${challenger}/promote`, { token: scientist, body: { why: 'better test AUC in the comparison' } });
    expect(promoted.status).toBe(200);
    expect(promoted.json).toEqual({ champion: challenger, replaced: champion });
    const scored = await finished((await t.call('POST', '/api/v1/jobs/score', { token: scientist, body: {} })).json.job_id);
    expect(scored.status).toBe('succeeded');
    expect(scored.result.model_id).toBe(challenger);
    const sized = await finished((await t.call('POST', '/api/v1/jobs/offers', { token: scientist, body: {} })).json.job_id);
    expect(sized.error).toBeNull();
    const queue = await t.call('GET', '/api/v1/reviews?outcome=offer&limit=1', { token: t.token('officer') });
    const merchant = queue.json.items[0];
    expect(merchant.model_id).toBe(challenger);
    const offer = await t.call('GET', `/api/v1/merchants/${merchant.merchant_id}/offer`, { token: t.token('merchant', merchant.merchant_id) });
    expect(offer.json.line_fen).toBe(merchant.line_fen);
  });

  it('reads drift of the champion’s latest scoring run', async () => {
    const r = await t.call('GET', '/api/v1/models/drift', { token: scientist });
    expect(r.status).toBe(200);
    expect(r.json.model_id).toBe(challenger);
    expect(['stable', 'monitor', 'shift']).toContain(r.json.psi.verdict);
    expect(r.json.csi.length).toBeGreaterThan(0);
  });

  it('exports the features of a date as Parquet', async () => {
    const date = (await t.call('GET', '/api/v1/models/drift', { token: scientist })).json.as_of_date;
    const response = await fetch(`${t.url}/api/v1/features/export?as_of_date=${date}&labels=true`, { headers: { authorization: `Bearer ${scientist}` } });
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    const none = await t.call('GET', '/api/v1/features/export?as_of_date=1999-01-01', { token: scientist });
    expect(none.status).toBe(404);
    expect(none.json.field).toBe('query.as_of_date');
  });

  it('reports a failing job with its error, not a crash', async () => {
    const r = await t.call('POST', '/api/v1/jobs/pipeline', { token: scientist, body: { from: '2030-01-01', to: '2029-01-01' } });
    expect(r.status).toBe(422);
    expect(r.json.field).toBe('to');
    const bad = await finished((await t.call('POST', '/api/v1/jobs/train', { token: scientist, body: { algorithm: 'scorecard', from: '1990-01-01', to: '1990-02-01' } })).json.job_id);
    expect(bad.status).toBe('failed');
    expect(bad.error).toMatch(/empty|no /);
  });
});
