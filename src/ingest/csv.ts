/**
 * Streams a delimited export into a TableSink. Encoding and delimiter are detected; line
 * endings may be mixed (exports stitched together in Excel often are); every row keeps the
 * physical line it starts on, also when a quoted field spans several lines. The report's
 * title and footer rows are told from the header and the data (assemble.ts).
 */
import { close, open, read } from 'node:fs';
import { promisify } from 'node:util';
import { CR, CsvTokenizer, LF, QUOTE, type TokenizerEvents } from './csv-tokenizer.js';
import { detectEncoding, encodingOfHead, NOT_UTF8, type DetectedEncoding } from './encoding.js';
import { headerColumns, HEADER_SEARCH_ROWS, TableAssembler } from './assemble.js';
import { CELL_LIMIT, limit, ROW_CELLS_LIMIT, tooManyCells } from './limits.js';
import { InputError, type TableSink } from './table.js';

const DELIMITERS = [',', ';', '\t'] as const;

/** Text enough to tell the delimiter by: a report's title and header, and rows below them. */
const SNIFFED = 1 << 16;
const SNIFF_PIECE = 4096;

/** Lines a record must span before its cells are looked at for rows a stray quote joined (joinedRows). */
const JOINED_ROWS_AT_LEAST = 10;

/**
 * How many lines of a record's longest multi-line cell read as rows of the file (as many
 * delimiters as the record, nearly): none unless most of its lines do, as no note's lines do.
 */
function joinedRows(values: readonly string[], delimiter: string): number {
  let longest = '';
  for (const value of values) if (value.length > longest.length && value.includes('\n')) longest = value;
  const lines = longest.split(/\r\n|\n|\r/);
  if (lines.length < JOINED_ROWS_AT_LEAST) return 0;
  const rowLike = lines.filter((text) => text.split(delimiter).length >= values.length - 1).length;
  return rowLike * 2 > lines.length ? rowLike : 0;
}

/** How a data issue says a quoted value runs to the end of the file: the file was cut off, or a stray quote hides the rest (adapters/trust.ts stops on it). */
export const NEVER_CLOSED = 'a quoted value opened here is never closed';

/**
 * The delimiter of a delimited export, told by its first records: the one under which one of
 * them is a header the reader knows (`recognises`). Where none is (a header of renamed columns,
 * which the message about it then lists), the one that splits the most records the same number
 * of times; on a tie, the one that splits them more often, then comma. A report's title line, or
 * a note full of semicolons, splits its own way and is outvoted; a quoted note over several
 * lines is one record.
 */
export function sniffDelimiter(text: string, recognises?: (columns: string[]) => boolean): string {
  const head = text.slice(0, SNIFFED);
  if (recognises) {
    for (const delimiter of DELIMITERS) {
      if (firstRecords(head, delimiter).some((values) => recognises(headerColumns(values)))) return delimiter;
    }
  }
  const counts = splitsOfRecords(head);
  let best: string = ',';
  let bestRecords = 0;
  let bestSplits = 0;
  DELIMITERS.forEach((delimiter, d) => {
    const recordsBySplits = new Map<number, number>();
    for (const splits of counts) if (splits[d]! > 0) recordsBySplits.set(splits[d]!, (recordsBySplits.get(splits[d]!) ?? 0) + 1);
    for (const [splits, count] of recordsBySplits) {
      if (count > bestRecords || (count === bestRecords && splits > bestSplits)) {
        best = delimiter;
        bestRecords = count;
        bestSplits = splits;
      }
    }
  });
  return best;
}

/** The first records of a text that are not blank, split by `delimiter` as the tokenizer splits them. */
function firstRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  const take = (values: string[]): void => {
    if (records.length < HEADER_SEARCH_ROWS && values.some((v) => v.trim() !== '')) records.push(values);
  };
  const tokenizer = new CsvTokenizer(delimiter, { record: take, tooLong: take, unclosedQuote: () => {}, tooWide: () => {} });
  // A piece at a time, to stop once there are enough.
  for (let at = 0; at < text.length && records.length < HEADER_SEARCH_ROWS; at += SNIFF_PIECE) tokenizer.write(text.slice(at, at + SNIFF_PIECE));
  if (records.length < HEADER_SEARCH_ROWS) tokenizer.end();
  return records;
}

