/**
 * Streams a delimited export into a TableSink. Encoding and delimiter are detected; line
 * endings may be mixed (exports stitched together in Excel often are); every row keeps the
 * physical line it starts on, also when a quoted field spans several lines. The report's
 * title and footer rows are told from the header and the data (assemble.ts).
 */
import { createReadStream } from 'node:fs';
import { CsvTokenizer, type TokenizerEvents } from './csv-tokenizer.js';
import { detectEncoding, encodingOfHead, NOT_UTF8, type DetectedEncoding } from './encoding.js';
import { HEADER_SEARCH_ROWS, TableAssembler } from './assemble.js';
import { tooManyCells } from './limits.js';
import { InputError, type TableSink } from './table.js';

const DELIMITERS = [',', ';', '\t'] as const;

/** How often each delimiter splits a line, outside quotes. */
function delimiterCounts(line: string): Map<string, number> {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return counts;
}

/**
 * The delimiter of a delimited export, told by its first lines: the one that splits the most of
 * them the same number of times (outside quotes), as a header and its rows are split; on a tie,
 * the one that splits them more often, then comma. A line of free text full of semicolons, or a
 * report's title line, splits one line its own way and is outvoted; comma when nothing splits.
 */
export function sniffDelimiter(text: string, lines = HEADER_SEARCH_ROWS): string {
  // For each delimiter, how many lines each number of splits (above none) was seen on.
  const linesBySplits = new Map<string, Map<number, number>>(DELIMITERS.map((d) => [d, new Map()]));
  for (const line of firstLines(text, lines)) {
    for (const [d, n] of delimiterCounts(line)) {
      if (n === 0) continue;
      const seen = linesBySplits.get(d)!;
      seen.set(n, (seen.get(n) ?? 0) + 1);
    }
  }
  let best: string = ',';
  let bestLines = 0;
  let bestSplits = 0;
  for (const d of DELIMITERS) {
    for (const [splits, count] of linesBySplits.get(d)!) {
      if (count > bestLines || (count === bestLines && splits > bestSplits)) {
        best = d;
        bestLines = count;
        bestSplits = splits;
      }
    }
  }
  return best;
}

/** The first `count` non-empty lines of a text (a line of a quoted value that spans lines counts as one). */
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
  const events: TokenizerEvents = {
    record(values, line) {
      if (replacedBytes) reportReplaced(values, line, table!, sink);
      table!.push(values, line);
    },
    unclosedQuote(line, lines) {
      const lost = lines > 1 ? `lines ${line} to ${line + lines - 1} could not be read as rows` : `line ${line} could not be read as a row`;
      table!.unreadable(line, `a quoted value opened here is never closed, so ${lost} (a truncated file?)`, lines);
    },
    tooLong: (values, line, long) => table!.pushWithLongCells(values, line, long),
    tooWide: (line) => table!.unreadable(line, tooManyCells(), 1),
  };

  // The delimiter is told by the first lines, in the first text decoded.
  let tokenizer = null as CsvTokenizer | null;
  const feed = (text: string): void => {
    if (text.length === 0) return;
    if (tokenizer === null) {
      const delimiter = sniffDelimiter(text);
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
