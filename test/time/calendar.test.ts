import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as dateFns from 'date-fns';
import { addWorkingDays, isBankHoliday } from '../../src/time/bank-holidays.js';
import { addInterval } from '../../src/time/interval.js';
import {
  addMonths,
  dayFromYmd,
  endOfLondonDay,
  formatDay,
  londonDay,
  londonInstant,
  parseIsoDay,
  validDayFromYmd,
  daysInMonth,
  isLeapYear,
  lastOfMonth,
  weekday,
  yearOf,
  ymdFromDay,
} from '../../src/time/calendar.js';

const day = (iso: string): number => {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
};

describe('day numbers', () => {
  it('round-trips every date from 1900 to 2100', () => {
    const mismatches: number[] = [];
    for (let d = day('1900-01-01'); d <= day('2100-12-31'); d++) {
      const { year, month, day: dd } = ymdFromDay(d);
      if (dayFromYmd(year, month, dd) !== d) mismatches.push(d);
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees with the JavaScript Date epoch', () => {
    expect(day('1970-01-01')).toBe(0);
    expect(day('2026-10-31')).toBe(Date.UTC(2026, 9, 31) / 86_400_000);
  });

  it.each([
    ['2026-02-31', null],
    ['2026-02-29', null],
    ['2024-02-29', '2024-02-29'],
    ['1900-02-29', null],
    ['2000-02-29', '2000-02-29'],
    ['2026-13-01', null],
    ['2026-00-10', null],
    ['2026-04-31', null],
    ['26-04-01', null],
  ])('parses %s strictly', (text, expected) => {
    const parsed = parseIsoDay(text);
    expect(parsed === null ? null : formatDay(parsed)).toBe(expected);
  });

  it('rejects impossible parts', () => {
    expect(validDayFromYmd(2026, 2, 31)).toBeNull();
    expect(validDayFromYmd(2026, 1, 0)).toBeNull();
  });

  it('knows the weekday', () => {
    expect(weekday(day('2026-11-23'))).toBe(1); // a Monday
    expect(weekday(day('1970-01-01'))).toBe(4);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s + %i months = %s', (from, n, expected) => {
    expect(formatDay(addMonths(day(from), n))).toBe(expected);
  });

  // Days from 1900 to 2199 are added to from a table; the others, and sums that leave it, by arithmetic.
  it('is the same on either side of the table of 1900 to 2199', () => {
    const byArithmetic = (d: number, n: number): number => {
      const { year, month, day: dd } = ymdFromDay(d);
      const y = Math.floor((year * 12 + month - 1 + n) / 12);
      const m = year * 12 + month - 1 + n - y * 12 + 1;
      return dayFromYmd(y, m, Math.min(dd, daysInMonth(y, m)));
    };
    const nearEdge = fc.oneof(fc.integer({ min: day('1899-06-01'), max: day('1900-06-30') }), fc.integer({ min: day('2199-06-01'), max: day('2200-06-30') }));
    fc.assert(
      fc.property(fc.oneof(nearEdge, fc.integer({ min: day('1700-01-01'), max: day('2400-12-31') })), fc.integer({ min: -400, max: 400 }), (d, n) => {
        expect(addMonths(d, n)).toBe(byArithmetic(d, n));
        expect(yearOf(d)).toBe(ymdFromDay(d).year);
      }),
      { numRuns: 5000 },
    );
    expect(formatDay(addMonths(day('2199-12-31'), 1))).toBe('2200-01-31');
    expect(formatDay(addMonths(day('1900-01-31'), -1))).toBe('1899-12-31');
    expect(formatDay(addMonths(day('1900-03-31'), -1))).toBe('1900-02-28');
  });

  it('is exactly date-fns addMonths for any date and month count', () => {
    fc.assert(
      fc.property(fc.integer({ min: day('1990-01-01'), max: day('2060-12-31') }), fc.integer({ min: -36, max: 36 }), (d, n) => {
        const { year, month, day: dd } = ymdFromDay(d);
        const viaDateFns = dateFns.addMonths(new Date(year, month - 1, dd), n);
        const expected = dayFromYmd(viaDateFns.getFullYear(), viaDateFns.getMonth() + 1, viaDateFns.getDate());
        expect(addMonths(d, n)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('Europe/London wall clock', () => {
  const utc = (iso: string): number => Date.parse(iso) / 1000;

  it.each([
    ['winter', '2026-01-15', 10 * 3600, '2026-01-15T10:00:00Z'],
    ['summer', '2026-07-15', 10 * 3600, '2026-07-15T09:00:00Z'],
    ['the morning clocks go forward, before', '2026-03-29', 0.5 * 3600, '2026-03-29T00:30:00Z'],
    ['the morning clocks go forward, after', '2026-03-29', 3 * 3600, '2026-03-29T02:00:00Z'],
    ['the morning clocks go back, first 01:30 (summer time)', '2026-10-25', 1.5 * 3600, '2026-10-25T00:30:00Z'],
    ['the morning clocks go back, after', '2026-10-25', 3 * 3600, '2026-10-25T03:00:00Z'],
  ])('%s', (_name, date, seconds, expected) => {
    expect(londonInstant(day(date), seconds)).toBe(utc(expected));
  });

  it('72 hours across the October clock change end an hour earlier on the wall clock', () => {
    const start = londonInstant(day('2026-10-23'), 10 * 3600);
    const deadline = start + 72 * 3600;
    expect(deadline).toBe(londonInstant(day('2026-10-26'), 9 * 3600));
  });

  it('maps instants back to London dates', () => {
    expect(formatDay(londonDay(utc('2026-07-15T23:30:00Z')))).toBe('2026-07-16');
    expect(formatDay(londonDay(utc('2026-01-15T23:30:00Z')))).toBe('2026-01-15');
  });

  it('the end of a summer day is 22:59:59 UTC', () => {
    expect(endOfLondonDay(day('2026-07-15'))).toBe(utc('2026-07-15T22:59:59Z'));
    expect(endOfLondonDay(day('2026-01-15'))).toBe(utc('2026-01-15T23:59:59Z'));
  });
});

describe('London time against the time zone database', () => {
  it('londonDay agrees with Intl for any moment from 1996 to 2099, changeover hours included', async () => {
    const { default: fc } = await import('fast-check');
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
    const from = Date.UTC(1996, 0, 1) / 1000;
    const to = Date.UTC(2099, 11, 31) / 1000;
    // Moments near the changeovers (the last Sundays of March and October, 00:00 to 02:00 UTC), and any others.
    const nearChangeover = fc.tuple(fc.integer({ min: 1996, max: 2099 }), fc.constantFrom(2, 9), fc.integer({ min: -7200, max: 7200 })).map(([year, month, offset]) => {
      const last = new Date(Date.UTC(year, month + 1, 0));
      const sunday = Date.UTC(year, month, last.getUTCDate() - last.getUTCDay());
      return sunday / 1000 + 3600 + offset;
    });
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: from, max: to }), nearChangeover), (instant) => {
        expect(formatDay(londonDay(instant))).toBe(format.format(new Date(instant * 1000)));
      }),
      { numRuns: 20_000 },
    );
  });
});

/**
 * date-fns is the reference for the calendar: any date from 1990 to 2100, local JavaScript
 * dates on its side (so the machine's time zone plays no part), day numbers on ours.
 */
describe('the calendar against date-fns, 1990 to 2100', () => {
  const anyDay = fc.integer({ min: day('1990-01-01'), max: day('2100-12-31') });
  const local = (d: number): Date => {
    const { year, month, day: dd } = ymdFromDay(d);
    return new Date(year, month - 1, dd);
  };
  const fromLocal = (date: Date): number => dayFromYmd(date.getFullYear(), date.getMonth() + 1, date.getDate());

  it('months: addMonths and an interval of N months', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -120, max: 120 }), (d, n) => {
        const expected = fromLocal(dateFns.addMonths(local(d), n));
        expect(addMonths(d, n)).toBe(expected);
        if (n > 0) expect(addInterval(d, { n, unit: 'months' })).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('weeks: an interval of N weeks is addWeeks', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 104 }), (d, n) => {
        expect(addInterval(d, { n, unit: 'weeks' })).toBe(fromLocal(dateFns.addWeeks(local(d), n)));
      }),
      { numRuns: 3000 },
    );
  });

  it('day differences are differenceInCalendarDays, across clock changes too', () => {
    fc.assert(
      fc.property(anyDay, anyDay, (a, b) => {
        expect(b - a).toBe(dateFns.differenceInCalendarDays(local(b), local(a)));
      }),
      { numRuns: 3000 },
    );
  });

  it('weekdays, month lengths, month ends and leap years', () => {
    fc.assert(
      fc.property(anyDay, (d) => {
        const date = local(d);
        const { year, month } = ymdFromDay(d);
        expect(weekday(d)).toBe(dateFns.getDay(date));
        expect(daysInMonth(year, month)).toBe(dateFns.getDaysInMonth(date));
        expect(lastOfMonth(year, month)).toBe(fromLocal(dateFns.lastDayOfMonth(date)));
        expect(isLeapYear(year)).toBe(dateFns.isLeapYear(date));
      }),
      { numRuns: 3000 },
    );
  });

  it('N working days on are N weekdays that are not bank holidays, the last on the due day', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const end = addWorkingDays(d, n);
        const days = dateFns.eachDayOfInterval({ start: local(d + 1), end: local(end) });
        const working = days.filter((date) => !dateFns.isWeekend(date) && !isBankHoliday(fromLocal(date)));
        expect(working.length).toBe(n);
        expect(working.at(-1)).toEqual(local(end));
      }),
      { numRuns: 2000 },
    );
  });
});
