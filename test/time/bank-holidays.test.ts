import { describe, expect, it } from 'vitest';
import { addWorkingDays, bankHolidaysOf, isWorkingDay } from '../../src/time/bank-holidays.js';
import { formatDay, parseIsoDay } from '../../src/time/calendar.js';

const day = (iso: string): number => parseIsoDay(iso)!;

/** England and Wales bank holidays as published by the UK government. */
const PUBLISHED: Record<number, string[]> = {
  2019: ['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26'],
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  2022: ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27'],
  2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
};

describe('England and Wales bank holidays', () => {
  it.each(Object.keys(PUBLISHED).map(Number))('match the published list for %i', (year) => {
    expect(bankHolidaysOf(year).map(formatDay)).toEqual(PUBLISHED[year]);
  });
});

describe('working days', () => {
  it.each([
    ['a plain week: Monday + 5', '2026-11-02', 5, '2026-11-09'],
    ['from a Friday, the weekend is skipped', '2026-11-06', 1, '2026-11-09'],
    ['from a Saturday', '2026-11-07', 1, '2026-11-09'],
    ['Easter: Thursday + 1 skips Good Friday to Easter Monday', '2026-04-02', 1, '2026-04-07'],
    ['10 working days over Christmas 2026', '2026-12-21', 10, '2027-01-07'],
    ['across the 2022 State Funeral', '2022-09-16', 1, '2022-09-20'],
    ['across the 2023 Coronation', '2023-05-05', 1, '2023-05-09'],
    ['zero days is the day itself', '2026-11-07', 0, '2026-11-07'],
  ])('%s', (_name, from, n, expected) => {
    expect(formatDay(addWorkingDays(day(from), n))).toBe(expected);
  });

  it('weekends and holidays are not working days', () => {
    expect(isWorkingDay(day('2026-12-28'))).toBe(false);
    expect(isWorkingDay(day('2026-11-21'))).toBe(false);
    expect(isWorkingDay(day('2026-11-23'))).toBe(true);
  });
});
