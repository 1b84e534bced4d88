/**
 * Turns clean generated exports into files made the way councils' tools make them
 * (SOURCE-LAYOUTS.md, "Exports as they arrive"): workbooks with typed cells, a report tool's
 * CSV with its title and footer, display-name headers, pandas' float ids, Excel's scientific
 * ids and re-saved dates, and a workbook laid out by hand as Excel itself writes one.
 */
export { columnKinds, FRAME_ROWS, type ColumnKinds } from '../../src/generator/writers/workbook.js';
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { parseDateTime, Problem } from '../../src/adapters/convert.js';
import type { ExportFile, Row } from '../../src/generator/writers/csv-files.js';
import { typedCell, type ColumnKinds } from '../../src/generator/writers/workbook.js';
import { formatDay, SECONDS_PER_DAY, ymdFromDay } from '../../src/time/calendar.js';

const mapRows = (file: ExportFile, change: (column: string, value: string) => string): ExportFile => ({
  ...file,
  rows: file.rows.map((row) => Object.fromEntries(file.columns.map((c) => [c, change(c, row[c] ?? '')]))),
});

/** `WORKFLOW_STEP_ID` as a report tool's display name: `Workflow Step Id`. */
export function displayName(column: string): string {
  return column
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

export function withDisplayNames(file: ExportFile): ExportFile {
  return {
    ...file,
    columns: file.columns.map(displayName),
    rows: file.rows.map((row) => Object.fromEntries(file.columns.map((c) => [displayName(c), row[c] ?? '']))),
  };
}

/** Ids as pandas writes an integer column that has blanks: `10032.0`. */
export function withFloatIds(file: ExportFile, kinds: ColumnKinds): ExportFile {
  return mapRows(file, (c, v) => (kinds.ids.has(c) && /^\d+$/.test(v) ? `${v}.0` : v));
}

/** A number as Excel shows it in scientific format, with five significant digits: `1.0032E+04`. */
export function scientific(value: string): string {
  const n = Number(value);
  const exponent = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  return `${(n / 10 ** exponent).toFixed(4)}E+${String(exponent).padStart(2, '0')}`;
}

export function withScientificColumn(file: ExportFile, column: string): ExportFile {
  return mapRows(file, (c, v) => (c === column && /^\d+$/.test(v) ? scientific(v) : v));
}

/** A date cell's value, read with the system's own format: day and seconds (null for a date alone). */
function dateOf(value: string): { day: number; seconds: number | null } | null {
  if (value.trim() === '') return null;
  const read = parseDateTime(value, 'dd/mm/yyyy');
  if (read instanceof Problem) throw new Error(`not a date in a clean export: ${value}`);
  return read;
}

const two = (n: number): string => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The shapes Excel on a UK desktop re-saves dates in. */
export type ResavedDate = 'd/m/yyyy' | 'dd/mm/yyyy hh:mm:ss' | 'yyyy-mm-dd' | 'd-Mon-yyyy';

export function resaved(value: string, shape: ResavedDate): string {
  const read = dateOf(value);
  if (read === null) return value;
  const { year, month, day } = ymdFromDay(read.day);
  const time = read.seconds === null ? null : `${two(Math.floor(read.seconds / 3600))}:${two(Math.floor(read.seconds / 60) % 60)}`;
  switch (shape) {
    case 'd/m/yyyy':
      return `${day}/${month}/${year}${time ? ` ${time}` : ''}`;
    case 'dd/mm/yyyy hh:mm:ss':
      return `${two(day)}/${two(month)}/${year}${time ? ` ${time}:00` : ''}`;
    case 'yyyy-mm-dd':
      return `${formatDay(read.day)}${time ? ` ${time}` : ''}`;
    case 'd-Mon-yyyy':
      return `${day}-${MONTHS[month - 1]}-${year}${time ? ` ${time}` : ''}`;
  }
}

export function withResavedDates(file: ExportFile, kinds: ColumnKinds, shape: ResavedDate): ExportFile {
  return mapRows(file, (c, v) => (kinds.dates.has(c) ? resaved(v, shape) : v));
}

/** Excel's day number of a date: days since 30 December 1899. */
export function dayNumber(value: string): string {
  const read = dateOf(value);
  return read === null ? value : String(read.day + 25_569);
}

export function withDayNumbers(file: ExportFile, column: string): ExportFile {
  return mapRows(file, (c, v) => (c === column ? dayNumber(v) : v));
}

export interface ReportFrame {
  title?: string[];
  footer?: string[];
}

/** The file as a report tool's CSV: its title lines and a blank line above the header, a blank line and its total below the data. */
export function reportCsv(file: ExportFile, frame: ReportFrame = {}): string {
  const title = frame.title ?? [`${file.name.replace(/\.\w+$/, '').replace(/_/g, ' ')} report`, 'Report run: 01/11/2026 07:12', ''];
  const footer = frame.footer ?? ['', `Total rows: ${file.rows.length}`];
  const body = stringify([file.columns, ...file.rows.map((r) => file.columns.map((c) => r[c] ?? ''))], { record_delimiter: '\r\n' });
  return [...title.map((l) => `${l}\r\n`), body, ...footer.map((l) => `${l}\r\n`)].join('');
}

export interface SheetSpec {
  name: string;
  file: ExportFile;
  kinds: ColumnKinds;
  /** A merged title cell, a "Report run:" line and a blank row above the header; a total below. */
  framed?: boolean;
  /** The first data row's first number cell as a formula with its cached value. */
  formula?: boolean;
  /** Cells to replace with an error value, by data row (0 first) and column. */
  errors?: Array<{ row: number; column: string; error: string }>;
}

/** A workbook as exceljs writes one, a sheet per export. */
export async function writeWorkbook(path: string, sheets: SheetSpec[], extra: Array<{ name: string; rows: string[][] }> = []): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    const { file, kinds } = spec;
    if (spec.framed) {
      sheet.addRow([`${spec.name} report`]);
      sheet.mergeCells(1, 1, 1, Math.max(2, file.columns.length));
      sheet.addRow(['Report run: 01/11/2026 07:12']);
      sheet.addRow([]);
    }
    sheet.addRow(file.columns);
    let formulaDone = !spec.formula;
    file.rows.forEach((row, index) => {
      const added = sheet.addRow([]);
      file.columns.forEach((column, i) => {
        const cell = added.getCell(i + 1);
        const typed = typedCell(column, row[column] ?? '', kinds);
        const error = spec.errors?.find((e) => e.row === index && e.column === column);
        if (error) cell.value = { error: error.error } as ExcelJS.CellErrorValue;
        else if (!formulaDone && typeof typed.value === 'number' && !kinds.ids.has(column)) {
          cell.value = { formula: `${typed.value}*1`, result: typed.value };
          formulaDone = true;
        } else cell.value = typed.value;
        if (typed.numFmt) cell.numFmt = typed.numFmt;
      });
    });
    if (spec.framed) {
      sheet.addRow([]);
      sheet.addRow(['Total rows', file.rows.length]);
    }
  }
  for (const { name, rows } of extra) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  await workbook.xlsx.writeFile(path);
}

