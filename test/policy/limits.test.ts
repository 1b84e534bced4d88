/**
 * What a policy can mean: every interval at most ten years in its unit, and an audit of the
 * longest one still quick; and the numbered clauses a clause map is started from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addInterval, describeInterval, intervalSchema, LONGEST, type IntervalUnit } from '../../src/time/interval.js';
import { numberedClauses } from '../../src/policy/clauses.js';

const UNITS = Object.keys(LONGEST) as IntervalUnit[];
const written = (n: number, unit: IntervalUnit): string => `${n} ${unit === 'working-days' ? 'working days' : unit}`;

describe('intervals in a policy', () => {
  it('are accepted from 1 up to ten years in their unit, and refused beyond', () => {
    fc.assert(
      fc.property(fc.constantFrom(...UNITS), fc.integer({ min: 1, max: 10_000_000 }), (unit, n) => {
        const parsed = intervalSchema(unit).safeParse(written(n, unit));
        expect(parsed.success).toBe(n <= LONGEST[unit]);
        if (!parsed.success) expect(parsed.error.issues[0]!.message).toBe(`"${written(n, unit)}" is longer than a policy can mean: at most ${LONGEST[unit]} ${written(LONGEST[unit], unit).replace(/^\d+ /, '')} (ten years)`);
      }),
    );
  });

  it.each(UNITS.filter((u) => u !== 'hours' && u !== 'minutes'))('the longest in %s is about ten years after its start', (unit) => {
    const start = 20_000;
    const end = addInterval(start, { n: LONGEST[unit], unit });
    expect(end - start).toBeGreaterThanOrEqual(3640);
    expect(end - start).toBeLessThanOrEqual(3660);
  });

  it('refused, are met with an example the parameter itself accepts', () => {
    for (const units of [['days', 'weeks', 'months'], ['hours', 'days', 'working-days'], ['minutes', 'hours'], ['days', 'working-days']] as IntervalUnit[][]) {
      const schema = intervalSchema(...units);
      const message = schema.safeParse('1 fortnight').error!.issues[0]!.message;
      const examples = [...message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!).slice(1);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) expect(schema.safeParse(example).success).toBe(true);
    }
    expect(describeInterval({ n: 2, unit: 'working-days' })).toBe('2 working days');
  });
});

describe('numberedClauses', () => {
  it('finds each numbered clause once, in order, with the start of its words', () => {
    const text = ['Contents', '1. Purpose', '2. Frequency', '', '1. Purpose', 'Why.', '2 Frequency', '2.1 Every social worker will receive formal supervision at least once a month, and more often when new.', '  2.1.3 Indented', 'In 2020 we said 3 things.'].join('\n');
    expect(numberedClauses(text)).toEqual([
      { number: '1', heading: 'Purpose' },
      { number: '2', heading: 'Frequency' },
      { number: '2.1', heading: 'Every social worker will receive formal supervision at least once a…' },
      { number: '2.1.3', heading: 'Indented' },
    ]);
  });

  it('takes no quantity, date, list item or sentence that begins with a number for a clause', () => {
    const text = ['1.0 March 2020 first version', '1 April 2026 is when it starts', '1. Purpose', '2 Frequency', '- 1.5 hours for ASYE workers', '3. monthly thereafter.', '12 Months after starting', '6 weeks is the minimum', '2.1 Marketing of the service'].join('\n');
    expect(numberedClauses(text).map((c) => `${c.number} ${c.heading}`)).toEqual(['1 Purpose', '2 Frequency', '2.1 Marketing of the service']);
  });

  it('never lists a number twice', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('1', '2', '2.1', '3.4.5', '10'), fc.constantFrom('Purpose', 'Scope of it', 'X')), { maxLength: 30 }), (lines) => {
        const numbers = numberedClauses(lines.map(([n, words]) => `${n} ${words}`).join('\n')).map((c) => c.number);
        expect(new Set(numbers).size).toBe(numbers.length);
        expect(new Set(numbers)).toEqual(new Set(lines.map(([n]) => n)));
      }),
    );
  });
});
