import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainInteger } from '../../src/ingest/cell-text.js';
import { SheetRows } from '../../src/ingest/sheet-rows.js';
import type { WorkbookInfo } from '../../src/ingest/workbook-parts.js';
import { indexOfChar, tagEnd, XmlError, XmlScanner, type XmlHandler } from '../../src/ingest/xml-scanner.js';

/** Text made mostly of the characters XML turns on, so that random text holds tags, quotes and their mistakes. */
const xmlish = (maxLength = 80) => fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '/', '=', ' ', 'a', 'b', 'c', '1', '&', ';', '!', '?', 'é'), maxLength });

/** The end of a tag as the scanner first found it, by searching: the reference its character-by-character reading is held to. */
function searchedTagEnd(s: string, from: number): number | 'refused' {
  let at = from;
  for (;;) {
    const gt = s.indexOf('>', at);
    if (gt < 0) return s.indexOf('<', at) < 0 ? -1 : 'refused';
    let quote = -1;
    for (let i = at; i < gt; i++) {
      const c = s[i];
      if (c === '"' || c === "'") {
        quote = i;
        break;
      }
      if (c === '<') return 'refused';
    }
    if (quote < 0) return gt;
    const closing = s.indexOf(s[quote]!, quote + 1);
    const lt = s.indexOf('<', quote + 1);
    if (lt >= 0 && (closing < 0 || lt < closing)) return 'refused';
    if (closing < 0) return -1;
    at = closing + 1;
  }
}

/** The end of a tag, -1 when `s` ends first (whatever quote is open then), or its refusal. */
const tagEndOrRefused = (s: string, from: number, quote = 0): number | 'refused' => {
  try {
    return Math.max(-1, tagEnd(s, from, quote));
  } catch (err) {
    if (err instanceof XmlError) return 'refused';
    throw err;
  }
};

/** What a scanner tells, as one list; texts told in pieces are joined, as a handler gathers them. */
function events(chunks: string[]): string[] {
  const told: string[] = [];
  const handler: XmlHandler = {
    open: (s, start, end, gt) => told.push(`open ${s.slice(start, end)} ${s.slice(end, gt)}`),
    close: (s, start, end) => told.push(`close ${s.slice(start, end)}`),
    text: (s, start, end, raw) => {
      const last = told.length - 1;
      const piece = `${raw ? 'cdata' : 'text'} ${s.slice(start, end)}`;
      if (last >= 0 && !raw && told[last]!.startsWith('text ')) told[last] += s.slice(start, end);
      else told.push(piece);
    },
  };
  const scanner = new XmlScanner(handler);
  try {
    for (const chunk of chunks) scanner.write(chunk);
    scanner.end();
  } catch (err) {
    if (!(err instanceof XmlError)) throw err;
    told.push(`refused: ${err.message}`);
  }
  return told;
}

