/**
 * The CSV tokenizer: the same records as csv-parse for any well-formed CSV, whatever the
 * chunk boundaries, with the physical line each record starts on.
 */
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../../src/ingest/csv-tokenizer.js';

interface Tokens {
  records: Array<[number, string[]]>;
  unclosed: Array<[number, number]>;
  tooLong?: Array<[number, number | null, number]>;
}

function tokenize(chunks: Iterable<string>, delimiter = ',', cellLimit?: number): Tokens {
  const records: Array<[number, string[]]> = [];
  const unclosed: Array<[number, number]> = [];
  const tooLong: Array<[number, number | null, number]> = [];
  const tokenizer = new CsvTokenizer(
    delimiter,
    {
      record: (values, line) => records.push([line, values]),
      unclosedQuote: (line, lines) => unclosed.push([line, lines]),
      tooLong: (_, line, long) => tooLong.push([line, long[0]!.column, long[0]!.length]),
      tooWide: (line) => tooLong.push([line, null, 16_385]),
    },
    cellLimit,
  );
  for (const chunk of chunks) tokenizer.write(chunk);
  tokenizer.end();
  return tooLong.length > 0 ? { records, unclosed, tooLong } : { records, unclosed };
}

/** Cuts text into chunks at the given fractions. */
function cutAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => Math.floor(c * text.length)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks;
}

/**
 * The rules read a character at a time over the whole text: what the tokenizer must give, in
 * any chunks, for any text at all (stray and unclosed quotes, text after a closing quote,
 * line breaks of every kind and empty lines).
 */
function referenceTokens(text: string, delimiter: string): Tokens {
  const records: Array<[number, string[]]> = [];
  let values: string[] = [];
  let field = '';
  let quoted = false;
  let asWritten = false;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let recordEmpty = true;
  let fieldEmpty = true;
  const endField = (): void => {
    values.push(quoted && !asWritten ? field.slice(1, -1).replaceAll('""', '"') : field);
    field = '';
    quoted = asWritten = false;
    fieldEmpty = true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      field += c;
      if (c === '"') {
        if (text[i + 1] === '"') field += text[++i];
        else {
          inQuotes = false;
          if (i + 1 < text.length && ![delimiter, '\r', '\n'].includes(text[i + 1]!)) asWritten = true;
        }
      } else if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
      continue;
    }
    if (c === delimiter) {
      endField();
      recordEmpty = false;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (!recordEmpty || !fieldEmpty) {
        endField();
        records.push([recordLine, values]);
      }
      values = [];
      field = '';
      recordEmpty = fieldEmpty = true;
      recordLine = ++line;
    } else {
      if (c === '"' && fieldEmpty) inQuotes = quoted = true;
      field += c;
      fieldEmpty = false;
    }
  }
  if (inQuotes) {
    const last = text.endsWith('\n') || text.endsWith('\r') ? line - 1 : line;
    return { records, unclosed: [[recordLine, Math.max(1, last - recordLine + 1)]] };
  }
  if (!recordEmpty || !fieldEmpty) {
    endField();
    records.push([recordLine, values]);
  }
  return { records, unclosed: [] };
}

const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', ';', '"', '\n', '\r', '\r\n', 'é', '1') });
const table = fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 });

