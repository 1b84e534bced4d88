import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Table from 'cli-table3';
import { plainTable } from '../../src/report/plain-table.js';

/** The layout the terminal report asks cli-table3 for (src/report/table.ts): word wrap, fixed widths, ruled rows, no colour. */
function cliTable(head: string[], colWidths: number[], rows: unknown[][]): string {
  const t = new Table({ head, style: { head: [], border: [], compact: false }, wordWrap: true, colWidths });
  for (const row of rows) t.push(row as Table.HorizontalTableRow);
  return t.toString();
}

/** Characters of every kind cli-table3's word wrap and truncation treat apart, all one column wide. */
const plainChar = fc.oneof(
  fc.constantFrom('a', 'Z', '7', '-', '.', "'", ' ', ' ', ' ', '\n', '\u00a0', 'é', 'ß', 'ŵ', 'Ł', '©', '~', '–', '’', '…'),
  // Any of them: printable ASCII, the Latin-1, Latin Extended and IPA letters and signs, the dashes and quotation marks.
  fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0x2ff }), fc.integer({ min: 0x2010, max: 0x2027 })).map((code) => String.fromCharCode(code)),
);
const plainText = fc.oneof(
  fc.string({ unit: plainChar, maxLength: 60 }),
  fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'é'), minLength: 1, maxLength: 25 }), { maxLength: 8 }).map((words) => words.join(' ')),
);
const cell = fc.oneof({ weight: 6, arbitrary: plainText }, { weight: 1, arbitrary: fc.integer({ min: -5, max: 100_000 }) });

const tables = fc.integer({ min: 1, max: 6 }).chain((columns) =>
  fc.record({
    head: fc.array(fc.string({ unit: plainChar, maxLength: 12 }), { minLength: columns, maxLength: columns }),
    colWidths: fc.array(fc.integer({ min: 3, max: 30 }), { minLength: columns, maxLength: columns }),
    rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 12 }),
  }),
);

describe('plainTable: cli-table3’s layout of plain text', () => {
  it('lays out any table of plain text exactly as cli-table3 does', () => {
    fc.assert(
      fc.property(tables, ({ head, colWidths, rows }) => {
        expect(plainTable(head, colWidths, rows)).toBe(cliTable(head, [...colWidths], rows));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['a word longer than its column, cut with …', ['W'], [6], [['abcdefghij']]],
    ['a cell of several lines and a blank one', ['Worker', 'Due'], [10, 12], [['10001\nAnn Example', '2026-10-31'], ['', '']]],
    ['spaces before the first word', ['X'], [8], [['   ab cd ef']]],
    ['a no-break space between words', ['Team'], [9], [['Team\u00a0North East']]],
    ['a dash for no worker, a curly apostrophe, an ellipsis', ['Worker', 'Detail'], [8, 20], [['–', 'O’Brien’s case… not discussed']]],
    ['a header and no rows', ['File', 'Line'], [10, 7], []],
  ])('%s', (_, head, colWidths, rows) => {
    expect(plainTable(head, colWidths, rows)).toBe(cliTable(head, [...colWidths], rows));
  });

  it.each([
    ['colour', ['\u001b[1mWorker\u001b[22m'], [10], [['a']]],
    ['a wide character', ['W'], [10], [['部署']]],
    ['a combining accent', ['W'], [10], [['e\u0301']]],
    ['an emoji', ['W'], [10], [['👍']]],
    ['a line separator', ['W'], [10], [['a\u2028b']]],
    ['a tab', ['W'], [10], [['a\tb']]],
    ['a cell that spans columns', ['A', 'B'], [10, 10], [[{ colSpan: 2, content: 'x' }]]],
    ['a row narrower than the header', ['A', 'B'], [10, 10], [['x']]],
  ])('leaves %s to cli-table3', (_, head, colWidths, rows) => {
    expect(plainTable(head, colWidths, rows)).toBeNull();
  });
});
