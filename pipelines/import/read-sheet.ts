/**
 * One worksheet of an Excel workbook as text rows: the first row is the header. exceljs is used
 * because it is maintained and reads .xlsx streams without native code (SheetJS's npm `xlsx`
 * stopped at 0.18.5 with known advisories). Dates become YYYY-MM-DD (Excel stores them as
 * day numbers, which exceljs turns into UTC dates); numbers keep their shortest exact text, so
 * 12.34 stays "12.34" and a float that is not a whole number of fen is quarantined, not rounded.
 */
import ExcelJS from 'exceljs';

export interface Sheet {
  header: string[];
  rows: (string | null)[][];
}

export async function readSheet(path: string, sheetName: string): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet named ${JSON.stringify(sheetName)} (sheets: ${workbook.worksheets.map((s) => s.name).join(', ')})`);
  const header: string[] = [];
  const rows: (string | null)[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const isHeader = header.length === 0;
    const values: (string | null)[] = [];
    const width = isHeader ? row.cellCount : header.length;
    for (let c = 1; c <= width; c++) values.push(cellText(row.getCell(c).value));
    if (isHeader) {
      values.forEach((name, i) => {
        if (!name) throw new Error(`header cell ${i + 1} of sheet ${sheetName} is empty`);
        header.push(name);
      });
    } else {
      rows.push(values);
    }
  });
  if (header.length === 0) throw new Error(`sheet ${sheetName} is empty`);
  const twice = header.filter((name, i) => header.indexOf(name) !== i);
  if (twice.length > 0) throw new Error(`sheet ${sheetName} names ${[...new Set(twice)].join(', ')} twice in its header`);
  return { header, rows };
}

function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
    return null;
  }
  const text = String(value).trim();
  return text === '' ? null : text;
}

export async function readSheetNames(path: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets.map((sheet) => sheet.name);
}
