/**
 * A sheet's rows, read from its XML as it streams: each `<row>` is given as the texts of its
 * cells as soon as it closes, so that memory holds a row, never the sheet.
 *
 * A row's number is its `r`, or, where a row has none (ECMA-376 makes it optional), the number
 * after the row before it; a cell's column is the letters of its `r`, or the column after the
 * cell before it in the row. Columns with no cell between two cells are empty. A cell's text is
 * that of its value by its type: a shared string (`s`), a string (`str`, or `inlineStr` with its
 * `<is>`), a number (`n`, or no type) shown as its style's number format shows it (a date
 * format makes it a date), a boolean (`b`), an error (`e`) or an ISO 8601 date (`d`). A formula
 * is its cached value (`<v>`); with none, it is empty.
 */
import { isoDateText, NOT_A_DATE, numberValueText } from './cell-text.js';
import type { LongCell } from './csv-tokenizer.js';
import { CELL_LIMIT, ROW_CELLS_LIMIT } from './limits.js';
import { GatheredText, type WorkbookInfo } from './workbook-parts.js';
import { decodeEscapes, XmlError, type XmlHandler } from './xml-scanner.js';

/**
 * Takes one row: `values` by column (those after the last cell with a value are not there),
 * `long` the cells too long for a spreadsheet (emptied in `values`), `tooWide` when the row has a
 * cell past the last column a sheet can have. Returns false when no more rows are wanted.
 */
export type RowSink = (values: string[], line: number, long: LongCell[] | null, tooWide: boolean) => boolean;

const enum CellType {
  Number,
  SharedString,
  String,
  InlineString,
  Boolean,
  Error,
  Date,
}

const enum Gathering {
  Nothing,
  Value,
  InlineText,
}

const QUOTE = 34;
const APOSTROPHE = 39;
const EQUALS = 61;

/** A cell reference (`r`) as it may come: an error names it, cut short. */
const shown = (s: string, start: number, end: number): string => JSON.stringify(s.slice(start, Math.min(end, start + 20)));

export class SheetRows implements XmlHandler {
  /** Whether the sink wants no more rows. */
  stopped = false;

  private inRow = false;
  private line = 0;
  private values: string[] = [];
  private long: LongCell[] | null = null;
  private tooWide = false;

  private inCell = false;
  private column = -1;
  private type = CellType.Number;
  private style = 0;
  private hasFormula = false;
  private value: string | null = null;
  /** The length of the `<v>` text, which may have been cut short past the cell limit. */
  private valueLength = 0;
  private inline: GatheredText | null = null;
  private inPhonetic = false;
  private gathering = Gathering.Nothing;
  private readonly gathered = new GatheredText();
  private readonly inlineText = new GatheredText();

  constructor(
    private readonly book: WorkbookInfo,
    private readonly sink: RowSink,
  ) {}

  open(s: string, nameStart: number, nameEnd: number, end: number): void {
    const length = nameEnd - nameStart;
    const first = s.charCodeAt(nameStart);
    if (length === 1) {
      if (first === 99 /* c */ && this.inRow) this.openCell(s, nameEnd, end);
      else if (!this.inCell) return;
      else if (first === 118 /* v */) {
        this.gathering = Gathering.Value;
        this.gathered.reset();
      } else if (first === 102 /* f */) this.hasFormula = true;
      else if (first === 116 /* t */ && this.inline !== null && !this.inPhonetic) this.gathering = Gathering.InlineText;
    } else if (length === 3) {
      if (first === 114 /* r */ && s.charCodeAt(nameStart + 1) === 111 /* o */ && s.charCodeAt(nameStart + 2) === 119 /* w */) this.openRow(s, nameEnd, end);
      else if (this.inline !== null && s.startsWith('rPh', nameStart)) this.inPhonetic = true;
    } else if (length === 2 && this.inCell && first === 105 /* i */ && s.charCodeAt(nameStart + 1) === 115 /* s */) {
      this.inline = this.inlineText;
      this.inline.reset();
    }
  }

  close(s: string, nameStart: number, nameEnd: number): void {
    const length = nameEnd - nameStart;
    const first = s.charCodeAt(nameStart);
    if (length === 1) {
      if (first === 99 /* c */) {
        if (this.inCell) this.closeCell();
      } else if (first === 118 /* v */ || first === 116 /* t */) {
        if (this.gathering === Gathering.Value) {
          this.value = this.gathered.finish(false);
          this.valueLength = this.gathered.length;
        }
        this.gathering = Gathering.Nothing;
      }
    } else if (length === 3) {
      if (first === 114 /* r */ && s.charCodeAt(nameStart + 1) === 111 /* o */ && s.charCodeAt(nameStart + 2) === 119 /* w */) this.closeRow();
      else if (s.startsWith('rPh', nameStart)) this.inPhonetic = false;
    }
  }

