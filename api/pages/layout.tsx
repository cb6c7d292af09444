/** @jsxImportSource hono/jsx */
/**
 * The frame of every page: a skip link, the top bar with the sections the signed-in role may
 * open and a sign-out button, the page's title, and a notice after a form was handled.
 */
import type { Child } from 'hono/jsx';
import type { Claims } from '../auth/token.ts';

export interface LayoutProps {
  title: string;
  principal: Claims | null;
  /** The path of the page, to mark its link in the navigation. */
  path: string;
  notice?: { kind: 'ok' | 'error'; text: string } | null;
  scripts?: string[];
  children?: Child;
}

interface NavLink {
  href: string;
  text: string;
}

const MONITORING_LINKS: NavLink[] = [{ href: '/officer/watch-list', text: 'Watch list' }, { href: '/officer/collections', text: 'Collections' }];

/** The sections a role may open, in the top bar. */
export function navigation(principal: Claims | null): NavLink[] {
  if (!principal) return [];
  switch (principal.role) {
    case 'merchant':
      return [{ href: `/merchants/${principal.merchant_id}`, text: 'My Easy Loan' }];
    case 'officer':
      return [{ href: '/officer/queue', text: 'Review queue' }, ...MONITORING_LINKS, { href: '/officer/audit', text: 'Audit trail' }, { href: '/officer/portfolio', text: 'Portfolio' }];
    case 'scientist':
      return [{ href: '/scientist', text: 'Models' }];
    case 'admin':
      return [{ href: '/officer/queue', text: 'Review queue' }, ...MONITORING_LINKS, { href: '/officer/audit', text: 'Audit trail' }, { href: '/officer/portfolio', text: 'Portfolio' }, { href: '/scientist', text: 'Models' }];
  }
}

export function Layout({ title, principal, path, notice, scripts = [], children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Capillary`}</title>
        <link rel="stylesheet" href="/assets/style.css" />
        {scripts.map((s) => <script src={`/assets/${s}`} defer />)}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a class="brand" href="/">Capillary · Easy Loan</a>
          <nav aria-label="Sections">
            {navigation(principal).map((link) => (
              <a href={link.href} aria-current={path.startsWith(link.href) ? 'page' : undefined}>{link.text}</a>
            ))}
          </nav>
          {principal ? (
            <form method="post" action="/sign-out">
              <span class="who">{`${principal.sub} (${principal.role})`}</span>{' '}
              <button type="submit">Sign out</button>
            </form>
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          <h1>{title}</h1>
          {notice ? <p class={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>{notice.text}</p> : null}
          {children}
        </main>
      </body>
    </html>
  );
}
