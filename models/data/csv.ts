/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes inside them, commas and newlines
 * inside quotes, CRLF or LF line ends. Enough for reference data such as germancredit.csv
 * (whose values contain commas, hence quotes); large tables go through DuckDB instead.
 *
 * @example
 *   const rows = parseCsv(readFileSync('germancredit.csv', 'utf8')); // [{ col: 'value', ... }]
 */
export function parseCsv(text: string): Record<string, string>[] {
  const table = parseCsvRows(text);
  if (table.length === 0) return [];
  const header = table[0];
  return table.slice(1).map((cells, line) => {
    if (cells.length !== header.length) {
      throw new Error(`CSV line ${line + 2}: ${cells.length} fields, expected ${header.length}`);
    }
    const record: Record<string, string> = {};
    header.forEach((name, i) => (record[name] = cells[i]));
    return record;
  });
}

/** The CSV as rows of cells, header included; blank lines are skipped. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of the first name
  const endRow = (): void => {
    row.push(cell);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    cell = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}
