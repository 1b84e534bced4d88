/**
 * The audit window: an audit date after today is refused, since the exports cannot hold what has
 * not happened yet and everything due by then would be reported overdue; today itself is fine.
 */
import { describe, expect, it } from 'vitest';
import { resolveWindow, WindowError } from '../../src/time/window.js';
import { formatDay, parseIsoDay } from '../../src/time/calendar.js';

const day = (iso: string) => parseIsoDay(iso)!;
const shown = (w: { from: number; asOf: number }) => [formatDay(w.from), formatDay(w.asOf)];
const NOT_YET = 'the exports cannot hold what has not happened yet, so everything due by then would be reported overdue';

describe('an audit date up to today', () => {
  it.each([
    ['--as-of today', { asOf: '2026-11-27' }, '2026-11-27', ['2025-11-28', '2026-11-27']],
    ['no --as-of: today', {}, '2026-11-27', ['2025-11-28', '2026-11-27']],
    ['--month ending today', { month: '2026-11' }, '2026-11-30', ['2026-11-01', '2026-11-30']],
    ['--month last', { month: 'last' }, '2026-11-27', ['2026-10-01', '2026-10-31']],
    ['--month last in January', { month: 'last' }, '2027-01-05', ['2026-12-01', '2026-12-31']],
  ])('%s is the window', (_, options, today, expected) => {
    expect(shown(resolveWindow({ ...options, today: day(today) }))).toEqual(expected);
  });
});

describe('an audit date after today stops, in one sentence', () => {
  it.each([
    ['--as-of tomorrow', { asOf: '2026-11-28' }, `--as-of 2026-11-28 is after today (2026-11-27): ${NOT_YET}. Give a date up to today (\`due\` lists what falls due after it)`],
    [
      'this month, not yet ended',
      { month: '2026-11' },
      `--month 2026-11 ends on 2026-11-30, after today (2026-11-27): ${NOT_YET}. Give a month that has ended ("last" is the one before this), or --from 2026-11-01 --as-of 2026-11-27 for the month so far`,
    ],
    ['a month to come (a mistyped year)', { month: '2027-01' }, `--month 2027-01 ends on 2027-01-31, after today (2026-11-27): ${NOT_YET}. Give a month that has ended ("last" is the one before this)`],
    ['--as-of tomorrow, for the look-ahead', { asOf: '2026-11-28', afterToday: '--within lists what falls due in the days after it' }, `--as-of 2026-11-28 is after today (2026-11-27): ${NOT_YET}. Give a date up to today (--within lists what falls due in the days after it)`],
  ])('%s', (_, options, message) => {
    expect(() => resolveWindow({ ...options, today: day('2026-11-27') })).toThrow(new WindowError(message));
  });
});
