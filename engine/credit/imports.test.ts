/** engine/credit stays pure: it imports zod, engine/schema, engine/calendar's day arithmetic and itself — no DuckDB, no I/O, no upper layers. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('imports only zod, ../schema and its own files (tests may add vitest and node:)', () => {
  const dir = import.meta.dirname;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    const isTest = file.endsWith('.test.ts');
    for (const s of specifiers) {
      const allowed = s === 'zod' || s.startsWith('./') || s.startsWith('../schema/') || s === '../calendar/days.ts' || (isTest && (s === 'vitest' || s.startsWith('node:')));
      expect(allowed, `${file} imports ${s}`).toBe(true);
    }
  }
});
