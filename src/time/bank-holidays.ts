/**
 * England and Wales bank holidays, computed from the rules of the Banking and Financial
 * Dealings Act 1971 as applied by royal proclamation, with the one-off changes made since
 * 2019. The published list for 2019 to 2027 is the test oracle. A one-off holiday announced
 * later must be added to ONE_OFF below.
 */
import { type Day, dayFromYmd, lastOfMonth, weekday, yearOf } from './calendar.js';

/** Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayFromYmd(year, month, day);
}

const MONDAY = 1;
const SATURDAY = 6;
const SUNDAY = 0;

function firstMonday(year: number, month: number): Day {
  const first = dayFromYmd(year, month, 1);
  return first + ((MONDAY - weekday(first) + 7) % 7);
}

function lastMonday(year: number, month: number): Day {
  const last = lastOfMonth(year, month);
  return last - ((weekday(last) - MONDAY + 7) % 7);
}

/** A holiday falling on a weekend is substituted by the next weekday that is not already one. */
function substituteWeekend(day: Day, taken: Set<Day>): Day {
  let d = day;
  while (weekday(d) === SATURDAY || weekday(d) === SUNDAY || taken.has(d)) d += 1;
  return d;
}

interface OneOff {
  /** Holidays of the normal rules that were moved away (day numbers). */
  moved: Array<[Ymd, Ymd]>;
  /** Extra holidays. */
  added: Ymd[];
}
type Ymd = [number, number, number];

const ONE_OFF: Record<number, OneOff> = {
  // Early May bank holiday moved to Friday 8 May for the 75th anniversary of VE Day.
  2020: { moved: [[[2020, 5, 4], [2020, 5, 8]]], added: [] },
  // Spring bank holiday moved to 2 June and an extra day on 3 June (Platinum Jubilee);
  // the State Funeral of Queen Elizabeth II on 19 September.
  2022: { moved: [[[2022, 5, 30], [2022, 6, 2]]], added: [[2022, 6, 3], [2022, 9, 19]] },
  // The Coronation of King Charles III on 8 May.
  2023: { moved: [], added: [[2023, 5, 8]] },
};

function ymd([y, m, d]: Ymd): Day {
  return dayFromYmd(y, m, d);
}

export function bankHolidaysOf(year: number): Day[] {
  const taken = new Set<Day>();
  const add = (d: Day): void => {
    taken.add(d);
  };
  add(substituteWeekend(dayFromYmd(year, 1, 1), taken));
  const easter = easterSunday(year);
  add(easter - 2);
  add(easter + 1);
  add(firstMonday(year, 5));
  add(lastMonday(year, 5));
  add(lastMonday(year, 8));
  // Christmas Day first, so Boxing Day is substituted past it.
  add(substituteWeekend(dayFromYmd(year, 12, 25), taken));
  add(substituteWeekend(dayFromYmd(year, 12, 26), taken));
  const oneOff = ONE_OFF[year];
  if (oneOff) {
    for (const [from, to] of oneOff.moved) {
      taken.delete(ymd(from));
      taken.add(ymd(to));
    }
    for (const extra of oneOff.added) taken.add(ymd(extra));
  }
  return [...taken].sort((a, b) => a - b);
}

/** Each year's bank holidays as a flag for each of its days, from its first day; made when first asked for. */
const cache = new Map<number, { first: Day; holiday: Uint8Array }>();

export function isBankHoliday(d: Day): boolean {
  const year = yearOf(d);
  let days = cache.get(year);
  if (!days) {
    const first = dayFromYmd(year, 1, 1);
    const holiday = new Uint8Array(dayFromYmd(year + 1, 1, 1) - first);
    for (const h of bankHolidaysOf(year)) holiday[h - first] = 1;
    cache.set(year, (days = { first, holiday }));
  }
  return days.holiday[d - days.first] === 1;
}

export function isWorkingDay(d: Day): boolean {
  const w = weekday(d);
  return w !== SATURDAY && w !== SUNDAY && !isBankHoliday(d);
}

/** The Nth working day after `d` (Saturdays, Sundays and bank holidays skipped). */
export function addWorkingDays(d: Day, n: number): Day {
  let day = d;
  let left = n;
  while (left > 0) {
    day += 1;
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}