/**
 * How often each delimiter splits each of the first records, outside quotes. Which quote opens
 * a value depends on the delimiter; here every quote opens or closes one, so that a quoted note
 * over several lines is one record, whichever the delimiter.
 */
function splitsOfRecords(text: string): number[][] {
  const records: number[][] = [];
  let splits = DELIMITERS.map(() => 0);
  let filled = false;
  let quoted = false;
  for (let i = 0; i < text.length && records.length < HEADER_SEARCH_ROWS; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '\n' || c === '\r') {
      if (filled) records.push(splits);
      splits = DELIMITERS.map(() => 0);
      filled = false;
      continue;
    } else {
      const d = DELIMITERS.indexOf(c as (typeof DELIMITERS)[number]);
      if (d >= 0) splits[d]! += 1;
    }
    if (c.trim() !== '') filled = true;
  }
  if (filled && records.length < HEADER_SEARCH_ROWS) records.push(splits);
  return records;
}

/** The first `count` non-empty lines of a text, as physical lines (a quoted value over several lines gives one each). */
export function firstLines(text: string, count: number): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (out.length >= count) break;
    if (line.trim() !== '') out.push(line);
  }
  return out;
}

/** Encodings in which a byte below 128 is that ASCII character: lines of such bytes alone can be read as bytes. */
const ASCII_COMPATIBLE: ReadonlySet<string> = new Set(['utf-8', 'windows-1252']);
/** A line begun in one chunk is carried into the next while no longer than this (give or take a chunk); past it, it is read as text. */
const CARRY_LIMIT = 1 << 20;

/**
 * Cuts the line `from` to `to` of ASCII bytes into its cells at each `delimiter`, into `starts`
 * and `ends`: their number, or -1 where the line is not one the tokenizer would cut the same way
 * with no more to it (a carriage return, a byte beyond ASCII, a cell longer than a
 * spreadsheet's, a quote but around a whole cell with none inside it). A cell in quotes is its
 * text inside them, delimiters and all, as the tokenizer reads it. Past `most` cells, the rest
 * must be empty cells (the padding of a sheet saved with empty columns after the last, which the
 * table drops), else -1.
 */
function asciiCells(bytes: Buffer, from: number, to: number, delimiter: number, starts: Int32Array, ends: Int32Array, most: number): number {
  let count = 0;
  let start = from;
  let i = from;
  if (i < to && bytes[i] === QUOTE) {
    i = quotedCellEnd(bytes, i, to, delimiter);
    if (i < 0) return -1;
  }
  for (; i < to; i++) {
    const b = bytes[i]!;
    if (b === delimiter) {
      if (!cutCell(bytes, start, i, starts, ends, count)) return -1;
      count += 1;
      start = i + 1;
      if (count === most) return onlyEmptyCells(bytes, start, to, delimiter, most) ? most : -1;
      // A cell opening with a quote runs to the quote that closes it.
      if (start < to && bytes[start] === QUOTE) {
        i = quotedCellEnd(bytes, start, to, delimiter) - 1;
        if (i < 0) return -1;
      }
    } else if (b === QUOTE || b === CR || b >= 128) return -1;
  }
  if (!cutCell(bytes, start, to, starts, ends, count)) return -1;
  return count + 1;
}

/**
 * Where a cell opening with a quote at `at` ends: just after the quote that closes it, where a
 * delimiter or the end of the line follows; -1 where the tokenizer would read more into it (a
 * doubled quote, text after the closing quote, no closing quote on the line) or the cell holds a
 * carriage return or a byte beyond ASCII.
 */
function quotedCellEnd(bytes: Buffer, at: number, to: number, delimiter: number): number {
  for (let i = at + 1; i < to; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) return i + 1 === to || bytes[i + 1] === delimiter ? i + 1 : -1;
    if (b === CR || b >= 128) return -1;
  }
  return -1;
}

