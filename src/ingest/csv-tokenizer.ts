/**
 * Splits delimited text into records, fed in chunks as it is decoded. It reads what spreadsheet
 * and report tools write: fields quoted with `"` (a doubled `""` inside is one quote), line
 * breaks `\r\n`, `\n` or `\r` (mixed in one file), line breaks inside quoted fields, and it
 * keeps a stray quote inside an unquoted field, or text after a closing quote, as written.
 * Every record carries the physical line it starts on; empty lines are skipped but counted.
 *
 * Written for speed (the audit reads millions of rows): the text is passed over from one
 * character that matters to the next, found by indexOf (delimiters and line breaks outside
 * quotes, quotes and line breaks inside), values cut out with slice, no per-character string
 * building. Only the field being read is kept between chunks, and a field longer than a cell
 * can hold is dropped as it is read, so the time is linear in the input and the memory
 * bounded, whatever the length of a field.
 */
import { CELL_LIMIT, ROW_CELLS_LIMIT } from './limits.js';

/** The characters that matter, as codes: the same in UTF-16 text and in ASCII bytes (csv.ts reads lines as bytes by them). */
export const QUOTE = 34;
export const CR = 13;
export const LF = 10;

export interface TokenizerEvents {
  /** A record, from its first physical line to `lastLine` (later where a quoted value holds line breaks). */
  record(values: string[], line: number, lastLine: number): void;
  /** A quoted field still open at the end of the text: `lines` physical lines could not be read. */
  unclosedQuote(line: number, lines: number): void;
  /** A record with fields longer than a cell can hold (`column` counts from 0): their values are '' in `values`. */
  tooLong(values: string[], line: number, long: LongCell[]): void;
  /** A record with more fields than a row can have. */
  tooWide(line: number): void;
}

export interface LongCell {
  column: number;
  length: number;
}

export class CsvTokenizer {
  private readonly delimiter: number;
  private text = '';
  /** Where scanning resumes, and where the current record and field start, in `text`. */
  private pos = 0;
  private recordStart = 0;
  private fieldStart = 0;
  private values: string[] = [];
  /** The current field opened with a quote, and that quote is still open. */
  private quoted = false;
  private inQuotes = false;
  /** The current quoted field holds doubled quotes to undo. */
  private escaped = false;
  /** Text followed the closing quote: the field is kept as written. */
  private asWritten = false;
  /** The physical line at `pos`, and the one the current record started on. */
  private line = 1;
  private recordLine = 1;
  /** The current record's fields too long for a cell, and whether it has more fields than a row can have. */
  private long: LongCell[] | null = null;
  private wide = false;

