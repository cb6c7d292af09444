/** @jsxImportSource hono/jsx */
/**
 * One page route: check who is asking, run the page, and answer in HTML whatever happens — a
 * sign-in redirect, a 403 or 404 page, or the API's own problem (bad input names its field)
 * shown as a page rather than JSON.
 *
 * @example
 *   app.get('/scientist', page(pages, ['scientist', 'admin'], async (c, principal) => <ModelsPage ... />));
 */
import type { Context } from 'hono';
import type { Claims, Role, TokenAuthority } from '../auth/token.ts';
import { ApiProblem } from '../http/problem.ts';
import { Layout } from './layout.tsx';
import { accessFor, sessionPrincipal } from './session.ts';

/** A rendered page: what hono/jsx gives (escaped HTML text, or a promise of it for async parts). */
type Html = string | Promise<string>;

export type PageHandler = (c: Context, principal: Claims) => Promise<Response | Html> | Response | Html;

export function page(tokens: TokenAuthority, roles: readonly Role[], handler: PageHandler) {
  return async (c: Context): Promise<Response> => {
    const access = accessFor(await sessionPrincipal(c, tokens), roles);
    if (!access.ok && access.reason === 'signed-out') {
      const url = new URL(c.req.url);
      return c.redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    if (!access.ok) {
      return errorPage(c, access.principal, 403, `This page is for ${roles.join(' or ')} tokens; you are signed in as ${access.principal!.role}.`);
    }
    try {
      const result = await handler(c, access.principal);
      return result instanceof Response ? result : await c.html(result);
    } catch (error) {
      if (error instanceof ApiProblem) return errorPage(c, access.principal, error.status, error.message);
      throw error;
    }
  };
}

const TITLES: Record<number, string> = { 400: 'Bad request', 403: 'Not for this role', 404: 'Not found', 409: 'Conflict', 422: 'Check the form' };

export async function errorPage(c: Context, principal: Claims | null, status: number, detail: string): Promise<Response> {
  const title = TITLES[status] ?? 'Something went wrong';
  const body = (
    <Layout title={title} principal={principal} path={c.req.path}>
      <p class="notice error" role="alert">{detail}</p>
      <p>
        <a href="/">Back to your start page</a>
        {status === 403 ? <>{' · '}<a href={`/sign-in?next=${encodeURIComponent(c.req.path)}`}>Sign in with another token</a></> : null}
      </p>
    </Layout>
  );
  return c.html(body, status as 400);
}
