/**
 * Reads an Excel workbook (.xlsx) with exceljs's streaming reader, so that a sheet of a
 * million rows is never held in memory: each sheet is a table, each cell the text a CSV
 * export of it would hold. A date cell is its wall-clock date (and time) as written, with no
 * time zone applied; a whole number is its integer text (an id of 10032 is "10032", never
 * "10032.0"); a formula is its cached value; an error cell is its error text (#N/A), which
 * the mapper reports. Rows keep the row number Excel shows.
 */
import type ExcelJS from 'exceljs';
import { TableAssembler } from './assemble.js';
import { FORMULA_ERROR } from './cells.js';
import type { LongCell } from './csv-tokenizer.js';
import { CELL_LIMIT } from './limits.js';
import { readHead } from './encoding.js';
import { workbookPartsInReadingOrder, type ReadingOrder } from './zip-order.js';
import { InputError, type Skipped, type TableOpener } from './table.js';
import { formatDay, SECONDS_PER_DAY } from '../time/calendar.js';

/** Excel's day 0 in the 1900 date system is 30 December 1899, 25,569 days before 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;
const DATE_1904_OFFSET = 1_462;

/** Whether a number format shows a date (d, m, y) or a time (h, s), quoted text and [colours] aside. */
function formatParts(numFmt: string | undefined): { date: boolean; time: boolean } {
  if (!numFmt || numFmt === 'General') return { date: false, time: false };
  const bare = numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return { date: /[dmy]/i.test(bare) || /[hs]/i.test(bare), time: /[hs]/i.test(bare) };
}

/** A wall-clock date-time held as seconds since 1970-01-01 (no zone), as an export writes it. */
function wallClockText(seconds: number, showTime: boolean): string {
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  const ofDay = seconds - day * SECONDS_PER_DAY;
  if (!showTime && ofDay === 0) return formatDay(day);
  const two = (n: number): string => String(n).padStart(2, '0');
  const hh = Math.floor(ofDay / 3600);
  const mm = Math.floor((ofDay % 3600) / 60);
  const ss = ofDay % 60;
  return `${formatDay(day)} ${two(hh)}:${two(mm)}${ss === 0 ? '' : `:${two(ss)}`}`;
}

/** exceljs gives a date cell as a Date whose UTC fields are the wall clock; rounded to the second. */
function dateText(value: Date, numFmt: string | undefined): string {
  return wallClockText(Math.round(value.getTime() / 1000), formatParts(numFmt).time);
}

function numberText(value: number, numFmt: string | undefined, date1904: boolean): string {
  if (!Number.isFinite(value)) return FORMULA_ERROR;
  const parts = formatParts(numFmt);
  // A formula's cached value comes as a number even where the cell shows a date.
  if (parts.date) {
    const seconds = Math.round((value - EXCEL_EPOCH_OFFSET + (date1904 ? DATE_1904_OFFSET : 0)) * SECONDS_PER_DAY);
    return wallClockText(seconds, parts.time);
  }
  if (Number.isInteger(value)) return String(value);
  // Excel keeps 15 significant digits: 0.1 + 0.2 is shown, and saved to CSV, as 0.3.
  return String(Number(value.toPrecision(15)));
}

type CellValue = ExcelJS.CellValue;

/** The text of one cell, as a CSV export of the sheet would hold it. */
export function cellText(value: CellValue, numFmt: string | undefined, date1904 = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt, date1904);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? FORMULA_ERROR : dateText(value, numFmt);
  if ('error' in value) return String(value.error);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined) return '';
    if (typeof result === 'object' && result !== null && 'error' in result) return String((result as { error: unknown }).error);
    return cellText(result as CellValue, numFmt, date1904);
  }
  if ('text' in value) return String((value as { text: unknown }).text ?? '');
  return '';
}

/** The cells of a row too long for a spreadsheet (a sheet written by another tool may hold them), each emptied; null when there are none. */
function longCells(values: string[]): LongCell[] | null {
  let long: LongCell[] | null = null;
  for (let column = 0; column < values.length; column++) {
    const length = values[column]!.length;
    if (length <= CELL_LIMIT) continue;
    (long ??= []).push({ column, length });
    values[column] = '';
  }
  return long;
}

/**
 * The items of `source` until the workbook's stream is cut off, which ends the wait for the next
 * at once. (Not Promise.race against one pending promise: each race would stay attached to it.)
 */
async function* until<T>(source: AsyncIterable<T>, parts: ReadingOrder): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const next = (): Promise<IteratorResult<T>> =>
    new Promise((resolve, reject) => {
      parts.onCutOff(reject);
      iterator.next().then(resolve, reject);
    });
  for (let item = await next(); !item.done; item = await next()) yield item.value;
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