  constructor(
    delimiter: string,
    private readonly events: TokenizerEvents,
    private readonly cellLimit = CELL_LIMIT,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Every record written has been given and nothing of the next is held: a reader may read lines itself (csv.ts), then resume here. */
  get idle(): boolean {
    return !this.inQuotes && this.pos === this.text.length && this.recordStart === this.pos;
  }

  /** The physical line the next record starts on, when idle. */
  get nextLine(): number {
    return this.line;
  }

  /** Goes on from `line`, when idle, after lines read elsewhere. */
  resumeAt(line: number): void {
    this.line = this.recordLine = line;
  }

  write(chunk: string): void {
    // The fields of the record before this one are already cut out: only the current one is carried over.
    let keep = this.fieldStart;
    // Quotes and doubled quotes aside, a field of more than twice the limit and 2 characters is too long for certain.
    if (this.pos - keep > 2 * this.cellLimit + 2) {
      // The current field is already too long for a cell: what has been scanned of it is dropped, its quote
      // state kept; `fieldStart` goes below 0, where the field would have started, so its length is still known.
      keep = this.pos;
    }
    this.text = keep === this.text.length ? chunk : this.text.slice(keep) + chunk;
    this.pos -= keep;
    this.fieldStart -= keep;
    this.recordStart -= keep;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    if (this.inQuotes) {
      const endsWithBreak = this.text.length > 0 && (this.text.charCodeAt(this.text.length - 1) === LF || this.text.charCodeAt(this.text.length - 1) === CR);
      const lastLine = endsWithBreak ? this.line - 1 : this.line;
      this.events.unclosedQuote(this.recordLine, Math.max(1, lastLine - this.recordLine + 1));
    } else if (this.pos > this.recordStart) {
      this.endField(this.pos);
      this.endRecord(this.line);
    }
    this.text = '';
    this.pos = this.recordStart = this.fieldStart = 0;
  }

  private scan(final: boolean): void {
    // The state lives in locals while scanning (the hot loop) and is written back at the end.
    const text = this.text;
    const length = text.length;
    const delimiter = this.delimiter;
    const delimiterText = String.fromCharCode(delimiter);
    let pos = this.pos;
    let inQuotes = this.inQuotes;
    let line = this.line;
    // Where each character that matters is next found, by indexOf rather than a character at
    // a time: each is the first at or after `pos` for as long as it is not below it.
    let nextDelimiter = -1;
    let nextLf = -1;
    let nextCr = -1;
    let nextQuote = -1;
    scanning: while (pos < length) {
      if (inQuotes) {
        // Inside quotes only a quote ends anything; the line breaks passed over on the way are counted.
        if (nextQuote < pos) nextQuote = indexOrEnd(text, '"', pos);
        for (;;) {
          if (nextLf < pos) nextLf = indexOrEnd(text, '\n', pos);
          if (nextCr < pos) nextCr = indexOrEnd(text, '\r', pos);
          const lineBreak = Math.min(nextLf, nextCr);
          if (lineBreak >= nextQuote) break;
          if (lineBreak === nextCr) {
            // A CR that ends the chunk may be the first half of a CRLF: it is read with the next chunk.
            if (lineBreak + 1 >= length && !final) {
              pos = lineBreak;
              break scanning;
            }
            pos = text.charCodeAt(lineBreak + 1) === LF ? lineBreak + 2 : lineBreak + 1;
          } else pos = lineBreak + 1;
          line++;
        }
        pos = nextQuote;
        if (pos === length) break;
        if (pos + 1 >= length) {
          if (!final) break;
          inQuotes = false;
          pos++;
          continue;
        }
        const next = text.charCodeAt(pos + 1);
        if (next === QUOTE) {
          this.escaped = true;
          pos += 2;
          continue;
        }
        inQuotes = false;
        if (next !== delimiter && next !== CR && next !== LF) this.asWritten = true;
        pos++;
        continue;
      }
      const c = text.charCodeAt(pos);
      if (c === delimiter) {
        this.endField(pos);
        pos++;
        this.fieldStart = pos;
        continue;
      }
      if (c === CR || c === LF) {
        if (c === CR && pos + 1 >= length && !final) break;
        const width = c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
        if (pos > this.recordStart) {
          this.endField(pos);
          this.endRecord(line);
        }
        pos += width;
        line++;
        this.recordStart = this.fieldStart = pos;
        this.recordLine = line;
        continue;
      }
      // Outside quotes, a quote opens a field only as its first character.
      if (c === QUOTE && pos === this.fieldStart) {
        this.quoted = true;
        inQuotes = true;
        pos++;
        continue;
      }
      // Nothing else matters until the next delimiter or line break.
      if (nextDelimiter < pos) nextDelimiter = indexOrEnd(text, delimiterText, pos);
      if (nextLf < pos) nextLf = indexOrEnd(text, '\n', pos);
      if (nextCr < pos) nextCr = indexOrEnd(text, '\r', pos);
      pos = Math.min(nextDelimiter, nextLf, nextCr);
    }
    this.pos = pos;
    this.inQuotes = inQuotes;
    this.line = line;
  }

  private endField(end: number): void {
    const values = this.values;
    const unquote = this.quoted && !this.asWritten;
    let value = '';
    // A field dropped while read (fieldStart below 0), or past the last cell a row can have, is not cut out.
    if (this.fieldStart >= 0 && values.length < ROW_CELLS_LIMIT) {
      value = unquote ? this.text.slice(this.fieldStart + 1, end - 1) : this.text.slice(this.fieldStart, end);
      if (unquote && this.escaped) value = value.replaceAll('""', '"');
    }
    const length = this.fieldStart >= 0 ? value.length : end - this.fieldStart - (unquote ? 2 : 0);
    this.quoted = this.escaped = this.asWritten = false;
    if (values.length >= ROW_CELLS_LIMIT) {
      // Cells past the limit are not kept: a line of a million delimiters must not make a million strings.
      this.wide = true;
      return;
    }
    if (length > this.cellLimit) {
      (this.long ??= []).push({ column: values.length, length });
      value = '';
    }
    values.push(value);
  }

  private endRecord(lastLine: number): void {
    const values = this.values;
    this.values = [];
    if (this.wide) {
      this.wide = false;
      this.long = null;
      this.events.tooWide(this.recordLine);
    } else if (this.long !== null) {
      const long = this.long;
      this.long = null;
      this.events.tooLong(values, this.recordLine, long);
    } else {
      this.events.record(values, this.recordLine, lastLine);
    }
  }
}

/** Where `search` is next found in `text` from `from`, or the text's length when it is not. */
function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
}