  text(s: string, start: number, end: number, raw: boolean): void {
    if (this.gathering === Gathering.Value) this.gathered.add(s, start, end, raw);
    else if (this.gathering === Gathering.InlineText) this.inlineText.add(s, start, end, raw);
  }

  private openRow(s: string, from: number, end: number): void {
    let line = this.line + 1;
    for (let at = from; (at = nextAttribute(s, at, end)) >= 0; ) {
      const valueStart = attributeValueStart(s, at, end);
      const valueEnd = attributeValueEnd(s, valueStart, end);
      if (nameIs(s, at, 'r')) {
        line = rowNumber(s, valueStart, valueEnd);
        if (line < 1) throw new XmlError(`has a row numbered ${shown(s, valueStart, valueEnd)}, which is not a row number`);
      }
      at = valueEnd + 1;
    }
    this.line = line;
    this.inRow = true;
    this.values = [];
    this.long = null;
    this.tooWide = false;
    this.column = -1;
  }

  private closeRow(): void {
    if (!this.inRow) return;
    this.inRow = false;
    if (this.stopped) return;
    const long = this.long;
    if (long !== null && long.length > 1) long.sort((a, b) => a.column - b.column);
    if (!this.sink(this.values, this.line, long, this.tooWide)) this.stopped = true;
  }

  private openCell(s: string, from: number, end: number): void {
    let column = this.column + 1;
    let type = CellType.Number;
    let style = 0;
    for (let at = from; (at = nextAttribute(s, at, end)) >= 0; ) {
      const valueStart = attributeValueStart(s, at, end);
      const valueEnd = attributeValueEnd(s, valueStart, end);
      const name = s.charCodeAt(at);
      if (name === 114 /* r */ && nameIs(s, at, 'r')) {
        column = columnIndex(s, valueStart, valueEnd);
        if (column < 0) throw new XmlError(`has a cell whose reference ${shown(s, valueStart, valueEnd)} is not a cell reference (row ${this.line})`);
      } else if (name === 116 /* t */ && nameIs(s, at, 't')) type = cellType(s, valueStart, valueEnd);
      else if (name === 115 /* s */ && nameIs(s, at, 's')) style = rowNumber(s, valueStart, valueEnd);
      at = valueEnd + 1;
    }
    this.inCell = true;
    this.column = column;
    this.type = type;
    this.style = style;
    this.hasFormula = false;
    this.value = null;
    this.inline = null;
    this.inPhonetic = false;
  }

  private closeCell(): void {
    this.inCell = false;
    this.gathering = Gathering.Nothing;
    let text: string;
    let length: number;
    if (this.inline !== null) {
      text = this.inline.finish(true);
      length = this.inline.length;
    } else if (this.value !== null) {
      text = this.valueText(this.value);
      if (this.type === CellType.String || this.type === CellType.InlineString) length = text === this.value ? this.valueLength : text.length;
      else if (text === this.value) length = this.valueLength;
      else if (this.type === CellType.SharedString) length = this.book.sharedStrings.longLengths.get(Number(this.value)) ?? text.length;
      else length = text.length;
    } else if (this.hasFormula) {
      text = '';
      length = 0;
    } else {
      return; // a cell with no value (a style alone) is no cell of the row's
    }
    const column = this.column;
    if (column >= ROW_CELLS_LIMIT) {
      this.tooWide = true;
      return;
    }
    const values = this.values;
    while (values.length < column) values.push('');
    if (length > CELL_LIMIT) {
      (this.long ??= []).push({ column, length });
      text = '';
    }
    if (column < values.length) values[column] = text;
    else values.push(text);
  }

