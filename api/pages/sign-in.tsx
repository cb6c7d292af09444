/** @jsxImportSource hono/jsx */
/**
 * Signing in and out. A person pastes a token issued by `capillary token --role ROLE` (the
 * same tokens the API takes as bearer tokens); a valid one becomes the session cookie and sends
 * them to their start page, or back to the page that asked them to sign in.
 */
import type { Env, Hono } from 'hono';
import type { Claims, TokenAuthority } from '../auth/token.ts';
import { Layout } from './layout.tsx';
import { formOf } from './form.ts';
import { endSession, homeOf, safeNext, sessionPrincipal, startSession } from './session.ts';

function SignInPage({ next, error, principal }: { next: string | null; error?: string; principal: Claims | null }) {
  return (
    <Layout title="Sign in" principal={principal} path="/sign-in" notice={error ? { kind: 'error', text: error } : null}>
      <section class="card">
        <form method="post" action="/sign-in">
          <label for="token">Token</label>
          <input id="token" name="token" type="password" autocomplete="off" required size={60} aria-describedby="token-help" autofocus />
          <p id="token-help" class="muted">Paste the token from <code>capillary token --role officer|scientist|merchant --merchant ID</code>.</p>
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <button type="submit">Sign in</button>
        </form>
      </section>
    </Layout>
  );
}

export function mountSignIn<E extends Env>(app: Hono<E>, tokens: TokenAuthority): void {
  app.get('/sign-in', async (c) => c.html(<SignInPage next={safeNext(c.req.query('next'))} principal={await sessionPrincipal(c, tokens)} />));

  app.post('/sign-in', async (c) => {
    const form = await formOf(c);
    if (!form) return c.html(<SignInPage next={null} error="Token: send the form as the page does (its body could not be read)." principal={null} />, 400);
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    const claims = token ? await tokens.verify(token) : null;
    if (!claims) {
      const error = token ? 'That token is not valid here: it is damaged, expired, or from another warehouse.' : 'Token: paste a token to sign in.';
      return c.html(<SignInPage next={next} error={error} principal={null} />, 401);
    }
    startSession(c, token, claims.exp);
    return c.redirect(next ?? homeOf(claims), 303);
  });

  app.post('/sign-out', (c) => {
    endSession(c, tokens);
    return c.redirect('/sign-in', 303);
  });

  app.get('/', async (c) => {
    const principal = await sessionPrincipal(c, tokens);
    return c.redirect(principal ? homeOf(principal) : '/sign-in', 303);
  });
}
