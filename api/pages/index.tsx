/** @jsxImportSource hono/jsx */
/**
 * The pages, mounted into the API's app by `mountPages(app, context)`: sign-in, the credit
 * officers' queue, offer and audit pages, the merchant's own page and the data scientists'
 * models page, plus their stylesheet and scripts under /assets/. Server-rendered with hono/jsx
 * from the same services the JSON routes use (no HTTP calls to itself); charts are SVG drawn
 * here; nothing is loaded from the internet.
 *
 * @example
 *   const app = createApp(context); // calls mountPages(app, context)
 *   // GET /sign-in, /officer/queue, /officer/portfolio, /officer/offers/M00000042, /merchants/M00000042, /scientist
 */
import { randomUUID } from 'node:crypto';
import type { Context, Env, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { merchantId } from '../../engine/schema/columns.ts';
import type { AppContext } from '../context.ts';
import { ApiProblem, fieldErrors } from '../http/problem.ts';
import { DecisionRequestSchema } from '../reviews/schemas.ts';
import { mountAssets } from './assets.ts';
import { rmbToFen } from './format.tsx';
import { merchantPage, movementOf, ownMerchant, repaymentOf } from './merchant/merchant.tsx';
import { auditPage } from './officer/audit.tsx';
import { decisionRequest, loadOfferPage, OfferPage, readForm } from './officer/offer.tsx';
import { portfolioPage } from './officer/portfolio.tsx';
import { queuePage } from './officer/queue.tsx';
import { mountMonitoringPages } from './monitoring/mount.tsx';
import { page } from './page.tsx';
import { modelsPage } from './scientist/models-page.tsx';
import { requiredForm } from './form.ts';
import { homeOf } from './session.ts';
import { mountSignIn } from './sign-in.tsx';

export type PagesContext = Pick<AppContext, 'db' | 'tokens' | 'offers' | 'ledger' | 'reviews' | 'monitoring'>;

const OFFICERS = ['officer', 'admin'] as const;
const SCIENTISTS = ['scientist', 'admin'] as const;
const DONE: Record<string, string> = { approve: 'Approved.', adjust: 'Line adjusted.', decline: 'Declined.' };
/** The largest form a page takes (a token, or a reason of 1,000 characters, fits many times over). */
const FORM_BYTES = 16 * 1024;

export function mountPages<E extends Env>(app: Hono<E>, context: PagesContext): void {
  const { db, tokens, reviews, offers, ledger, monitoring } = context;
  const formLimit = bodyLimit({ maxSize: FORM_BYTES, onError: (c) => c.text(`The form is larger than ${FORM_BYTES / 1024} KB.`, 413) });
  for (const path of ['/sign-in', '/sign-out', '/officer/*', '/merchants/*']) app.post(path, formLimit);
  mountAssets(app);
  mountSignIn(app, tokens);

  app.get('/officer', (c) => c.redirect('/officer/queue', 303));
  app.get('/officer/queue', page(tokens, OFFICERS, (c, principal) => queuePage(c, principal, reviews)));
  app.get('/officer/audit', page(tokens, OFFICERS, (c, principal) => auditPage(c, principal, reviews)));
  app.get('/officer/portfolio', page(tokens, OFFICERS, (c, principal) => portfolioPage(c, principal, db)));

  app.get('/officer/offers/:merchant_id', page(tokens, OFFICERS, async (c, principal) => {
    const review = await reviews.review(pathMerchant(c));
    const done = c.req.query('done');
    const notice = done && DONE[done] ? { kind: 'ok' as const, text: DONE[done] } : null;
    return <OfferPage principal={principal} review={review} {...await loadOfferPage(db, review)} notice={notice} form={{ action: '', line: '', reason: '' }} />;
  }));

  app.post('/officer/offers/:merchant_id/decision', page(tokens, OFFICERS, async (c, principal) => {
    const id = pathMerchant(c);
    const form = readForm(await requiredForm(c));
    try {
      const line = rmbToFen(form.line, 'New line');
      if (form.action === 'adjust' && line.error) throw new ApiProblem(422, line.error, { field: 'line' });
      const parsed = DecisionRequestSchema.safeParse(decisionRequest(form, line.fen));
      if (!parsed.success) throw new ApiProblem(422, fieldErrors(parsed.error).map((e) => `${DECISION_LABELS[e.field] ?? e.field}: ${e.message}`).join(' '));
      await reviews.decide(id, parsed.data, principal.sub, requestIdOf(c));
      return c.redirect(`/officer/offers/${id}?done=${form.action}#audit`, 303);
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.status === 404) throw error;
      // Show the offer again with the officer's input kept and the problem named.
      const review = await reviews.review(id);
      const body = <OfferPage principal={principal} review={review} {...await loadOfferPage(db, review)} notice={{ kind: 'error', text: error.message }} form={form} />;
      return c.html(body, error.status as 422);
    }
  }));

  mountMonitoringPages(app, tokens, monitoring, requestIdOf);

  app.get('/merchant', page(tokens, ['merchant'], (c, principal) => c.redirect(homeOf(principal), 303)));
  app.get('/merchants/:merchant_id', page(tokens, ['merchant'], (c, principal) => merchantPage(c, principal, { offers, ledger, reviews })));
  const merchantAction = (done: string, act: (id: string, body: Record<string, unknown>) => Promise<boolean>) =>
    page(tokens, ['merchant'], async (c, principal) => {
      const id = ownMerchant(principal, pathMerchant(c));
      try {
        const replayed = await act(id, await requiredForm(c));
        return c.redirect(`/merchants/${id}?done=${replayed ? 'replayed' : done}`, 303);
      } catch (error) {
        if (!(error instanceof ApiProblem) || error.status === 404) throw error;
        const body = await merchantPage(c, principal, { offers, ledger, reviews }, error.message);
        return c.html(body, error.status as 422);
      }
    });
  app.post('/merchants/:merchant_id/accept', merchantAction('accepted', async (id, body) => (await ledger.accept(id, repaymentOf(body)), false)));
  app.post('/merchants/:merchant_id/draw', merchantAction('drawn', async (id, body) => (await ledger.move(id, movementOf('draw', body))).replayed));
  app.post('/merchants/:merchant_id/repay', merchantAction('repaid', async (id, body) => (await ledger.move(id, movementOf('repayment', body))).replayed));

  app.get('/scientist', page(tokens, SCIENTISTS, (c, principal) => modelsPage(c, principal, db)));
}

const DECISION_LABELS: Record<string, string> = { action: 'Action', line_fen: 'New line', reason: 'Reason' };

/** The path's merchant id; a malformed one is simply not found. */
function pathMerchant(c: Context): string {
  const id = c.req.param('merchant_id') ?? '';
  if (!merchantId().safeParse(id).success) throw new ApiProblem(404, `no merchant ${id} here`);
  return id;
}

function requestIdOf(c: Context): string {
  const id = (c.var as Record<string, unknown>).requestId;
  return typeof id === 'string' && id !== '' ? id : `page-${randomUUID()}`;
}