/** Sets cell `n` to the bytes `start` to `end`, inside its quotes where it has them; false where it is longer than a spreadsheet cell. */
function cutCell(bytes: Buffer, start: number, end: number, starts: Int32Array, ends: Int32Array, n: number): boolean {
  const quoted = end - start >= 2 && bytes[start] === QUOTE;
  starts[n] = quoted ? start + 1 : start;
  ends[n] = quoted ? end - 1 : end;
  return ends[n]! - starts[n]! <= CELL_LIMIT;
}

/** Whether the bytes `from` to `to` are cells of white space alone after `before` cells, no more in all than a row can have. */
function onlyEmptyCells(bytes: Buffer, from: number, to: number, delimiter: number, before: number): boolean {
  let cells = before + 1;
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b === delimiter) cells += 1;
    else if (b !== 32 && b !== 9 && b !== 11 && b !== 12) return false;
  }
  return cells <= ROW_CELLS_LIMIT;
}

/**
 * The data lines of an export after its header, read as bytes where that is what the tokenizer
 * would make of them: a line of ASCII bytes with no quote but around a whole cell, cut at the delimiter into as many
 * cells as the header has, goes to the table as bytes (TableAssembler.pushBytes), with no string
 * made of each cell. Every other line, and any the table does not take (a row with a problem
 * to tell), goes to the tokenizer as text with the lines beside it, read as every line was
 * before; a line is read as bytes only where the tokenizer holds nothing (no quoted value open
 * over lines), and the tokenizer goes on from that line's number. The same rows, issues and
 * lines come of the file either way (a test reads every sample and broken export both ways).
 */
class ByteLines {
  /** The start of a line not yet ended, from the chunks before. */
  private carried: Buffer[] = [];
  private carriedBytes = 0;
  /** The physical line of the next line, where the tokenizer is idle. */
  private nextLine: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  constructor(
    private readonly tokenizer: CsvTokenizer,
    private readonly table: TableAssembler,
    private readonly decoder: InstanceType<typeof TextDecoder>,
    /** Gives text to the tokenizer. */
    private readonly feed: (text: string) => void,
    private readonly delimiter: number,
    private readonly width: number,
  ) {
    this.nextLine = tokenizer.nextLine;
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
  }

  read(chunk: Buffer): void {
    let from = 0;
    if (this.carried.length > 0) {
      const lf = chunk.indexOf(LF);
      if (lf < 0) {
        this.carried.push(chunk);
        this.carriedBytes += chunk.length;
        if (this.carriedBytes > CARRY_LIMIT) this.asTextCarried();
        return;
      }
      this.carried.push(chunk.subarray(0, lf + 1));
      const line = Buffer.concat(this.carried);
      this.carried = [];
      this.carriedBytes = 0;
      this.lines(line, 0);
      from = lf + 1;
    }
    const unended = this.lines(chunk, from);
    if (unended === chunk.length) return;
    // A line begun here and ended in a chunk to come: carried, unless the tokenizer is in the middle of a record, which reads it as text.
    if (this.tokenizer.idle) {
      this.carried.push(Buffer.from(chunk.subarray(unended)));
      this.carriedBytes = chunk.length - unended;
    } else this.asText(chunk.subarray(unended));
  }

  /** The end of the file: the last line, with no line break after it, and what the decoder holds, go as text. */
  end(): void {
    this.asTextCarried();
    this.asText(null);
  }

  /** A line carried and not ended goes as text: the last, or one past CARRY_LIMIT. */
  private asTextCarried(): void {
    for (const piece of this.carried) this.asText(piece);
    this.carried = [];
    this.carriedBytes = 0;
  }

