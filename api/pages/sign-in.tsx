/** @jsxImportSource hono/jsx */
/**
 * Signing in and out. A person pastes a token issued by `capillary token --role ROLE` (the
 * same tokens the API takes as bearer tokens); a valid one becomes the session cookie and sends
 * them to their start page, or back to the page that asked them to sign in.
 */
import type { Env, Hono } from 'hono';
import { verifyToken, type Claims } from '../auth/token.ts';
import { Layout } from './layout.tsx';
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

export function mountSignIn<E extends Env>(app: Hono<E>, secret: Buffer): void {
  app.get('/sign-in', (c) => c.html(<SignInPage next={safeNext(c.req.query('next'))} principal={sessionPrincipal(c, secret)} />));

  app.post('/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    const claims = token ? verifyToken(secret, token) : null;
    if (!claims) {
      const error = token ? 'That token is not valid here: it is damaged, expired, or from another warehouse.' : 'Token: paste a token to sign in.';
      return c.html(<SignInPage next={next} error={error} principal={null} />, 401);
    }
    startSession(c, token);
    return c.redirect(next ?? homeOf(claims), 303);
  });

  app.post('/sign-out', (c) => {
    endSession(c);
    return c.redirect('/sign-in', 303);
  });

  app.get('/', (c) => {
    const principal = sessionPrincipal(c, secret);
    return c.redirect(principal ? homeOf(principal) : '/sign-in', 303);
  });
}