  /** The text of the cell's `<v>`, by its type. */
  private valueText(value: string): string {
    switch (this.type) {
      case CellType.Number:
        return numberValueText(value, this.book.styles[this.style] ?? NOT_A_DATE, this.book.date1904);
      case CellType.SharedString: {
        const index = Number(value);
        const text = this.book.sharedStrings.texts[index];
        if (text === undefined) {
          throw new XmlError(`has a cell in row ${this.line} whose shared string (${JSON.stringify(value.slice(0, 12))}) is not among the workbook's ${this.book.sharedStrings.texts.length.toLocaleString('en-GB')}`);
        }
        return text;
      }
      case CellType.Boolean:
        return value.trim() === '0' || value.trim() === 'false' ? 'FALSE' : 'TRUE';
      case CellType.Date:
        return isoDateText(value, this.book.styles[this.style] ?? NOT_A_DATE);
      case CellType.String:
      case CellType.InlineString:
        return decodeEscapes(value);
      default:
        return value;
    }
  }
}

/** Where the next attribute's name starts after `at`, or -1 at the tag's end. */
function nextAttribute(s: string, at: number, end: number): number {
  while (at < end) {
    const code = s.charCodeAt(at);
    if (code > 32 && code !== 47 /* / */) return at;
    at++;
  }
  return -1;
}

/** Where the value of the attribute whose name starts at `at` starts, inside its quotes. */
function attributeValueStart(s: string, at: number, end: number): number {
  // (Past the tag's end, an `=` is as good as none: either way the tag is refused.)
  let eq = at;
  while (eq < end && s.charCodeAt(eq) !== EQUALS) eq++;
  if (eq === end) eq = -1;
  let nameEnd = at;
  while (nameEnd < eq && isNameChar(s.charCodeAt(nameEnd))) nameEnd++;
  while (nameEnd < eq && s.charCodeAt(nameEnd) <= 32) nameEnd++;
  if (nameEnd !== eq) throw new XmlError('has a tag whose attributes are not XML');
  let open = eq + 1;
  while (open < end && s.charCodeAt(open) <= 32) open++;
  const quote = s.charCodeAt(open);
  if (eq < 0 || eq >= end || (quote !== QUOTE && quote !== APOSTROPHE)) throw new XmlError('has a tag whose attributes are not XML');
  return open + 1;
}

/** Whether a character may be in an attribute's name: not white space, a quote, `=`, `<`, `>` or `/`. */
const isNameChar = (code: number): boolean => code > 32 && code !== QUOTE && code !== APOSTROPHE && code !== EQUALS && code !== 60 && code !== 62 && code !== 47;

/** Where the value starting at `valueStart` ends: its closing quote, which must be inside the tag. */
function attributeValueEnd(s: string, valueStart: number, end: number): number {
  const quote = s.charCodeAt(valueStart - 1);
  let valueEnd = valueStart;
  while (valueEnd < end && s.charCodeAt(valueEnd) !== quote) valueEnd++;
  if (valueEnd >= end) throw new XmlError('has a tag whose attributes are not XML');
  return valueEnd;
}

/** Whether the attribute name at `at` is `name` (followed by `=` or white space). */
function nameIs(s: string, at: number, name: string): boolean {
  if (!s.startsWith(name, at)) return false;
  const after = s.charCodeAt(at + name.length);
  return after === EQUALS || after <= 32;
}

/** A positive whole number's value, or -1. */
function rowNumber(s: string, start: number, end: number): number {
  if (end <= start || end - start > 9) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/** The column (0 for A) of a cell reference (`B12`, `$B$12`), or -1; one past the last column is as far as it counts. */
function columnIndex(s: string, start: number, end: number): number {
  let n = 0;
  let i = start;
  if (s.charCodeAt(i) === 36 /* $ */) i++;
  const lettersStart = i;
  for (; i < end; i++) {
    const code = s.charCodeAt(i) | 0x20; // either case
    if (code < 97 || code > 122) break;
    if (n <= ROW_CELLS_LIMIT) n = n * 26 + (code - 96);
  }
  if (i === lettersStart) return -1;
  if (s.charCodeAt(i) === 36 /* $ */) i++;
  if (rowNumber(s, i, end) < 1) return -1;
  return Math.min(n, ROW_CELLS_LIMIT + 1) - 1;
}

/** A cell's type from its `t`, by its first letter and length (no string made for it). */
function cellType(s: string, start: number, end: number): CellType {
  const length = end - start;
  const first = s.charCodeAt(start);
  if (length === 1) {
    if (first === 115 /* s */) return CellType.SharedString;
    if (first === 98 /* b */) return CellType.Boolean;
    if (first === 101 /* e */) return CellType.Error;
    if (first === 100 /* d */) return CellType.Date;
  } else if (length === 3 && s.startsWith('str', start)) return CellType.String;
  else if (length === 9 && s.startsWith('inlineStr', start)) return CellType.InlineString;
  return CellType.Number;
}
