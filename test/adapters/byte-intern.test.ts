/** Values of repeating cells looked up by their bytes (src/adapters/byte-intern.ts): always the converter's value of the cell's text. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteIntern } from '../../src/adapters/byte-intern.js';

/** A converter that counts its calls, giving a fresh object for each so that a remembered value can be told from a new one. */
function counting(): { convert: (text: string) => { text: string }; calls: () => number } {
  let calls = 0;
  return { convert: (text) => ((calls += 1), { text }), calls: () => calls };
}

/** The cells of a line, as bytes, with where each begins and ends. */
function line(cells: string[]): { bytes: Buffer; at: Array<[number, number]> } {
  const bytes = Buffer.from(cells.join(','), 'latin1');
  const at: Array<[number, number]> = [];
  let from = 0;
  for (const cell of cells) {
    at.push([from, from + cell.length]);
    from += cell.length + 1;
  }
  return { bytes, at };
}

describe('a value looked up by the bytes of its cell', () => {
  it('is the converter’s value of the cell’s text, whatever the cells and their order', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[ -+\--~]{0,12}$/), { maxLength: 60 }), (cells) => {
        const intern = new ByteIntern((text) => `<${text}>`);
        const { bytes, at } = line(cells);
        for (const [i, [from, to]] of at.entries()) expect(intern.valueOf(bytes, from, to)).toBe(`<${cells[i]}>`);
      }),
      { numRuns: 500 },
    );
  });

  it('is converted once for a cell seen before, in this line or another', () => {
    const { convert, calls } = counting();
    const intern = new ByteIntern(convert);
    const first = line(['10001', 'COMPLETE', '10001', '10002']);
    const values = first.at.map(([from, to]) => intern.valueOf(first.bytes, from, to));
    expect(values[2]).toBe(values[0]);
    expect(calls()).toBe(3);
    const second = line(['10002', 'COMPLETE', 'new']);
    const again = second.at.map(([from, to]) => intern.valueOf(second.bytes, from, to));
    expect(again[0]).toBe(values[3]);
    expect(again[1]).toBe(values[1]);
    expect(calls()).toBe(4);
  });

  it('is converted each time past its bound of cells, and for a cell too long to remember', () => {
    const { convert, calls } = counting();
    const intern = new ByteIntern(convert, 2);
    const cells = line(['a', 'b', 'c', 'c', 'x'.repeat(300), 'x'.repeat(300), 'a']);
    const values = cells.at.map(([from, to]) => intern.valueOf(cells.bytes, from, to));
    expect(values.map((v) => (v as { text: string }).text.slice(0, 3))).toEqual(['a', 'b', 'c', 'c', 'xxx', 'xxx', 'a']);
    // a and b remembered; c twice, the long cell twice, each converted; a again from memory.
    expect(calls()).toBe(6);
    expect(values[6]).toBe(values[0]);
  });

  it('gives every value back as its table grows to many distinct cells', () => {
    const intern = new ByteIntern((text) => text, 200_000);
    const cells = Array.from({ length: 100_000 }, (_, i) => String(500_000 + i * 7919));
    const { bytes, at } = line(cells);
    for (const [i, [from, to]] of at.entries()) expect(intern.valueOf(bytes, from, to)).toBe(cells[i]);
    for (const [i, [from, to]] of at.entries()) if (i % 1000 === 0) expect(intern.valueOf(bytes, from, to)).toBe(cells[i]);
  });
});