async function isZip(path: string): Promise<boolean> {
  const head = await readHead(path, ZIP_SIGNATURE.length);
  return head.length === ZIP_SIGNATURE.length && ZIP_SIGNATURE.every((b, i) => head[i] === b);
}

interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name?: string;
  id?: number | string;
}

/**
 * Reads every sheet of a workbook into a table of its own. A sheet that matches no export
 * layout, or holds nothing, is skipped when another sheet was read; when none was, the
 * workbook is refused as a CSV file with that header would be.
 */
export async function readWorkbook(path: string, openTable: TableOpener): Promise<Skipped[]> {
  if (!(await isZip(path))) {
    throw new InputError(`${path} is not an Excel workbook: an .xlsx file is a zip archive, and this one is not (a CSV file renamed .xlsx, or a download cut off?). Save it again from Excel as .xlsx, or as CSV`);
  }
  // The shared strings and styles first, so that each sheet is read as it streams, with no copy of it on disk.
  const parts = await workbookPartsInReadingOrder(path);
  // Loaded only when a workbook is read: an audit of CSV files never pays for it.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(parts.stream as unknown as string, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  // The reader holds a sheet back, copying it to disk, until it has read the shared strings and the
  // workbook's relationships: where the workbook has none (exceljs's streaming writer writes no
  // shared strings), it is told so, and reads each sheet as it streams.
  const waiting = reader as unknown as { sharedStrings?: string[]; workbookRels?: unknown[] };
  if (!parts.names.has('xl/sharedStrings.xml')) waiting.sharedStrings = [];
  if (!parts.names.has('xl/_rels/workbook.xml.rels')) waiting.workbookRels = [];
  const skipped: Skipped[] = [];
  let read = 0;
  let firstRefusal: InputError | null = null;
  // What the tables' sinks throw is theirs to say (an unknown header, a bug); only the reader's own failures mean a damaged workbook.
  const fromSink = new WeakSet<object>();
  const intoTable = (act: () => void): InputError | null => {
    try {
      act();
      return null;
    } catch (err) {
      if (err instanceof InputError) return err;
      if (typeof err === 'object' && err !== null) fromSink.add(err);
      throw err;
    }
  };
  try {
    for await (const worksheet of until(reader as unknown as AsyncIterable<SheetReader>, parts)) {
      const sheet = worksheet.name ?? `Sheet${worksheet.id ?? read + skipped.length + 1}`;
      const file = `${path} [${sheet}]`;
      const date1904 = Boolean((reader as unknown as { properties?: { date1904?: boolean } }).properties?.date1904);
      const table = new TableAssembler(openTable({ file, sheet }), { file, format: 'xlsx', encoding: 'xlsx', sheet }, { strictWidth: false });
      let refused: InputError | null = null;
      let empty = true;
      for await (const row of until(worksheet, parts)) {
        if (refused) continue; // the rest of the sheet is passed over, but must still be read through
        const values: string[] = [];
        row.eachCell((cell, column) => {
          while (values.length < column - 1) values.push('');
          values.push(cellText(cell.value, cell.numFmt, date1904));
        });
        if (values.length > 0) empty = false;
        const long = longCells(values);
        const refusal = intoTable(() => (long === null ? table.push(values, row.number) : table.pushWithLongCells(values, row.number, long)));
        if (refusal && table.started) throw refusal;
        refused = refusal;
      }
      if (empty) {
        skipped.push({ file, reason: 'the sheet is empty' });
        continue;
      }
      if (!refused) {
        const refusal = intoTable(() => table.end());
        if (refusal && table.started) throw refusal;
        refused = refusal;
      }
      if (refused) {
        firstRefusal ??= refused;
        skipped.push({ file, reason: 'no header of a known export layout in its first rows' });
        continue;
      }
      read += 1;
    }
  } catch (err) {
    const failure = parts.failure();
    if (failure !== null) throw failure;
    if (err instanceof InputError || fromSink.has(err as object)) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new InputError(`${path} cannot be read as an Excel workbook (${why}): is it damaged, or cut off? Save it again from Excel as .xlsx, or as CSV`);
  }
  // A part cut off at its end by the check may still have read as a whole sheet.
  const failure = parts.failure();
  if (failure !== null) throw failure;
  if (read === 0) {
    if (firstRefusal) throw firstRefusal;
    throw new InputError(`${path} is empty: none of its sheets holds a header row`);
  }
  return skipped;
}
