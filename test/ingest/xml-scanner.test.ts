import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainInteger } from '../../src/ingest/cell-text.js';
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

const tagEndOrRefused = (s: string, from: number): number | 'refused' => {
  try {
    return tagEnd(s, from);
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

  it('tells the same of a part however its text is cut into chunks', () => {
    const part = fc.array(
      fc.oneof(
        fc.constantFrom('<row r="5" spans="1:10">', '</row>', '<c r="B5" t="s">', '<v>', '</v>', '</c>', '<x:f/>', '<!-- note -->', '<![CDATA[a<b]]>', '<?xml version="1.0"?>', '&amp;', 'é'),
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
