/**
 * Turns the rows a reader finds (a CSV's records, a sheet's rows) into a table as a report
 * tool lays one out: the report's title rows above the header, the data, and a footer below
 * it. The header is the first of the first HEADER_SEARCH_ROWS non-empty rows that the sink
 * recognises; the lines above it are the title. Rows after the last data row that are blank or
 * totals ("Total rows: 1537", "Grand total", a lone value) are the footer; a total-like row
 * with data after it is data, and reaches the sink like any other row.
 */
import type { LongCell } from './csv-tokenizer.js';
import { cellTooLong, notRead } from './limits.js';
import { asciiText, InputError, type RowOfBytes, type TableInfo, type TableSink } from './table.js';

/** How many non-empty rows the header is looked for in. */
export const HEADER_SEARCH_ROWS = 20;
/** Footer-like rows held back at most: more in a row are data (a one-value column), not a footer. */
const FOOTER_HOLD = 20;

const TOTAL = /^(grand\s+)?totals?\b|^count\b|^(row|record)s?\s*(count|total)\b|^end of report\b/i;

/** Whether a cell holds anything but white space; most cells start with a letter or digit and are told at once. */
function filled(value: string): boolean {
  if (value.length === 0) return false;
  const first = value.charCodeAt(0);
  return (first > 32 && first < 127) || value.trim() !== '';
}

export function isBlankRow(values: readonly string[]): boolean {
  for (const v of values) if (filled(v)) return false;
  return true;
}

/** Whether the bytes of an ASCII cell hold anything but white space (`filled`). */
function filledBytes(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b !== 32 && !(b >= 9 && b <= 13)) return true;
  }
  return false;
}

/** isFooterLike for a row of ASCII bytes: fewer than two cells filled, or the first a total's word (which begins with a letter). */
function isFooterLikeBytes(bytes: Buffer, starts: Int32Array, ends: Int32Array, count: number): boolean {
  let first = -1;
  for (let c = 0; c < count; c++) {
    if (!filledBytes(bytes, starts[c]!, ends[c]!)) continue;
    if (first < 0) {
      first = c;
      continue;
    }
    let at = starts[first]!;
    while (bytes[at] === 32 || (bytes[at]! >= 9 && bytes[at]! <= 13)) at++;
    const letter = bytes[at]! | 0x20;
    return letter >= 97 && letter <= 122 && TOTAL.test(asciiText(bytes, starts[first]!, ends[first]!).trim());
  }
  return true;
}

/** A row a report tool writes below its data: a total, a count, or a single value. */
export function isFooterLike(values: readonly string[]): boolean {
  let first: string | null = null;
  for (const v of values) {
    if (!filled(v)) continue;
    if (first !== null) return TOTAL.test(first);
    first = v.trim();
  }
  return true;
}

/** A row's cells as the names of a header: trimmed, a stray byte order mark (a file saved twice) gone, the empty padding of a wider sheet after the last name dropped. */
export function headerColumns(values: readonly string[]): string[] {
  const columns = values.map((c) => c.replace(/^\uFEFF+/, '').trim());
  while (columns.length > 1 && columns[columns.length - 1] === '') columns.pop();
  return columns;
}

export interface AssemblerOptions {
  /**
   * Every data row must have the header's number of cells (extra empty cells aside): true for
   * delimited text, where a different count means a broken row; a sheet's rows just end early.
   */
  strictWidth: boolean;
}

interface Held {
  values: string[];
  line: number;
}

export class TableAssembler {
  private candidates: Held[] = [];
  private width = -1;
  private columns: string[] = [];
  private held: Held[] = [];
  /** What takes data rows as bytes, once the header is found and where the sink has one. */
  private rowOfBytes: RowOfBytes | null = null;

  constructor(
    private readonly sink: TableSink,
    private readonly info: Omit<TableInfo, 'titleRows'>,
    private readonly options: AssemblerOptions,
  ) {}

  /** Whether the header has been found. */
  get started(): boolean {
    return this.width >= 0;
  }

  /** The header's number of columns, once found. */
  get columnCount(): number {
    return this.width;
  }

  push(values: string[], line: number): void {
    if (this.width < 0) {
      this.seekHeader(values, line);
      return;
    }
    // Blank and total-like rows are held: after the last data row they are the footer.
    if (isBlankRow(values) || isFooterLike(values)) {
      this.held.push({ values, line });
      if (this.held.length > FOOTER_HOLD) this.release();
      return;
    }
    if (this.held.length > 0) this.release();
    this.deliver(values, line);
  }

