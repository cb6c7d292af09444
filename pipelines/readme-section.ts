/**
 * The top-level README's "Pipelines and features" section: the commands, the warehouse tables
 * and the feature catalog, generated from the catalog so the two cannot drift (a test holds that
 * the README carries the section as this file gives it). Print it with
 * `npx tsx pipelines/readme-section.ts`, or rewrite the section in place with `--write`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { catalogMarkdown, FEATURE_CATALOG } from './features/catalog.ts';
import { warehouseTables } from './warehouse.ts';


export function readmeSection(): string {
  return `## Pipelines and features

\`\`\`sh
npx capillary ingest --lake DIR [--db FILE]        # validate and load new or changed files
npx capillary run --as-of DATE [--db FILE]         # holidays, turnover, features, labels (or --from/--to monthly)
npx capillary features --as-of DATE [--db FILE]    # features alone
npx capillary export features --as-of DATE --out FILE.parquet [--labels]
\`\`\`

Ingest checks every row against its schema and the table's rules, loads the valid rows, keeps
the others in \`quarantine\` with their reason, skips duplicates, and prints per table
\`read = loaded + quarantined + duplicates\`; a rerun loads nothing twice. Features as of a date
read nothing dated on or after it. Details, guarantees and measured speeds: \`pipelines/README.md\`.

| table | grain | written by |
| --- | --- | --- |
${warehouseTables(FEATURE_CATALOG.length).map((row) => `| ${row.join(' | ')} |`).join('\n')}

**Feature catalog.** Windows end the day before the as-of date ("90d" = the 90 days before it);
turnover is net (approved payments less refunds); money is in fen.

${catalogMarkdown()}
`;
}

/** README.md with its "Pipelines and features" section (up to the next section) replaced. */
export function withSection(readme: string): string {
  const start = readme.indexOf('## Pipelines and features\n');
  if (start < 0) throw new Error('README.md has no "## Pipelines and features" section');
  const next = readme.indexOf('\n## ', start + 1);
  return `${readme.slice(0, start)}${readmeSection()}${next < 0 ? '' : readme.slice(next)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--write')) {
    const path = new URL('../README.md', import.meta.url);
    writeFileSync(path, withSection(readFileSync(path, 'utf8')));
  } else {
    process.stdout.write(readmeSection());
  }
}
