/**
 * Splits delimited text into records, fed in chunks as it is decoded. It reads what spreadsheet
 * and report tools write: fields quoted with `"` (a doubled `""` inside is one quote), line
 * breaks `\r\n`, `\n` or `\r` (mixed in one file), line breaks inside quoted fields, and it
 * keeps a stray quote inside an unquoted field, or text after a closing quote, as written.
 * Every record carries the physical line it starts on; empty lines are skipped but counted.
 *
 * Written for speed (the audit reads millions of rows): one pass of character codes over the
 * text, values cut out with slice, no per-character string building.
 */
const QUOTE = 34;
const CR = 13;
const LF = 10;

export interface TokenizerEvents {
  record(values: string[], line: number): void;
  /** A quoted field still open at the end of the text: `lines` physical lines could not be read. */
  unclosedQuote(line: number, lines: number): void;
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

  constructor(
    delimiter: string,
    private readonly events: TokenizerEvents,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  write(chunk: string): void {
    this.text = this.recordStart === this.text.length ? chunk : this.text.slice(this.recordStart) + chunk;
    this.pos -= this.recordStart;
    this.fieldStart -= this.recordStart;
    this.recordStart = 0;
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
      this.endRecord();
    }
    this.text = '';
    this.pos = this.recordStart = this.fieldStart = 0;
  }

  private scan(final: boolean): void {
    // The state lives in locals while scanning (the hot loop) and is written back at the end.
    const text = this.text;
    const length = text.length;
    const delimiter = this.delimiter;
    let pos = this.pos;
    let inQuotes = this.inQuotes;
    let line = this.line;
    while (pos < length) {
      const c = text.charCodeAt(pos);
      if (inQuotes) {
        if (c === QUOTE) {
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
        if (c === CR) {
          if (pos + 1 >= length && !final) break;
          if (text.charCodeAt(pos + 1) === LF) pos++;
          line++;
        } else if (c === LF) {
          line++;
        }
        pos++;
        continue;
      }
      if (c > QUOTE) {
        // Letters and digits: by far the most characters, and nothing to do.
        if (c !== delimiter) {
          pos++;
          continue;
        }
      }
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
          this.endRecord();
        }
        pos += width;
        line++;
        this.recordStart = this.fieldStart = pos;
        this.recordLine = line;
        continue;
      }
      if (c === QUOTE && pos === this.fieldStart) {
        this.quoted = true;
        inQuotes = true;
      }
      pos++;
    }
    this.pos = pos;
    this.inQuotes = inQuotes;
    this.line = line;
  }

  private endField(end: number): void {
    let value: string;
    if (this.quoted && !this.asWritten) {
      value = this.text.slice(this.fieldStart + 1, end - 1);
      if (this.escaped) value = value.replaceAll('""', '"');
    } else {
      value = this.text.slice(this.fieldStart, end);
    }
    this.values.push(value);
    this.quoted = this.escaped = this.asWritten = false;
  }

  private endRecord(): void {
    const values = this.values;
    this.values = [];
    this.events.record(values, this.recordLine);
  }
}
