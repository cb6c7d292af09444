/**
 * What every page test asks of a page besides its own content: each visible form field has a
 * label a screen reader announces, nothing was fetched from anywhere but our server, and no
 * script failed.
 */
import type { Page } from 'playwright-core';

/** The parts of a form field the check reads (the DOM's types are not in this project's lib). */
type Field = { labels: { length: number } | null; name: string; outerHTML: string; getAttribute(name: string): string | null };

/** Names of visible inputs, selects and textareas without a label or aria-label. */
export async function unlabelledFields(page: Page): Promise<string[]> {
  return page.$$eval('input:not([type="hidden"]), select, textarea', (fields) =>
    fields
      .map((f) => f as unknown as Field)
      .filter((f) => (f.labels?.length ?? 0) === 0 && !f.getAttribute('aria-label') && !f.getAttribute('aria-labelledby'))
      .map((f) => f.name || f.outerHTML.slice(0, 60)),
  );
}

/** Record what the page does: `foreign()` lists requests not to `origin`, `errors()` uncaught script errors. */
export function watchPage(page: Page, origin: string): { foreign(): string[]; errors(): string[] } {
  const urls: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  return { foreign: () => urls.filter((u) => !u.startsWith(origin) && !u.startsWith('data:')), errors: () => [...errors] };
}
