/**
 * Streams a delimited export into a TableSink. Encoding and delimiter are detected; line
 * endings may be mixed (exports stitched together in Excel often are); every row keeps the
 * physical line it starts on, also when a quoted field spans several lines.
 */
import { createReadStream } from 'node:fs';
import { CsvTokenizer, type TokenizerEvents } from './csv-tokenizer.js';
import { detectEncoding } from './encoding.js';
import { InputError, type TableSink } from './table.js';

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter that splits the header line most often, outside quotes; comma by default. */
export function sniffDelimiter(firstLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ',';
  let bestCount = 0;
  for (const [d, n] of counts) {
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

function isBlank(values: string[]): boolean {
  return values.every((v) => v.trim() === '');
}

export async function readCsv(path: string, displayName: string, sink: TableSink): Promise<void> {
  const { encoding, bomLength } = await detectEncoding(path);
  const decoder = new TextDecoder(encoding);
  const stream = createReadStream(path, { start: bomLength, highWaterMark: 1 << 16 });

  let columns: string[] | null = null;
  const events: TokenizerEvents = {
    record(values, line) {
      if (columns === null) {
        // A stray byte order mark (a file saved twice) would otherwise stick to the first name.
        columns = values.map((c) => c.replace(/^\uFEFF+/, '').trim());
        sink.header(columns, { file: displayName, format: 'csv', encoding, delimiter });
        return;
      }
      if (isBlank(values)) return;
      if (values.length !== columns.length) {
        sink.unreadable(
          line,
          `the row has ${values.length} cells but the header has ${columns.length}: a delimiter inside an unquoted value, or a cut-off row`,
          1,
        );
        return;
      }
      sink.row(values, line);
    },
    unclosedQuote(line, lines) {
      if (columns === null) throw new InputError(`${displayName}: the header opens a quoted name that is never closed`);
      const lost = lines > 1 ? `lines ${line} to ${line + lines - 1} could not be read as rows` : `line ${line} could not be read as a row`;
      sink.unreadable(line, `a quoted value opened here is never closed, so ${lost} (a truncated file?)`, lines);
    },
  };

  // The delimiter is told by the header line, in the first text decoded.
  let delimiter = ',';
  let tokenizer: CsvTokenizer | null = null;
  const feed = (text: string): void => {
    if (text.length === 0) return;
    if (tokenizer === null) {
      const newline = text.search(/\r|\n/);
      delimiter = sniffDelimiter(newline === -1 ? text : text.slice(0, newline));
      tokenizer = new CsvTokenizer(delimiter, events);
    }
    tokenizer.write(text);
  };
  try {
    for await (const chunk of stream) feed(decoder.decode(chunk as Buffer, { stream: true }));
    feed(decoder.decode());
  } finally {
    stream.destroy();
  }
  if (tokenizer === null) throw new InputError(`${displayName} is empty: an export needs at least a header row`);
  (tokenizer as CsvTokenizer).end();
  if (columns === null) throw new InputError(`${displayName} has no header row`);
}
