/**
 * Calendar dates as whole day numbers (days since 1970-01-01), and instants as seconds since
 * the Unix epoch. Dates in the exports are Europe/London calendar dates; keeping them as
 * integers avoids every time-zone trap of `Date` and makes the per-row work a few integer
 * operations. Month arithmetic follows date-fns `addMonths` exactly (31 Jan + 1 month =
 * 28/29 Feb); a property test holds the two together.
 */

/** A calendar date: days since 1970-01-01. */
export type Day = number;
/** A moment in time: seconds since 1970-01-01T00:00:00Z. */
export type Instant = number;

export const SECONDS_PER_DAY = 86_400;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Days from civil date (Howard Hinnant's algorithm); month 1-12. */
export function dayFromYmd(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The same, or null when the parts do not name a real date (31/02, month 13). */
export function validDayFromYmd(year: number, month: number, day: number): Day | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return dayFromYmd(year, month, day);
}

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

export function ymdFromDay(d: Day): Ymd {
  const z = d + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD`. */
export function formatDay(d: Day): string {
  // A report writes the same few thousand dates over and over: each is made once.
  const known = d >= 0 && d < FORMATTED_DAYS ? formatted[d] : undefined;
  if (known !== undefined) return known;
  const { year, month, day } = ymdFromDay(d);
  const text = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  if (d >= 0 && d < FORMATTED_DAYS) formatted[d] = text;
  return text;
}

/** Days from 1970 to 2149, each formatted once it is first asked for. */
const FORMATTED_DAYS = 65_000;
const formatted = new Array<string | undefined>(FORMATTED_DAYS).fill(undefined);

/** Parses a strict `YYYY-MM-DD`; null when it is not a real date. */
export function parseIsoDay(text: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  return validDayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function addDays(d: Day, n: number): Day {
  return d + n;
}

/** date-fns `addMonths`: same day of month, clamped to the end of a shorter month. */
export function addMonths(d: Day, n: number): Day {
  // Rules add months to every session's date: within the table, with no object made.
  const months = monthTable();
  const at = d - months.firstDay;
  if (at >= 0 && at < months.monthOf.length) {
    const to = months.monthOf[at]! + n;
    if (to >= 0 && to < TABLE_MONTHS) {
      const start = months.start[to]!;
      return start + Math.min(months.dayOfMonth[at]!, months.start[to + 1]! - start) - 1;
    }
  }
  const { year, month, day } = ymdFromDay(d);
  const monthIndex = year * 12 + (month - 1) + n;
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  return dayFromYmd(y, m, Math.min(day, daysInMonth(y, m)));
}

/** The year of a day, with no object made for a day from 1900 to 2199. */
export function yearOf(d: Day): number {
  const months = monthTable();
  const at = d - months.firstDay;
  if (at >= 0 && at < months.monthOf.length) return TABLE_FIRST_YEAR + Math.floor(months.monthOf[at]! / 12);
  return ymdFromDay(d).year;
}

/** The days from 1900 to 2199 by month: each day's month (counted from January 1900) and day of the month, and each month's first day. */
interface MonthTable {
  firstDay: Day;
  monthOf: Uint16Array;
  dayOfMonth: Uint8Array;
  /** The first day of each month, and one past the last month's end. */
  start: Int32Array;
}

const TABLE_FIRST_YEAR = 1900;
const TABLE_MONTHS = 300 * 12;
let madeMonthTable: MonthTable | null = null;

function monthTable(): MonthTable {
  if (madeMonthTable !== null) return madeMonthTable;
  const start = new Int32Array(TABLE_MONTHS + 1);
  for (let i = 0; i <= TABLE_MONTHS; i++) start[i] = dayFromYmd(TABLE_FIRST_YEAR + Math.floor(i / 12), (i % 12) + 1, 1);
  const firstDay = start[0]!;
  const monthOf = new Uint16Array(start[TABLE_MONTHS]! - firstDay);
  const dayOfMonth = new Uint8Array(monthOf.length);
  for (let i = 0; i < TABLE_MONTHS; i++) {
    monthOf.fill(i, start[i]! - firstDay, start[i + 1]! - firstDay);
    for (let d = start[i]!; d < start[i + 1]!; d++) dayOfMonth[d - firstDay] = d - start[i]! + 1;
  }
  return (madeMonthTable = { firstDay, monthOf, dayOfMonth, start });
}

/** 0 = Sunday ... 6 = Saturday, as `Date#getDay`. 1970-01-01 was a Thursday. */
export function weekday(d: Day): number {
  return (((d + 4) % 7) + 7) % 7;
}

export function firstOfMonth(year: number, month: number): Day {
  return dayFromYmd(year, month, 1);
}

export function lastOfMonth(year: number, month: number): Day {
  return dayFromYmd(year, month, daysInMonth(year, month));
}

// ---- Europe/London wall-clock time ---------------------------------------------------------

/** The last Sunday of a month, as a day number. */
function lastSunday(year: number, month: number): Day {
  const last = lastOfMonth(year, month);
  return last - weekday(last);
}

/**
 * British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
 * last Sunday of October (the rule in force since 1996).
 */
function isBritishSummerTime(instant: Instant): boolean {
  const utcDay = Math.floor(instant / SECONDS_PER_DAY);
  // Every UTC day but the two changeover days is all summer or all winter: remembered per day.
  const inTable = utcDay >= 0 && utcDay < SEASON_DAYS;
  const known = inTable ? season[utcDay]! : UNKNOWN;
  if (known !== UNKNOWN) return known === SUMMER;
  const { year } = ymdFromDay(utcDay);
  const startsDay = lastSunday(year, 3);
  const endsDay = lastSunday(year, 10);
  if (inTable && utcDay !== startsDay && utcDay !== endsDay) season[utcDay] = utcDay > startsDay && utcDay < endsDay ? SUMMER : WINTER;
  const starts = startsDay * SECONDS_PER_DAY + 3600;
  const ends = endsDay * SECONDS_PER_DAY + 3600;
  return instant >= starts && instant < ends;
}

/** Days from 1970 to 2149, each marked once its season is worked out. */
const SEASON_DAYS = 65_000;
const UNKNOWN = 0;
const WINTER = 1;
const SUMMER = 2;
const season = new Uint8Array(SEASON_DAYS);

/**
 * The instant at which a London wall clock reads `secondsOfDay` on `day`. In the autumn
 * hour that happens twice the first (summer time) reading is taken; a time in the spring
 * hour that never happens is read as winter time.
 */
export function londonInstant(day: Day, secondsOfDay: number): Instant {
  const wall = day * SECONDS_PER_DAY + secondsOfDay;
  const asSummerTime = wall - 3600;
  return isBritishSummerTime(asSummerTime) ? asSummerTime : wall;
}

/** The London calendar date of an instant. */
export function londonDay(instant: Instant): Day {
  const offset = isBritishSummerTime(instant) ? 3600 : 0;
  return Math.floor((instant + offset) / SECONDS_PER_DAY);
}

/** What a London wall clock read at an instant: the date and the seconds after its midnight. */
export function londonWallClock(instant: Instant): { day: Day; seconds: number } {
  const wall = instant + (isBritishSummerTime(instant) ? 3600 : 0);
  const day = Math.floor(wall / SECONDS_PER_DAY);
  return { day, seconds: wall - day * SECONDS_PER_DAY };
}

/** The last second of a London calendar day: where a record has only a date, its end counts. */
export function endOfLondonDay(day: Day): Instant {
  return londonInstant(day + 1, 0) - 1;
}

/** Today's date in Europe/London. */
export function todayInLondon(now: Date = new Date()): Day {
  return londonDay(Math.floor(now.getTime() / 1000));
}