  /**
   * A data row as the bytes of an ASCII line cut into `count` cells (csv.ts), given to the sink as
   * bytes where push() would give its text on at once: the header found, as many cells as it has,
   * and not a row to hold as a possible footer. False where the row is not taken so: the line is
   * then read as text.
   */
  pushBytes(bytes: Buffer, starts: Int32Array, ends: Int32Array, count: number, line: number): boolean {
    const rowOfBytes = this.rowOfBytes;
    if (rowOfBytes === null || count !== this.width || isFooterLikeBytes(bytes, starts, ends, count)) return false;
    // As push() does before a data row: footer-like rows held were data after all.
    if (this.held.length > 0) this.release();
    return rowOfBytes(bytes, starts, ends, line);
  }

  /** Whether the sink takes data rows as bytes (pushBytes), once the header is found. */
  get takesBytes(): boolean {
    return this.rowOfBytes !== null;
  }

  /** The name of a column of the header, or '' before the header or past its last column. */
  columnName(index: number): string {
    return this.columns[index] ?? '';
  }

  /**
   * A row with cells too long for a spreadsheet (emptied in `values`): rejected when the sink
   * reads one of their columns, else read with a placeholder in each (free text is only ever
   * present or not, and an unused column never makes a row unusable).
   */
  pushWithLongCells(values: string[], line: number, long: readonly LongCell[]): void {
    const sink = this.sink;
    const read = this.width < 0 || sink.readsColumn === undefined ? long[0] : long.find((cell) => sink.readsColumn!(cell.column));
    if (read !== undefined) {
      // The tokenizer left each long cell '': the rest of the row says whose it was.
      this.unreadable(line, cellTooLong(this.columnName(read.column), read.length), 1, values);
      return;
    }
    for (const cell of long) values[cell.column] = notRead(cell.length);
    this.push(values, line);
  }

  /** A part of the text that could not be read as rows (a quote never closed). */
  unreadable(line: number, problem: string, rowsLost: number, cells?: readonly string[]): void {
    if (this.width < 0) throw new InputError(`${this.info.file} line ${line}: ${problem}`);
    this.release();
    this.sink.unreadable(line, problem, rowsLost, cells);
  }

  end(): void {
    if (this.width < 0) {
      if (this.candidates.length === 0) throw new InputError(`${this.info.file} is empty: an export needs at least a header row`);
      this.noHeader();
    }
    const footerRows = this.held.length;
    this.held = [];
    this.sink.end?.(footerRows);
  }

  private seekHeader(values: string[], line: number): void {
    if (isBlankRow(values)) return;
    const columns = headerColumns(values);
    if (this.sink.recognises === undefined || this.sink.recognises(columns)) {
      this.width = columns.length;
      this.columns = columns;
      // Every line above the header is the report's title, blank ones included.
      this.sink.header(columns, { ...this.info, titleRows: line - 1 });
      this.rowOfBytes = this.sink.rowsOfBytes?.() ?? null;
      this.candidates = [];
      return;
    }
    this.candidates.push({ values: columns, line });
    if (this.candidates.length >= HEADER_SEARCH_ROWS) this.noHeader();
  }

  private noHeader(): never {
    this.sink.noHeader?.(this.candidates);
    throw new InputError(`${this.info.file}: none of its first ${this.candidates.length} rows is a header of a known export layout`);
  }

  /** The held footer-like rows were data after all: each goes to the sink as a row. */
  private release(): void {
    const held = this.held;
    this.held = [];
    for (const { values, line } of held) if (!isBlankRow(values)) this.deliver(values, line);
  }

  private deliver(values: string[], line: number): void {
    const width = this.width;
    if (values.length > width) {
      // Empty cells past the header are the padding of a wider sheet; a value there has no column.
      let lastFilled = values.length - 1;
      while (lastFilled >= width && !filled(values[lastFilled]!)) lastFilled -= 1;
      if (lastFilled < width || !this.options.strictWidth) values = values.slice(0, width);
    } else if (values.length < width && !this.options.strictWidth) {
      values = values.concat(new Array<string>(width - values.length).fill(''));
    }
    if (values.length !== width) {
      this.sink.unreadable(
        line,
        `the row has ${values.length} cells but the header has ${width}: a delimiter inside an unquoted value, or a cut-off row`,
        1,
      );
      return;
    }
    this.sink.row(values, line);
  }
}