  /** Reads the whole lines of `bytes` from `from`; where the line not ended there begins. */
  private lines(bytes: Buffer, from: number): number {
    const { starts, ends, width } = this;
    let pos = from;
    // The lines from here to `pos` go to the tokenizer together.
    let textFrom = from;
    for (let lf = bytes.indexOf(LF, pos); lf >= 0; lf = bytes.indexOf(LF, pos)) {
      const end = lf > pos && bytes[lf - 1] === CR ? lf - 1 : lf;
      if (end > pos && asciiCells(bytes, pos, end, this.delimiter, starts, ends, width) === width) {
        if (textFrom < pos) this.asText(bytes.subarray(textFrom, pos));
        textFrom = pos;
        if (this.tokenizer.idle && this.table.pushBytes(bytes, starts, ends, width, this.nextLine)) {
          this.nextLine += 1;
          textFrom = lf + 1;
        }
      }
      pos = lf + 1;
    }
    if (textFrom < pos) this.asText(bytes.subarray(textFrom, pos));
    return pos;
  }

  /** Bytes to the tokenizer as text, from the line where it goes on; null: what the decoder still holds, at the end. */
  private asText(bytes: Buffer | null): void {
    const text = bytes === null ? this.decoder.decode() : this.decoder.decode(bytes, { stream: true });
    if (text.length === 0) return;
    if (this.tokenizer.idle) this.tokenizer.resumeAt(this.nextLine);
    this.feed(text);
    if (this.tokenizer.idle) this.nextLine = this.tokenizer.nextLine;
  }
}

/**
 * Bytes read at a time: a chunk read as text is one string, which a cell cut from it may keep
 * whole; once lines are read as bytes (ByteLines), the strings made are of a line or a few, and
 * fewer, larger reads cost less waiting.
 */
const TEXT_CHUNK = 1 << 16;
const BYTE_LINES_CHUNK = 1 << 20;

const openFile = promisify(open);
const closeFile = promisify(close);
/** Reads into `buffer` from `position`: the bytes read. fs.read with a callback, which costs less per call than a FileHandle's promise. */
const readAt = (fd: number, buffer: Buffer, position: number): Promise<number> =>
  new Promise((resolve, reject) => read(fd, buffer, 0, buffer.length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));

/**
 * A file's bytes from `start`, a chunk at a time, each of the size `size()` gives when it is
 * read. The next chunk is read while the one before is used, as a read stream does.
 */
async function* fileChunks(path: string, start: number, size: () => number): AsyncGenerator<Buffer> {
  const fd = await openFile(path, 'r');
  let position = start;
  const next = async (): Promise<Buffer> => {
    const buffer = Buffer.allocUnsafe(size());
    const bytesRead = await readAt(fd, buffer, position);
    position += bytesRead;
    return buffer.subarray(0, bytesRead);
  };
  let reading = next();
  try {
    for (;;) {
      const chunk = await reading;
      if (chunk.length === 0) return;
      reading = next();
      yield chunk;
    }
  } finally {
    // A read still going when the reader stops early is let finish before the file is closed.
    await reading.catch(() => undefined);
    await closeFile(fd);
  }
}

/** Bytes read from a pipe to tell its encoding by, before any is decoded. */
const PIPE_HEAD = 1 << 20;

/**
 * Reads a delimited export. A file is read twice: once to tell its encoding, once to read it.
 * A pipe (`stream`) can be read only once: its encoding is told from its first megabyte.
 */
