import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forget, rememberedRows } from '../../src/checks/held.js';
import type { Dataset } from '../../src/model/dataset.js';

/** Subjects' row counts: most small, some past a chunk's room (65,536 rows), some with none; and an order to ask for them in. */
const subjectsArb = fc
  .array(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 40 }) }, { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 70_000 }) }), { minLength: 1, maxLength: 12 })
  .chain((counts) => fc.tuple(fc.constant(counts), fc.shuffledSubarray([...counts.keys()], { minLength: counts.length })));

describe('rememberedRows', () => {
  it('gives each subject the rows found for it and their dates, however many subjects share a chunk, asked for in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 15_000, max: 25_000 }), { minLength: 1, maxLength: 300 }), subjectsArb, (dates, [counts, order]) => {
        const table = { dateOf: (row: number) => dates[row]! };
        const rowsOf = counts.map((count, s) => Int32Array.from({ length: count }, (_, i) => (s * 7 + i * 3) % dates.length));
        const dataset = {} as Dataset;
        const held = rememberedRows(dataset, 'held rows of subject', ['a'], table, (id) => rowsOf[Number(id)]!);
        const first = new Map(order.map((s) => [s, held(String(s))]));
        // Asked for again, through a lookup made again: the same, kept, not found again.
        const again = rememberedRows(dataset, 'held rows of subject', ['a'], table, () => {
          throw new Error('found twice');
        });
        for (const [s, rows] of rowsOf.entries()) {
          expect(again(String(s))).toBe(first.get(s));
          expect([...first.get(s)!.rows]).toEqual([...rows]);
          expect([...first.get(s)!.dates]).toEqual([...rows].map((row) => dates[row]));
        }
        forget(dataset);
      }),
      { numRuns: 40 },
    );
  });
});
