/**
 * The pages' static files (api/pages/assets/: one stylesheet, a few small scripts), read once
 * when the pages are mounted and served from memory under /assets/. Only the files in that
 * folder exist there: anything else is a 404, so no path can reach outside it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env, Hono } from 'hono';

const ASSET_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

interface Asset {
  body: string;
  type: string;
  etag: string;
}

export function loadAssets(dir = ASSET_DIR): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name), 'utf8');
    assets.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` });
  }
  return assets;
}

export function mountAssets<E extends Env>(app: Hono<E>, assets = loadAssets()): void {
  app.get('/assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.text('no such asset', 404);
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    return c.body(asset.body, 200, { 'content-type': asset.type, etag: asset.etag, 'cache-control': 'no-cache' });
  });
}
