/** pipelines/import: a bank's own files into a lake the ingest reads. */
export { importLake, QUARANTINE_PATH, MERCHANT_IDS_PATH, type ImportSummary, type ImportedTable, type ImportOptions } from './import-lake.ts';
export { inferMapping, type Draft } from './infer.ts';
export { MappingError, parseMapping, readMapping, MappingSchema, type Mapping, type Source } from './mapping.ts';
export { SourceReadError } from './read-source.ts';
export { describeDefaults, IMPORT_TARGETS } from './targets.ts';
