import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeptCells } from '../../src/adapters/kept-cells.js';
import { InputError } from '../../src/ingest/table.js';

/** Text as cells hold it: mostly short and plain, with white space around, Latin-1 letters, characters past Latin-1 and the odd long cell. */
const cellText = fc.oneof(
  fc.constantFrom('', ' ', 'Formal', ' Formal ', '2024-11-10 11:00:00', 'Zoë Brontë', 'Łukasz Wiśniewski', 'case 💼', 'NULL', '\t10001\r'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((code) => String.fromCharCode(code)), maxLength: 40 }),
  // Longer than the buffer the cells start with.
  fc.constantFrom('x'.repeat(70_000), `${'é'.repeat(70_000)} `),
);

describe('cells kept until a file ends', () => {
  it('give back every text as kept, with its line, however many cells and whatever characters', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cellText, fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean()), { maxLength: 60 }), fc.integer({ min: 1, max: 7 }), (kept, width) => {
        const cells = new KeptCells('form_answers.csv');
        const numbers: number[] = [];
        for (let i = 0; i < kept.length; i++) {
          const first = i % width === 0 ? cells.reserve(width) : numbers[i - 1]! + 1;
          numbers.push(first);
        }
        kept.forEach(([text, line, keep], i) => keep && cells.keep(numbers[i]!, text, line));
        kept.forEach(([text, line, keep], i) => {
          const cell = numbers[i]!;
          expect(cells.has(cell)).toBe(keep);
          expect(cells.text(cell)).toBe(keep ? text : undefined);
          if (keep) expect(cells.line(cell)).toBe(line);
          expect(cells.conflict(cell)).toBeUndefined();
        });
      }),
      { numRuns: 300 },
    );
  });

  it('tell a text they hold as the same with white space around either aside', () => {
    fc.assert(
      fc.property(cellText, cellText, (kept, other) => {
        const cells = new KeptCells('form_answers.csv');
        const cell = cells.reserve(1);
        cells.keep(cell, kept, 2);
        expect(cells.holds(cell, other)).toBe(kept.trim() === other.trim());
        expect(cells.holds(cell, kept)).toBe(true);
        expect(cells.holds(cell, ` ${kept}\t`)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it.each([
    ['Formal', 'Formal', true],
    ['Formal', 'formal', false],
    ['Formal', ' Formal', true],
    ['Formal', 'Formal2', false],
    ['Łukasz', 'Łukasz ', true],
    ['Łukasz', 'Lukasz', false],
    ['', '   ', true],
    ['10001', '10002', false],
  ])('%j holds %j: %s', (kept, other, same) => {
    const cells = new KeptCells('form_answers.csv');
    const cell = cells.reserve(3) + 1;
    cells.keep(cell, kept, 9);
    expect(cells.holds(cell, other)).toBe(same);
  });

  it('number more cells than they start with room for, the ones not kept still not kept', () => {
    const cells = new KeptCells('form_answers.csv');
    const first = cells.reserve(3);
    cells.keep(first + 1, 'kept before the room grew', 2);
    const more = cells.reserve(20_000);
    for (let i = 0; i < 20_000; i += 2) cells.keep(more + i, String(i), i + 3);
    expect([cells.has(first), cells.text(first + 1), cells.line(first + 1)]).toEqual([false, 'kept before the room grew', 2]);
    for (let i = 0; i < 20_000; i++) expect(cells.text(more + i)).toBe(i % 2 === 0 ? String(i) : undefined);
  });

  it('keep the first reason a cell cannot be trusted, asking for later ones never', () => {
    const cells = new KeptCells('form_answers.csv');
    const cell = cells.reserve(2);
    cells.keep(cell, 'a', 1);
    cells.keep(cell + 1, 'b', 1);
    cells.distrust(cell + 1, () => 'answered twice at lines 1 and 4');
    cells.distrust(cell + 1, () => {
      throw new Error('asked again');
    });
    expect(cells.conflict(cell)).toBeUndefined();
    expect(cells.conflict(cell + 1)).toBe('answered twice at lines 1 and 4');
  });

  it('keep a cell of text cut from a longer string without the longer string', () => {
    const chunk = `${'x'.repeat(100)}2024-11-10 11:00:00${'y'.repeat(100)}`;
    const cells = new KeptCells('form_answers.csv');
    const cell = cells.reserve(1);
    cells.keep(cell, chunk.slice(100, 119), 1);
    expect(cells.text(cell)).toBe('2024-11-10 11:00:00');
  });
});

describe('cells past the limit of what is kept', () => {
  it('stop the file with an error that says what to change, rather than lose a cell', () => {
    const cells = new KeptCells('form_answers.csv', 2 ** 20);
    const first = cells.reserve(3);
    cells.keep(first, 'x'.repeat(2 ** 19), 2);
    cells.keep(first + 1, 'y'.repeat(2 ** 19), 3);
    expect(() => cells.keep(first + 2, 'z', 4)).toThrow(new InputError('form_answers.csv: its forms hold more than 1 MB of answers, more than the audit keeps while it puts each form together; export fewer months of forms'));
    expect(cells.text(first + 1)).toBe('y'.repeat(2 ** 19));
  });
});