// A workbook laid out by hand as Excel itself writes one: its parts in Excel's order (the sheet
// before the shared strings and styles), every text a shared string, dates as day numbers styled
// with a date format, a merged title cell.

const xmlText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Excel's day number (with the fraction of the day) of a date cell's value. */
function serial(value: string): { number: string; hasTime: boolean } {
  const read = dateOf(value)!;
  const days = read.day + 25_569 + (read.seconds ?? 0) / SECONDS_PER_DAY;
  return { number: String(days), hasTime: read.seconds !== null };
}

export function excelStyleWorkbook(sheetName: string, file: ExportFile, kinds: ColumnKinds, title: string): Buffer {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const shared = (text: string): number => {
    let i = indexOf.get(text);
    if (i === undefined) {
      i = strings.length;
      strings.push(text);
      indexOf.set(text, i);
    }
    return i;
  };
  // Styles: 0 general, 1 a date (built-in format 14), 2 a date and time (custom format 164).
  const rows: string[] = [];
  const textCell = (ref: string, text: string): string => `<c r="${ref}" t="s"><v>${shared(text)}</v></c>`;
  rows.push(`<row r="1">${textCell('A1', title)}</row>`);
  rows.push(`<row r="2">${textCell('A2', 'Report run: 01/11/2026 07:12')}</row>`);
  rows.push(`<row r="4">${file.columns.map((c, i) => textCell(`${columnLetters(i)}4`, c)).join('')}</row>`);
  file.rows.forEach((row: Row, index) => {
    const r = index + 5;
    const cells = file.columns.map((c, i) => {
      const value = row[c] ?? '';
      const ref = `${columnLetters(i)}${r}`;
      if (value === '') return '';
      if (kinds.dates.has(c)) {
        const { number, hasTime } = serial(value);
        return `<c r="${ref}" s="${hasTime ? 2 : 1}"><v>${number}</v></c>`;
      }
      if (/^[1-9]\d{0,14}$/.test(value)) return `<c r="${ref}"><v>${value}</v></c>`;
      return textCell(ref, value);
    });
    rows.push(`<row r="${r}">${cells.join('')}</row>`);
  });
  const lastColumn = columnLetters(file.columns.length - 1);
  const sheet =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<dimension ref="A1:${lastColumn}${file.rows.length + 4}"/><sheetData>${rows.join('')}</sheetData><mergeCells count="1"><mergeCell ref="A1:${lastColumn}1"/></mergeCells></worksheet>`;
  const sharedStrings =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">` +
    strings.map((s) => `<si><t${/^\s|\s$/.test(s) ? ' xml:space="preserve"' : ''}>${xmlText(s)}</t></si>`).join('') +
    `</sst>`;
  const styles =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts>` +
    `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  const parts: Array<[string, string]> = [
    [
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr defaultThemeVersion="166925"/><sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ],
    ['xl/worksheets/sheet1.xml', sheet],
    ['xl/styles.xml', styles],
    ['xl/sharedStrings.xml', sharedStrings],
  ];
  return zip(parts.map(([name, text]) => [name, Buffer.from(text, 'utf8')]));
}

/** A zip archive of deflated entries, as any zip tool writes one. */
export function zip(entries: Array<[string, Buffer]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0x5b210000, 10); // a fixed time and date, so the bytes are the same every run
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0x5b210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

export function writeExcelStyleWorkbook(path: string, sheetName: string, file: ExportFile, kinds: ColumnKinds): void {
  writeFileSync(path, excelStyleWorkbook(sheetName, file, kinds, `${sheetName}: all staff as at 31/10/2026`));
}
