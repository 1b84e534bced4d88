/**
 * Streams a delimited export into a TableSink. Encoding and delimiter are detected; line
 * endings may be mixed (exports stitched together in Excel often are); every row keeps the
 * physical line it starts on, also when a quoted field spans several lines.
 */
import { createReadStream } from 'node:fs';
import { parse, type CsvError } from 'csv-parse';
import { detectEncoding } from './encoding.js';
import { InputError, type TableInfo, type TableSink } from './table.js';

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
  const stream = createReadStream(path, { start: bomLength, highWaterMark: 1 << 20 });

  let parser: ReturnType<typeof parse> | null = null;
  let columns: string[] | null = null;
  let previousEndLine = 0;
  let previousEmptyLines = 0;
  let info: TableInfo | null = null;
  // An error thrown by the sink (a header no layout fits) stops the reading: it must not
  // escape from inside the parser's event handlers, where nothing could catch it.
  let failure: { error: unknown } | null = null;
  const guarded =
    <A extends unknown[]>(handler: (...args: A) => void) =>
    (...args: A): void => {
      if (failure) return;
      try {
        handler(...args);
      } catch (error) {
        failure = { error };
      }
    };

  const onRecord = (entry: { record: string[]; info: { lines: number; empty_lines: number } }): void => {
    const line = previousEndLine + 1 + (entry.info.empty_lines - previousEmptyLines);
    previousEndLine = entry.info.lines;
    previousEmptyLines = entry.info.empty_lines;
    const values = entry.record;
    if (columns === null) {
      // A stray byte order mark (a file saved twice) would otherwise stick to the first name.
      columns = values.map((c) => c.replace(/^\uFEFF/, '').trim());
      sink.header(columns, info!);
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
  };

  const onSkip = (err: CsvError & { lines?: number }): void => {
    const line = previousEndLine + 1;
    const lastLine = Math.max(line, err.lines ?? line);
    previousEndLine = lastLine;
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      const lost = lastLine > line ? `lines ${line} to ${lastLine} could not be read as rows` : `line ${line} could not be read as a row`;
      sink.unreadable(line, `a quoted value opened here is never closed, so ${lost} (a truncated file?)`, lastLine - line + 1);
    } else {
      sink.unreadable(line, describeCsvError(err), 1);
    }
  };

  const startParser = (firstText: string): ReturnType<typeof parse> => {
    const newline = firstText.search(/\r|\n/);
    const delimiter = sniffDelimiter(newline === -1 ? firstText : firstText.slice(0, newline));
    info = { file: displayName, format: 'csv', encoding, delimiter };
    const p = parse({
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
    });
    p.on('data', guarded(onRecord));
    p.on('skip', guarded(onSkip));
    return p;
  };

  const finished = new Promise<void>((resolve, reject) => {
    const run = async (): Promise<void> => {
      for await (const chunk of stream) {
        const text = decoder.decode(chunk as Buffer, { stream: true });
        if (text.length === 0) continue;
        parser ??= startParser(text);
        if (!parser.write(text)) await new Promise((r) => parser!.once('drain', r));
        if (failure) break;
      }
      if (failure) {
        stream.destroy();
        throw (failure as { error: unknown }).error;
      }
      const tail = decoder.decode();
      if (tail.length > 0) {
        parser ??= startParser(tail);
        parser.write(tail);
      }
      if (parser === null) throw new InputError(`${displayName} is empty: an export needs at least a header row`);
      const p: ReturnType<typeof parse> = parser;
      await new Promise<void>((done) => {
        p.on('end', done);
        p.on('error', (err: CsvError) => {
          guarded(() => sink.unreadable(previousEndLine + 1, `the rest of the file could not be read as CSV (${err.message})`, 1))();
          done();
        });
        p.end();
      });
      if (failure) throw (failure as { error: unknown }).error;
      if (columns === null) throw new InputError(`${displayName} has no header row`);
    };
    run().then(resolve, reject);
  });
  await finished;
}

function describeCsvError(err: CsvError): string {
  switch (err.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted value is followed by other characters before the next delimiter';
    default:
      return `the row could not be read as CSV (${err.code})`;
  }
}
