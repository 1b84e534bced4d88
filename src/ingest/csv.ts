/**
 * Streams a delimited export into a TableSink. Encoding and delimiter are detected; line
 * endings may be mixed (exports stitched together in Excel often are); every row keeps the
 * physical line it starts on, also when a quoted field spans several lines. The report's
 * title and footer rows are told from the header and the data (assemble.ts).
 */
import { createReadStream } from 'node:fs';
import { CsvTokenizer, type TokenizerEvents } from './csv-tokenizer.js';
import { detectEncoding, encodingOfHead, NOT_UTF8, type DetectedEncoding } from './encoding.js';
import { headerColumns, HEADER_SEARCH_ROWS, TableAssembler } from './assemble.js';
import { tooManyCells } from './limits.js';
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

/** Bytes read from a pipe to tell its encoding by, before any is decoded. */
const PIPE_HEAD = 1 << 20;

/**
 * Reads a delimited export. A file is read twice: once to tell its encoding, once to read it.
 * A pipe (`stream`) can be read only once: its encoding is told from its first megabyte.
 */
export async function readCsv(path: string, displayName: string, sink: TableSink, stream?: AsyncIterable<Buffer>): Promise<void> {
  let chunks: AsyncIterable<Buffer>;
  let detected: DetectedEncoding;
  let file: ReturnType<typeof createReadStream> | null = null;
  if (stream === undefined) {
    detected = await detectEncoding(path);
    file = createReadStream(path, { start: detected.bomLength, highWaterMark: 1 << 16 });
    chunks = file;
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
  try {
    for await (const chunk of chunks) feed(decoder.decode(chunk, { stream: true }));
    feed(decoder.decode());
  } finally {
    file?.destroy();
  }
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