describe('CsvTokenizer', () => {
  it('reads any well-formed CSV as csv-parse does, across any chunk boundaries', () => {
    fc.assert(
      fc.property(table, fc.constantFrom(',', ';', '\t'), fc.constantFrom('\r\n', '\n', '\r'), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (rows, delimiter, eol, cuts) => {
        // A row of empty cells would be an empty line, which both skip; keep one character.
        const text = stringify(rows.map((r) => (r.every((v) => v === '') ? ['x', ...r.slice(1)] : r)), { delimiter, record_delimiter: eol, quoted_match: /[\r\n]/ });
        const expected = parse(text, { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true }) as string[][];
        const { records, unclosed } = tokenize(cutAt(text, cuts), delimiter);
        expect(unclosed).toEqual([]);
        expect(records.map(([, values]) => values)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads any text at all as the rules read a character at a time, across any chunk boundaries', () => {
    const anyText = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', ';', '\t', '"', '""', '\n', '\r', '\r\n', 'é'), maxLength: 60 });
    fc.assert(
      fc.property(anyText, fc.constantFrom(',', ';', '\t'), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (text, delimiter, cuts) => {
        expect(tokenize(cutAt(text, cuts), delimiter)).toEqual(referenceTokens(text, delimiter));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['plain rows with CRLF, LF and CR mixed', 'A,B\r\n1,2\n3,4\r5,6', [[1, ['A', 'B']], [2, ['1', '2']], [3, ['3', '4']], [4, ['5', '6']]]],
    ['empty lines are skipped but counted', 'A\n\n\r\n1\n', [[1, ['A']], [4, ['1']]]],
    ['a quoted line break keeps the record on its first line', 'A,B\n"x\r\ny",2\n3,4', [[1, ['A', 'B']], [2, ['x\r\ny', '2']], [4, ['3', '4']]]],
    ['doubled quotes are one quote', 'A\n"say ""hi"""', [[1, ['A']], [2, ['say "hi"']]]],
    ['a stray quote inside an unquoted value is kept', 'A,B\n1,He said "no"', [[1, ['A', 'B']], [2, ['1', 'He said "no"']]]],
    ['text after a closing quote keeps the value as written', 'A,B\n1,"x"y\n3,4', [[1, ['A', 'B']], [2, ['1', '"x"y']], [3, ['3', '4']]]],
    ['an empty quoted value', 'A,B\n"",2', [[1, ['A', 'B']], [2, ['', '2']]]],
  ] as const)('%s', (_, text, expected) => {
    expect(tokenize([text]).records).toEqual(expected);
  });

  it('reports a quote never closed, with the lines it swallowed', () => {
    expect(tokenize(['A,B\n1,2\n3,"open\n4,5\n6,7\n'])).toEqual({ records: [[1, ['A', 'B']], [2, ['1', '2']]], unclosed: [[3, 3]] });
    expect(tokenize(['A,B\n1,"open'])).toEqual({ records: [[1, ['A', 'B']]], unclosed: [[2, 1]] });
  });

  it('a CR at the end of a chunk and its LF at the start of the next are one line break', () => {
    expect(tokenize(['A\r', '\n1\r', '\n2']).records).toEqual([[1, ['A']], [2, ['1']], [3, ['2']]]);
    // Inside quotes too, and wherever the text is cut.
    const text = 'A,B\r\n"x\r\ny\r\n""z""",2\r\n3,"4\r"\r\n5,6';
    const expected = { records: [[1, ['A', 'B']], [2, ['x\r\ny\r\n"z"', '2']], [5, ['3', '4\r']], [7, ['5', '6']]], unclosed: [] };
    for (let cut = 0; cut <= text.length; cut++) {
      expect(tokenize([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
      expect(tokenize([...text.slice(0, cut), text.slice(cut)])).toEqual(expected);
    }
  });

  it.each([
    ['a cell of exactly the limit is read', 'A,B\n1,xxxxx\n2,y', [[1, ['A', 'B']], [2, ['1', 'xxxxx']], [3, ['2', 'y']]], undefined],
    ['one character more rejects the row, and only it', 'A,B\n1,xxxxxx\n2,y', [[1, ['A', 'B']], [3, ['2', 'y']]], [[2, 1, 6]]],
    ['a quoted cell counts its characters, not its quotes', 'A,B\n"xxxxx",1\n"x\nxxxxx",2\n3,4', [[1, ['A', 'B']], [2, ['xxxxx', '1']], [5, ['3', '4']]], [[3, 0, 7]]],
    ['a quote never closed beyond the limit is still unclosed', 'A,B\n1,"xxxxxxxxxxx\n2,3', [[1, ['A', 'B']]], undefined],
  ] as const)('%s', (_, text, records, tooLong) => {
    // Every way of cutting the text into chunks gives the same records.
    for (let cut = 0; cut <= text.length; cut++) {
      const result = tokenize([text.slice(0, cut), text.slice(cut)], ',', 5);
      expect(result.records).toEqual(records);
      expect(result.tooLong).toEqual(tooLong);
    }
  });

  it('reads a field of any length in time linear in it, keeping none of it', () => {
    const chunk = 'x'.repeat(1 << 16);
    function* text(field: number, quoted: boolean): Generator<string> {
      yield `A,B\n1,${quoted ? '"' : ''}`;
      for (let i = 0; i < field; i++) yield chunk;
      yield `${quoted ? '"' : ''}\n2,y\n`;
    }
    for (const quoted of [false, true]) {
      const started = performance.now();
      // 64 MB in one field: before the tokenizer carried only the current field, this took minutes.
      const result = tokenize(text(1024, quoted));
      expect(performance.now() - started).toBeLessThan(3000);
      expect(result.records).toEqual([[1, ['A', 'B']], [3, ['2', 'y']]]);
      expect(result.tooLong).toEqual([[2, 1, 1024 * chunk.length]]);
    }
  });

  it('a row of more cells than a sheet can have is rejected without keeping them', () => {
    const result = tokenize(['A\n', ','.repeat(100_000), '\n1\n']);
    expect(result.records).toEqual([[1, ['A']], [3, ['1']]]);
    expect(result.tooLong).toEqual([[2, null, 16_385]]);
  });
});
