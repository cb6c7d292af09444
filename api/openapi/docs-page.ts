/**
 * Interactive docs at /docs: one self-contained page (no CDN, no package assets) that reads
 * /openapi.json and lists every operation by audience, with its parameters, body schema and
 * responses, and a form to send it with a token and see the answer.
 */
export function docsPage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Capillary API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">
  .token-label { margin: 0; } header a { color: #cfe3ff; }
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d2430; background: #f6f7f9; }
  header { background: #12355b; color: #fff; padding: 14px 24px; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
  header h1 { font-size: 18px; margin: 0 12px 0 0; }
  header input { width: 420px; max-width: 90vw; padding: 5px 8px; border-radius: 4px; border: 0; font-family: monospace; }
  main { padding: 12px 24px 48px; max-width: 1100px; }
  h2 { text-transform: capitalize; margin: 28px 0 8px; border-bottom: 1px solid #cfd6df; }
  details { background: #fff; border: 1px solid #dde2e8; border-radius: 6px; margin: 6px 0; }
  summary { padding: 8px 12px; cursor: pointer; }
  .method { display: inline-block; min-width: 52px; font: bold 12px monospace; text-transform: uppercase; }
  .get { color: #0b7a3e; } .post { color: #a45a00; } .put, .delete { color: #b3261e; }
  .path { font-family: monospace; }
  .roles { color: #687385; font-size: 12px; margin-left: 8px; }
  .body { padding: 0 14px 14px; }
  pre { background: #f2f4f7; padding: 8px; border-radius: 4px; overflow: auto; max-height: 360px; font-size: 12px; }
  label { display: block; margin: 6px 0 2px; font-family: monospace; }
  input.param { width: 320px; padding: 4px; font-family: monospace; }
  textarea { width: 100%; min-height: 120px; font-family: monospace; font-size: 12px; }
  button { margin-top: 8px; padding: 6px 14px; border: 0; border-radius: 4px; background: #12355b; color: #fff; cursor: pointer; }
  .status { font-weight: bold; margin-top: 8px; }
</style>
</head>
<body>
<header>
  <h1>Capillary API</h1>
  <label for="token" class="token-label">Token</label>
  <input id="token" placeholder="capillary token --role officer" autocomplete="off">
  <a href="/openapi.json">openapi.json</a>
</header>
<main id="main"><p>Loading /openapi.json…</p></main>
<script type="module" nonce="${nonce}">
const tokenInput = document.getElementById('token');
tokenInput.value = localStorage.getItem('capillary_token') ?? '';
tokenInput.addEventListener('change', () => localStorage.setItem('capillary_token', tokenInput.value.trim()));
const main = document.getElementById('main');
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const doc = await (await fetch('/openapi.json')).json();

function example(schema) {
  if (!schema) return null;
  if (schema.default !== undefined) return schema.default;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return example(schema.anyOf[0]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object') {
    const out = {};
    for (const name of schema.required ?? Object.keys(schema.properties ?? {})) out[name] = example(schema.properties?.[name]);
    return out;
  }
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return schema.minimum ?? 0;
  if (type === 'boolean') return false;
  if (schema.format === 'date') return '2024-12-01';
  return '';
}

const byTag = new Map();
for (const [path, operations] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(operations)) {
    if (!byTag.has(op.tags[0])) byTag.set(op.tags[0], []);
    byTag.get(op.tags[0]).push({ path, method, op });
  }
}
main.innerHTML = '<p>' + esc(doc.info.description) + ' OpenAPI ' + esc(doc.openapi) + ', version ' + esc(doc.info.version) + '.</p>';
for (const [tag, entries] of byTag) {
  const h = document.createElement('h2');
  h.textContent = tag;
  main.append(h);
  for (const { path, method, op } of entries) {
    const el = document.createElement('details');
    const params = op.parameters ?? [];
    const body = op.requestBody?.content?.['application/json']?.schema;
    el.innerHTML = '<summary><span class="method ' + method + '">' + method + '</span> <span class="path">' + esc(path) + '</span> — ' + esc(op.summary) +
      '<span class="roles">' + esc(op['x-roles'] ? op['x-roles'].join(', ') : 'public') + '</span></summary><div class="body">' +
      params.map((p) => '<label>' + esc(p.in) + ' ' + esc(p.name) + (p.required ? ' *' : '') + '</label><input class="param" data-in="' + esc(p.in) + '" data-name="' + esc(p.name) + '" placeholder="' + esc(p.description ?? '') + '">').join('') +
      (body ? '<label>body (application/json)</label><textarea>' + esc(JSON.stringify(example(body), null, 2)) + '</textarea><details><summary>body schema</summary><pre>' + esc(JSON.stringify(body, null, 2)) + '</pre></details>' : '') +
      '<details><summary>responses</summary><pre>' + esc(JSON.stringify(op.responses, null, 2)) + '</pre></details>' +
      '<button>Send</button><div class="status"></div><pre class="out" hidden></pre></div>';
    el.querySelector('button').addEventListener('click', async () => {
      let url = path;
      const query = new URLSearchParams();
      const headers = {};
      for (const input of el.querySelectorAll('input.param')) {
        const value = input.value.trim();
        if (!value) continue;
        if (input.dataset.in === 'path') url = url.replace('{' + input.dataset.name + '}', encodeURIComponent(value));
        else if (input.dataset.in === 'query') query.set(input.dataset.name, value);
        else headers[input.dataset.name] = value;
      }
      if (tokenInput.value.trim()) headers.authorization = 'Bearer ' + tokenInput.value.trim();
      const init = { method: method.toUpperCase(), headers };
      if (body) { headers['content-type'] = 'application/json'; init.body = el.querySelector('textarea').value; }
      const response = await fetch(url + (query.size ? '?' + query : ''), init);
      const text = await response.text();
      el.querySelector('.status').textContent = response.status + ' ' + response.statusText + ' (' + (response.headers.get('content-type') ?? '') + ')';
      const out = el.querySelector('.out');
      out.hidden = false;
      try { out.textContent = JSON.stringify(JSON.parse(text), null, 2); } catch { out.textContent = text.slice(0, 20000); }
    });
    main.append(el);
  }
}
</script>
</body>
</html>`;
}
