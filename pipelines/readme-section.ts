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
npx capillary run --as-of DATE [--db FILE]         # the plan through labels: holidays, turnover, features, labels (or --from/--to monthly)
npx capillary run --through offers --as-of DATE    # the whole plan: … labels, champion, score, offers
npx capillary run --plan [--through STEP]          # each step with its state (fresh, stale, missing) and why; runs nothing
npx capillary features --as-of DATE [--db FILE]    # the plan through features
npx capillary export features --as-of DATE --out FILE.parquet [--labels]
\`\`\`

Ingest checks every row against its schema and the table's rules, loads the valid rows, keeps
the others in \`quarantine\` with their reason, skips duplicates, holds two rows with one key
and different contents as a conflict, and prints per table
\`read = loaded + quarantined + duplicates\`; a rerun loads nothing twice. \`capillary ingest
--recheck\` checks the quarantined rows again (after the registry was fixed, say). Features as of a date
read nothing dated on or after it. Details, guarantees and measured speeds: \`pipelines/README.md\`.

**The build plan.** \`capillary run\` runs the plan (\`pipelines/manifest.ts\`) up to \`--through
STEP\` (default \`labels\`): holidays and turnover once, features and labels at each as-of date,
then \`champion\` (trains and promotes a first scorecard only when there is no champion), \`score\`
and \`offers\` at the latest as-of date (without dates: the latest features date, and the
champion's latest scored date for offers). A step whose output exists and whose inputs did not
change since its last run is **fresh** and skipped: turnover until something new is ingested,
a date's features until turnover or holidays are rebuilt, scores and offers until the champion
(or the policy) changes. \`--step NAME\` reruns one step even when fresh. \`capillary run --plan\`
prints every step with its state and why:

\`\`\`
step       as of      state   why
holidays              fresh   nothing it reads changed since its last run
turnover              stale   new or changed data ingested since
features   2024-06-01 stale   turnover is stale
champion              fresh   kept until a person promotes another
score      2024-06-01 missing never built
\`\`\`

\`npm start\`, the API's jobs, the notebooks and the test fixtures build their warehouses through
the same plan (\`buildWarehouse\` in \`pipelines/build-warehouse.ts\`: ingest, then the plan).

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
