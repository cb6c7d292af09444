/**
 * The top-level README's generated sections, written from the warehouse contract so the two
 * cannot drift (a test holds that the README carries them as this file gives them): "Pipelines
 * and features" (the commands, the pipeline's tables and the feature catalog) and "Warehouse
 * tables" (every declared table and its columns). Print them with
 * `npx tsx pipelines/readme-section.ts`, or rewrite them in place with `--write`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { catalogMarkdown, columnsMarkdown, tablesMarkdown, WAREHOUSE_TABLES } from '../engine/warehouse/index.ts';
import { STEPS } from './manifest.ts';

/** Tables the pipeline's commands write, for the pipeline section's summary. */
const PIPELINE_WRITERS = ['ingest', '`capillary run`', ...STEPS.map((step) => `run (${step.name})`)];

export function readmeSection(): string {
  return `## Pipelines and features

\`\`\`sh
npx capillary ingest --lake DIR [--db FILE]        # validate and load new or changed files
npx capillary run --as-of DATE [--db FILE]         # the plan through labels: holidays, turnover, features, labels (or --from/--to monthly)
npx capillary run --through offers --as-of DATE    # the whole plan: … labels, champion, score, offers
npx capillary run --plan [--through STEP]          # each step with its state (fresh, stale, missing) and why; runs nothing
npx capillary features --as-of DATE [--db FILE]    # the plan through features
npx capillary export features --as-of DATE --out FILE.parquet [--labels]
npx capillary tables [--json]                      # every warehouse table: grain, key, columns with type, unit, meaning
npx capillary check [--db FILE]                    # the warehouse against the contract; one line per finding, exit 1 on any
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
change since its last run is **fresh** and skipped: turnover until something new is ingested
(then only the new or changed days are rebuilt: a daily increment is ingest, then \`capillary run
--through offers --as-of <the day after>\`), a date's features until something dated before it
changes (a later day leaves them fresh), scores and offers until the champion
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

${tablesMarkdown(WAREHOUSE_TABLES.filter((t) => PIPELINE_WRITERS.some((writer) => t.writtenBy.includes(writer))))}

Every table's columns, units and meanings: "Warehouse tables" below, or \`capillary tables\`.

**Feature catalog.** Windows end the day before the as-of date ("90d" = the 90 days before it);
turnover is net (approved payments less refunds); money is in fen.

${catalogMarkdown()}
`;
}

/** The "Warehouse tables" section: every declared table and its columns. */
export function tablesSection(): string {
  return `## Warehouse tables

Declared once in \`engine/warehouse/\` (name, grain, key, zod row schema, each column's meaning
and unit); the DDL, the data checks of every run and of \`capillary check\`, this section and
\`capillary tables\` all come from there. Every timestamp is China Standard Time wall-clock
(UTC+8), stored as TIMESTAMP without zone, like payments' \`paid_at\`.

${tablesMarkdown(WAREHOUSE_TABLES)}

${columnsMarkdown(WAREHOUSE_TABLES)}
`;
}

/** README.md with its generated sections (each up to the next section) replaced. */
export function withSections(readme: string): string {
  return [readmeSection(), tablesSection()].reduce((text, section) => {
    const heading = section.slice(0, section.indexOf('\n') + 1);
    const start = text.indexOf(heading);
    if (start < 0) throw new Error(`README.md has no "${heading.trim()}" section`);
    const next = text.indexOf('\n## ', start + 1);
    return `${text.slice(0, start)}${section}${next < 0 ? '' : text.slice(next)}`;
  }, readme);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--write')) {
    const path = new URL('../README.md', import.meta.url);
    writeFileSync(path, withSections(readFileSync(path, 'utf8')));
  } else {
    process.stdout.write(`${readmeSection()}\n${tablesSection()}`);
  }
}
