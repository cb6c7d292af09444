/**
 * What `npm start` prints once serving: every page link it names opens, on a real server, with
 * the token it prints for that audience (the sign-in page and the docs need none).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TIMEOUT_MS, merchantWith, startTestServer, type TestServer } from '../../api/testing/test-server.ts';
import { welcome } from './start.ts';

let t: TestServer;
let merchant: string;

beforeAll(async () => {
  t = await startTestServer();
  merchant = await merchantWith(t, 'offer');
}, FIXTURE_TIMEOUT_MS);
afterAll(() => t?.close());

describe('the welcome text of npm start', () => {
  it('links the sign-in, officer queue, scientist, merchant and docs pages, each opening with the token printed for it', async () => {
    const text = await welcome(t.url, t.server.context.tokens, merchant, 42);
    const tokens = Object.fromEntries([...text.matchAll(/export (\w+)_TOKEN=(\S+)/g)].map((m) => [m[1].toLowerCase(), m[2]]));
    const links = [...new Set([...text.matchAll(new RegExp(`${t.url}(/[\\w/.-]*)`, 'g'))].map((m) => m[1]))].filter((path) => !path.startsWith('/api/') && path !== '/openapi.json');
    expect(links.sort()).toEqual(['/docs', '/officer/queue', `/merchants/${merchant}`, '/scientist', '/sign-in'].sort());
    const audience = (path: string) => (path.startsWith('/merchants/') ? 'merchant' : path.startsWith('/officer/') ? 'officer' : path === '/scientist' ? 'scientist' : null);
    for (const path of links) {
      const role = audience(path);
      const response = await fetch(`${t.url}${path}`, { headers: role ? { cookie: `capillary_token=${tokens[role]}` } : {}, redirect: 'manual' });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toContain('text/html');
      if (path.startsWith('/merchants/')) expect(await response.text()).toContain(merchant);
    }
  });

  it('leaves the merchant page out when no merchant has an offer', async () => {
    const text = await welcome('http://localhost:3000', t.server.context.tokens, null, 1);
    expect(text).not.toContain('/merchants/');
    expect(text).toContain('http://localhost:3000/officer/queue');
  });
});
