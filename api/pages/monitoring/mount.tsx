/** @jsxImportSource hono/jsx */
/**
 * The monitoring pages: the watch list, the collections queue, one line, and the form that
 * records an officer's action on it (confirm, override with a reason, log a contact) through the
 * same desk as the JSON routes; a refused action shows the line again with the problem named.
 */
import type { Context, Env, Hono } from 'hono';
import type { TokenAuthority } from '../../auth/token.ts';
import { ApiProblem, fieldErrors } from '../../http/problem.ts';
import type { MonitoringDesk } from '../../monitoring/desk.ts';
import { LineActionRequestSchema, LineParamsSchema } from '../../monitoring/schemas.ts';
import { requiredForm } from '../form.ts';
import { page } from '../page.tsx';
import { collectionsPage } from './collections.tsx';
import { LinePage } from './line.tsx';
import { watchListPage } from './watch-list.tsx';

const OFFICERS = ['officer', 'admin'] as const;
const DONE: Record<string, string> = { confirm: 'Action confirmed.', override: 'Overridden.', contact: 'Contact logged.' };

export function mountMonitoringPages<E extends Env>(app: Hono<E>, tokens: TokenAuthority, desk: MonitoringDesk, requestIdOf: (c: Context) => string): void {
  app.get('/officer/watch-list', page(tokens, OFFICERS, (c, principal) => watchListPage(c, principal, desk)));
  app.get('/officer/collections', page(tokens, OFFICERS, (c, principal) => collectionsPage(c, principal, desk)));

  app.get('/officer/lines/:line_id', page(tokens, OFFICERS, async (c, principal) => {
    const line = await desk.line(pathLine(c));
    const done = c.req.query('done');
    const notice = done && DONE[done] ? { kind: 'ok' as const, text: DONE[done] } : null;
    return <LinePage principal={principal} line={line} notice={notice} form={{ action: '', reason: '' }} />;
  }));

  app.post('/officer/lines/:line_id/action', page(tokens, OFFICERS, async (c, principal) => {
    const id = pathLine(c);
    const body = await requiredForm(c);
    const form = { action: String(body.action ?? ''), reason: String(body.reason ?? '') };
    try {
      const parsed = LineActionRequestSchema.safeParse({ action: form.action || undefined, ...(form.reason.trim() ? { reason: form.reason } : {}) });
      if (!parsed.success) throw new ApiProblem(422, fieldErrors(parsed.error).map((e) => `${LABELS[e.field] ?? e.field}: ${e.message}`).join(' '));
      await desk.act(id, parsed.data, principal.sub, requestIdOf(c));
      return c.redirect(`/officer/lines/${id}?done=${parsed.data.action}#audit-title`, 303);
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.status === 404) throw error;
      const line = await desk.line(id);
      return c.html(<LinePage principal={principal} line={line} notice={{ kind: 'error', text: error.message }} form={form} />, error.status as 422);
    }
  }));
}

const LABELS: Record<string, string> = { action: 'Action', reason: 'Reason' };

/** The path's line id; a malformed one is simply not found. */
function pathLine(c: Context): string {
  const id = c.req.param('line_id') ?? '';
  if (!LineParamsSchema.safeParse({ line_id: id }).success) throw new ApiProblem(404, `no line ${id} here`);
  return id;
}