describe('the XML scanner', () => {
  it('finds the next character as indexOf does, near or far', () => {
    fc.assert(
      fc.property(xmlish(120), fc.constantFrom('<', '>', '"', 'a'), fc.nat(130), (s, char, from) => {
        expect(indexOfChar(s, char.charCodeAt(0), char, from)).toBe(s.indexOf(char, from));
      }),
      { numRuns: 2000 },
    );
  });

  it("ends a tag where searching for its quotes and its end did, and refuses the same tags", () => {
    fc.assert(
      fc.property(xmlish(), fc.nat(80), (s, from) => {
        const start = Math.min(from, s.length);
        expect(tagEndOrRefused(s, start)).toEqual(searchedTagEnd(s, start));
      }),
      { numRuns: 5000 },
    );
  });

  it('goes on reading a tag cut short from where it stopped, with the quote open there', () => {
    fc.assert(
      fc.property(xmlish(), fc.nat(80), fc.nat(80), (s, from, cut) => {
        const start = Math.min(from, s.length);
        const at = Math.min(start + cut, s.length);
        const first = (() => {
          try {
            return tagEnd(s.slice(0, at), start);
          } catch {
            return 'refused' as const;
          }
        })();
        if (first === 'refused' || first >= 0) return;
        expect(tagEndOrRefused(s, at, ~first)).toEqual(tagEndOrRefused(s, start));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['<c r="A1" s="1">', 1, 15],
    ['<c a="x>y">', 1, 10],
    ["<c a='say \"hi\"'>", 1, 15],
    ['<c a="x', 1, -1],
    ['<c a="x<y">', 1, 'refused'],
    ['<c <d>', 1, 'refused'],
    ['<c', 1, -1],
  ])('ends %s at %s', (s, from, end) => {
    expect(tagEndOrRefused(s, from)).toBe(end);
  });

  it('tells the same of a part however its text is cut into chunks, and refuses the same parts', () => {
    const part = fc.array(
      fc.oneof(
        fc.constantFrom('<row r="5" spans="1:10">', '</row>', '<c r="B5" t="s">', '<v>', '</v>', '</c>', '<x:f/>', '<!-- note -->', '<![CDATA[a<b]]>', '<?xml version="1.0"?>', '&amp;', 'é'),
        // Tags a damaged byte or a hostile writer leaves: quotes out of place, a < inside one, a > inside a value.
        fc.constantFrom(`<c r="B5' x="a>b">`, '<c r="A1 <v>', "<c x='it\"s'>", '<c r="A1"', '</>', '</c', '<', '"', "'"),
        fc.string({ unit: fc.constantFrom('a', '1', ' ', '.', '-'), maxLength: 40 }),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(part, fc.array(fc.nat(), { maxLength: 8 }), (pieces, cuts) => {
        const text = `<sheet>${pieces.join('')}</sheet>`;
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((start, i) => text.slice(start, at[i] ?? text.length));
        expect(events(chunks)).toEqual(events([text]));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a whole number a sheet holds as its own text', () => {
  const PLAIN_INTEGER = /^(?:-?[1-9]\d{0,14}|0)$/;
  it.each(['0', '7', '10032', '-5', '123456789012345', '-123456789012345'])('%s is', (text) => expect(isPlainInteger(text)).toBe(true));
  it.each(['', '-', '-0', '007', '00', '1.0', '1e5', ' 1', '1 ', '+1', '1234567890123456', '٣'])('%j is not', (text) => expect(isPlainInteger(text)).toBe(false));
  it('is what the pattern says, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: fc.constantFrom('-', '0', '1', '9', '.', 'e', ' '), maxLength: 18 }), fc.string()), (text) => {
        expect(isPlainInteger(text)).toBe(PLAIN_INTEGER.test(text));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("a sheet's rows read from its XML", () => {
  const book: WorkbookInfo = { sheets: [], date1904: false, styles: [], sharedStrings: { texts: ['ID'], longLengths: new Map() } };
  /** The rows of a sheet's XML, cut into chunks of `size` characters, or the refusal. */
  function rowsOf(xml: string, size = xml.length): Array<[number, string[]]> | string {
    const rows: Array<[number, string[]]> = [];
    const scanner = new XmlScanner(new SheetRows(book, (values, line) => (rows.push([line, values]), true)));
    try {
      for (let at = 0; at < xml.length; at += size) scanner.write(xml.slice(at, at + size));
      scanner.end();
    } catch (err) {
      if (err instanceof XmlError) return err.message;
      throw err;
    }
    return rows;
  }
  const sheet = (data: string): string => `<worksheet><sheetData>${data}</sheetData></worksheet>`;

  it.each([
    ['attributes in single quotes', sheet(`<row r='2'><c r='B2' t='s'><v>0</v></c></row>`), [[2, ['', 'ID']]]],
    ['a value holding the other quote', sheet(`<row r="3"><c r="A3" x="it's" t="inlineStr"><is><t>Kim's</t></is></c><c r='B3' x='say "hi"'><v>7</v></c></row>`), [[3, ["Kim's", '7']]]],
    ['a > inside a value', sheet(`<row r="4" x="a>b"><c r="A4"><v>1</v></c></row>`), [[4, ['1']]]],
    ['a quote in an element name', sheet(`<row r="5"><a"b:c r='">'</row>`), 'has a tag whose attributes are not XML'],
    ['an attribute with no value', sheet(`<row r="6"><c r="A6" t><v>1</v></c></row>`), 'has a tag whose attributes are not XML'],
    // It closes an element, so that the sheet's own never closes.
    ['a closing tag with no name', sheet(`<row r="7"><c r="A7"><v>1</v></c></></row>`), 'ends before its XML is complete'],
  ])('%s', (_, xml, expected) => {
    expect(rowsOf(xml)).toEqual(expected);
    for (const size of [1, 2, 3, 7, 64]) expect(rowsOf(xml, size)).toEqual(expected);
  });
});
