import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inDayOrder, placesWithin } from '../../src/time/day-order.js';

const days = fc.array(fc.integer({ min: -3_000, max: 3_000 }), { maxLength: 60 });

describe('inDayOrder', () => {
  it('gives every place once, in order of day, places of one day in their own order (a stable sort)', () => {
    fc.assert(
      fc.property(days, (list) => {
        const expected = list.map((_, i) => i).sort((a, b) => list[a]! - list[b]! || a - b);
        expect([...inDayOrder(list.length, (i) => list[i]!)]).toEqual(expected);
      }),
    );
  });
});

describe('placesWithin', () => {
  it('bounds exactly the items dated from the window start to its audit date, both days included', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: -3_100, max: 3_100 }), fc.integer({ min: -1, max: 400 }), (list, from, length) => {
        const sorted = [...list].sort((a, b) => a - b);
        const window = { from, asOf: from + length };
        const [first, end] = placesWithin(sorted.length, (i) => sorted[i]!, window);
        expect(sorted.slice(first, end)).toEqual(sorted.filter((d) => d >= window.from && d <= window.asOf));
        expect(first).toBe(sorted.filter((d) => d < window.from).length);
      }),
    );
  });
});
