import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { overlapOf, runsOf, type Span } from '../../src/time/stretches.js';

const END = 60;
/** Spans over days 0..END (null: still going on), in order of start. */
const spans = fc.array(fc.record({ start: fc.integer({ min: 0, max: END }), length: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }) }), { maxLength: 8 }).map((list) =>
  list.map(({ start, length }) => ({ start, end: length === null ? null : start + length })).sort((a, b) => a.start - b.start),
);
const covers = (s: Span, d: number) => s.start <= d && (s.end === null || d <= s.end);
const days = [...Array(END + 30).keys()];

describe('runsOf', () => {
  it.each([
    { name: 'touching spans are one run', spans: [{ start: 1, end: 5 }, { start: 6, end: 9 }], expected: [[1, 9]] },
    { name: 'a day between them makes two', spans: [{ start: 1, end: 5 }, { start: 7, end: 9 }], expected: [[1, 5], [7, 9]] },
    { name: 'a span inside another adds nothing', spans: [{ start: 1, end: 9 }, { start: 3, end: 4 }], expected: [[1, 9]] },
    { name: 'one still going on makes the run go on', spans: [{ start: 1, end: null }, { start: 3, end: 4 }], expected: [[1, null]] },
  ])('$name', ({ spans, expected }) => {
    expect(runsOf(spans, (s) => s).map((r) => [r.start, r.end])).toEqual(expected);
  });

  it('keeps apart touching spans that `together` says are not one', () => {
    const list = [{ start: 1, end: 5, k: 'a' }, { start: 6, end: 9, k: 'b' }];
    expect(runsOf(list, (s) => s, (a, b) => a.k === b.k).map((r) => r.items.length)).toEqual([1, 1]);
  });

  it('covers exactly the days the spans cover, each run unbroken and apart from the next by a day at least, every span in one run', () => {
    fc.assert(
      fc.property(spans, (list) => {
        const runs = runsOf(list, (s) => s);
        for (const d of days) expect(runs.some((r) => covers(r, d))).toBe(list.some((s) => covers(s, d)));
        for (let i = 1; i < runs.length; i++) expect(runs[i]!.start).toBeGreaterThan(runs[i - 1]!.end! + 1);
        expect(runs.flatMap((r) => r.items)).toEqual(list);
      }),
    );
  });
});

describe('overlapOf', () => {
  it('covers exactly the days both lists cover', () => {
    fc.assert(
      fc.property(spans, spans, (a, b) => {
        const [x, y] = [runsOf(a, (s) => s), runsOf(b, (s) => s)];
        const both = overlapOf(x, y);
        for (const d of days) expect(both.some((s) => covers(s, d))).toBe(x.some((s) => covers(s, d)) && y.some((s) => covers(s, d)));
      }),
    );
  });
});
