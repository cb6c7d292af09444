/**
 * Text that means "no value" in a data scientist's file: R and pandas write `NA` and `NaN`,
 * databases `NULL`, spreadsheets `N/A` or an empty cell. Read as missing everywhere a file is
 * read, so that a numeric column with gaps stays numeric.
 */
export const MISSING_TOKENS = ['', 'NA', 'N/A', 'null', 'NULL', 'NaN'] as const;