export async function readCsv(path: string, displayName: string, sink: TableSink, stream?: AsyncIterable<Buffer>): Promise<void> {
  let chunks: AsyncIterable<Buffer>;
  let detected: DetectedEncoding;
  // Made once the header is found (below); from then on, a file is read a megabyte at a time.
  let byteLines = null as ByteLines | null;
  if (stream === undefined) {
    detected = await detectEncoding(path);
    // Tests read in small chunks (CHUNK_BYTES), so that lines cross from one chunk to the next.
    const chunkBytes = limit('CHUNK_BYTES', 0);
    chunks = fileChunks(path, detected.bomLength, () => (chunkBytes > 0 ? chunkBytes : byteLines === null ? TEXT_CHUNK : BYTE_LINES_CHUNK));
  } else {
    const iterator = stream[Symbol.asyncIterator]();
    const head: Buffer[] = [];
    let headLength = 0;
    let ended = false;
    while (headLength < PIPE_HEAD) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value);
      headLength += next.value.length;
    }
    const first = Buffer.concat(head);
    detected = encodingOfHead(first, ended);
    chunks = (async function* () {
      yield first.subarray(detected.bomLength);
      if (ended) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    })();
  }
  const { encoding } = detected;
  const decoder = new TextDecoder(encoding);

  // Both are made when the first text is decoded; typed so, as the compiler cannot see the callbacks set them.
  let table = null as TableAssembler | null;
  /** A byte was not UTF-8 and was replaced by U+FFFD: from then on each row is looked at for it. */
  let replacedBytes = false;
  let delimiter = ',';
  const events: TokenizerEvents = {
    record(values, line, lastLine) {
      // A record over many lines is looked at for rows a stray quote joined into one of its cells.
      const joined = lastLine - line >= JOINED_ROWS_AT_LEAST ? joinedRows(values, delimiter) : 0;
      if (joined > 0) {
        table!.unreadable(
          line,
          `a quoted value opened here runs to line ${lastLine}, over ${joined} lines that read as rows of the file: a stray quote (a ditto mark, an inch sign) joined them into one cell, so lines ${line} to ${lastLine} could not be read as rows`,
          lastLine - line + 1,
        );
        return;
      }
      if (replacedBytes) reportReplaced(values, line, table!, sink);
      table!.push(values, line);
    },
    unclosedQuote(line, lines) {
      const lost = lines > 1 ? `lines ${line} to ${line + lines - 1} could not be read as rows` : `line ${line} could not be read as a row`;
      table!.unreadable(line, `${NEVER_CLOSED}, so ${lost} (a truncated file?)`, lines);
    },
    tooLong: (values, line, long) => table!.pushWithLongCells(values, line, long),
    tooWide: (line) => table!.unreadable(line, tooManyCells(), 1),
  };

  // The delimiter is told by the first lines, in the first text decoded.
  let tokenizer = null as CsvTokenizer | null;
  const feed = (text: string): void => {
    if (text.length === 0) return;
    if (tokenizer === null) {
      delimiter = sniffDelimiter(text, sink.recognises?.bind(sink));
      table = new TableAssembler(sink, { file: displayName, format: 'csv', encoding, delimiter }, { strictWidth: true });
      tokenizer = new CsvTokenizer(delimiter, events);
    }
    if (!replacedBytes && text.includes('\uFFFD')) replacedBytes = true;
    tokenizer.write(text);
  };
  // Once the header is found, most lines are read as bytes (ByteLines).
  // Tests read every line as text too (TEXT_LINES 1), to hold the two readings to the same rows.
  const byBytes = ASCII_COMPATIBLE.has(encoding) && limit('TEXT_LINES', 0) !== 1;
  // The chunk before ended in an ASCII byte: the decoder holds nothing of a character begun in it.
  let decoderEmpty = true;
  // An error leaves the loop, which closes the file (the generator's finally).
  for await (const chunk of chunks) {
    if (byteLines === null && byBytes && decoderEmpty && table !== null && table.takesBytes && delimiter.charCodeAt(0) < 128) {
      byteLines = new ByteLines(tokenizer!, table, decoder, feed, delimiter.charCodeAt(0), table.columnCount);
    }
    if (byteLines !== null) byteLines.read(chunk);
    else {
      feed(decoder.decode(chunk, { stream: true }));
      decoderEmpty = chunk.length > 0 && chunk[chunk.length - 1]! < 128;
    }
  }
  if (byteLines !== null) byteLines.end();
  else feed(decoder.decode());
  if (tokenizer === null || table === null) throw new InputError(`${displayName} is empty: an export needs at least a header row`);
  tokenizer.end();
  table.end();
}

/** Each cell of a data row holding a character that replaced bytes that were not UTF-8: a data issue, the value kept. */
function reportReplaced(values: readonly string[], line: number, table: TableAssembler, sink: TableSink): void {
  if (!table.started) return;
  for (let i = 0; i < values.length; i++) {
    if (!values[i]!.includes('\uFFFD')) continue;
    sink.changed?.(line, table.columnName(i), NOT_UTF8);
  }
}
