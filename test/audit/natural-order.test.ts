import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareText, ranks, sortDistinct } from '../../src/audit/audit.js';

/** The order and ties the collator alone gives: what the direct comparisons must reproduce. */
function collatorRanks(values: Array<string | null>): Map<string | null, number> {
  const sorted = [...new Set(values)].sort(compareText);
  const rankOf = new Map<string | null, number>();
  let rank = 0;
  sorted.forEach((value, i) => {
    if (i > 0 && compareText(sorted[i - 1]!, value) !== 0) rank += 1;
    rankOf.set(value, rank);
  });
  return rankOf;
}

const plainNumber = fc.oneof(fc.nat({ max: 99 }), fc.nat(), fc.bigInt({ min: 0n, max: 999_999_999_999_999n })).map(String);
const isoDay = fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const idLike = fc.oneof(plainNumber, isoDay, fc.stringMatching(/^0\d{1,6}$/), fc.stringMatching(/^[A-Z]{0,2}\d{1,5}$/), fc.string({ maxLength: 6 }));
const orNull = (value: fc.Arbitrary<string>) => fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: fc.constantFrom(null, '') });

describe('natural order of ids and dates', () => {
  it('orders whole numbers as the collator does, without ties', () => {
    expect(sortDistinct(['10', '9', '100', null, '0']).sorted).toEqual([null, '0', '9', '10', '100']);
    expect(sortDistinct([null, '']).ties).toBe(true);
    expect(sortDistinct(['10', '9', '100']).ties).toBe(false);
  });

  it('compares ids with leading zeros or letters through the collator, where they may tie', () => {
    const { sorted, ties } = sortDistinct(['W10', 'W2', '010', '10']);
    expect(ties).toBe(true);
    expect(sorted.slice(0, 2).sort()).toEqual(['010', '10']);
    expect(sorted.slice(2)).toEqual(['W2', 'W10']);
    const rank = ranks(['10', '010', 'W2']);
    expect([...rank]).toEqual([0, 0, 1]);
  });

  for (const [name, values] of [
    ['whole numbers', orNull(plainNumber)],
    ['dates', orNull(isoDay)],
    ['any ids', orNull(idLike)],
  ] as const) {
    it(`ranks ${name} exactly as the collator does`, () => {
      fc.assert(
        fc.property(fc.array(values, { maxLength: 60 }), (list) => {
          const expected = collatorRanks(list);
          const got = ranks(list);
          list.forEach((value, i) => expect(got[i]).toBe(expected.get(value)));
        }),
        { numRuns: 500 },
      );
    });
  }
});
