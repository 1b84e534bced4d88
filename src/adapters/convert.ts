/**
 * Typed converters from export cells to model values. Each returns the value, or a Problem
 * that says in plain words what is wrong and what the value would need to be. They work by
 * string slicing on the hot path: no Date objects, no regular expressions per call where a
 * character test will do.
 */
import type { CodeMapName } from './codes.js';
import { type Day, type Instant, endOfLondonDay, formatDay, londonInstant, londonWallClock, SECONDS_PER_DAY, validDayFromYmd } from '../time/calendar.js';
import { withoutLeadingZeros } from '../model/ids.js';

/** A cell as a message quotes it: long values are cut, so that a message stays a line. */
export function show(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

export interface ProblemScope {
  /**
   * The problem is the column's, not the cell's: it comes from how the column was exported (a
   * date column saved as day numbers), so the file reports it once per column, not per row.
   */
  wholeColumn?: boolean;
  /** The row cannot be used even where the field is optional (an id that has lost its digits). */
  rejectsRow?: boolean;
  /** The value the record keeps despite the problem (a list's known items, beside an unknown one). */
  kept?: unknown;
  /** The codes the adapter does not map that the problem is about, and their code map. */
  unknownCodes?: { map: CodeMapName; codes: readonly string[] };
}

export class Problem {
  constructor(
    readonly message: string,
    readonly scope: ProblemScope = {},
  ) {}
}

export const DATE_FORMATS = ['dd/mm/yyyy', 'dd-mon-yyyy', 'yyyy-mm-dd'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export interface DateTime {
  day: Day;
  /** Seconds after midnight on the London wall clock; null when the cell has only a date. */
  seconds: number | null;
}

const MONTHS: Record<string, number> = {
  JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12,
};

/** The same months keyed by their three letters' codes in upper case, to be read without making strings. */
const MONTH_BY_CODES = new Map(Object.entries(MONTHS).map(([name, n]) => [lettersKey(name, 0), n]));

/** Three ASCII letters at `from` as one number, in either case; NaN for anything else. */
function lettersKey(text: string, from: number): number {
  let key = 0;
  for (let i = from; i < from + 3; i++) {
    // Clearing the lower-case bit leaves A to Z only for a to z and A to Z themselves.
    const code = text.charCodeAt(i) & ~0x20;
    if (!(code >= 65 && code <= 90)) return NaN;
    key = key * 256 + code;
  }
  return key;
}

/** Dates before this or after MAX_YEAR are typing errors, not supervision records. */
const MIN_YEAR = 1950;
const MAX_YEAR = 2100;

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return to > from ? n : NaN;
}

/** `HH:MM` or `HH:MM:SS` (also `HH24:MI`) to seconds; midnight with no minutes is still a time. */
function parseTime(text: string): number | Problem {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p.length === 0 || p.length > 2)) {
    return new Problem(`"${show(text)}" is not a time of day (HH:MM)`);
  }
  const [h, m, s] = parts.map((p) => digits(p, 0, p.length));
  if (!(h! >= 0 && h! <= 23 && m! >= 0 && m! <= 59 && (s === undefined || (s >= 0 && s <= 59)))) {
    return new Problem(`"${show(text)}" is not a time of day (HH:MM)`);
  }
  return h! * 3600 + m! * 60 + (s ?? 0);
}

function describeFormat(format: DateFormat): string {
  return format === 'dd/mm/yyyy' ? 'dd/mm/yyyy (31/01/2026)' : format === 'dd-mon-yyyy' ? 'DD-MON-YYYY (31-JAN-2026)' : 'yyyy-mm-dd (2026-01-31)';
}

/** Day-first with slashes is the only order a UK export or a UK desktop's Excel writes. */
function checkedDay(year: number, month: number, dayOfMonth: number, text: string, format: DateFormat, slashes: boolean): Day | Problem {
  if (slashes && month > 12 && dayOfMonth <= 12) {
    return new Problem(`"${show(text)}" has month ${month}: is it a US month-first date? Dates must be ${describeFormat(format)}`);
  }
  const d = validDayFromYmd(year, month, dayOfMonth);
  if (d === null) return new Problem(`"${show(text)}" is not a real date`);
  if (year < MIN_YEAR || year > MAX_YEAR) return new Problem(`"${show(text)}" is outside ${MIN_YEAR} to ${MAX_YEAR}: a typing error?`);
  return d;
}

/** `HH:MM` or `HH:MM:SS` at `from`, as seconds, or -1 when it is not exactly that. */
function quickTime(text: string, from: number): number {
  const length = text.length - from;
  if ((length !== 5 && length !== 8) || text.charCodeAt(from + 2) !== 58) return -1;
  const h = digits(text, from, from + 2);
  const m = digits(text, from + 3, from + 5);
  let sec = 0;
  if (length === 8) {
    if (text.charCodeAt(from + 5) !== 58) return -1;
    sec = digits(text, from + 6, from + 8);
  }
  return h <= 23 && m <= 59 && sec <= 59 ? h * 3600 + m * 60 + sec : -1;
}

/**
 * The common shapes, read by position with no allocation: `31/01/2026`, `31-JAN-2026`,
 * `2026-01-31`, each optionally followed by a space (or T) and HH:MM[:SS]. Anything else,
 * and anything wrong, goes to the full reader, which says what is wrong.
 */
export function quickDateTime(text: string): DateTime | null {
  let year: number;
  let month: number;
  let dayOfMonth: number;
  let end: number;
  let iso = false;
  if (text.charCodeAt(2) === 47 && text.charCodeAt(5) === 47) {
    dayOfMonth = digits(text, 0, 2);
    month = digits(text, 3, 5);
    year = digits(text, 6, 10);
    end = 10;
  } else if (text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    year = digits(text, 0, 4);
    month = digits(text, 5, 7);
    dayOfMonth = digits(text, 8, 10);
    end = 10;
    iso = true;
  } else if (text.charCodeAt(2) === 45 && text.charCodeAt(6) === 45) {
    dayOfMonth = digits(text, 0, 2);
    month = MONTH_BY_CODES.get(lettersKey(text, 3)) ?? NaN;
    year = digits(text, 7, 11);
    end = 11;
  } else return null;
  if (!(year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12)) return null;
  const day = validDayFromYmd(year, month, dayOfMonth);
  if (day === null) return null;
  if (text.length === end) return { day, seconds: null };
  const separator = text.charCodeAt(end);
  if (separator !== 32 && !(separator === 84 && iso)) return null;
  const seconds = quickTime(text, end + 1);
  // A time of exactly 00:00 is how databases write a date alone: no time, in every layout.
  return seconds < 0 ? null : { day, seconds: seconds === 0 ? null : seconds };
}

/** `digits` over bytes (a cell of a file read as bytes, convert.ts's own twin of it). */
function digitsOfBytes(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = bytes[i]! - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return to > from ? n : NaN;
}

/**
 * quickDateTime over the bytes `from` to `to` of an ASCII line, reading them as the same
 * characters: the same value for the same cell, or null wherever quickDateTime gives null (a
 * property test holds the two together). A file read a line at a time as bytes (csv.ts) reads its
 * dates so, without making a string of each.
 */
export function quickDateTimeOfBytes(bytes: Uint8Array, from: number, to: number): DateTime | null {
  const length = to - from;
  // Digits where the cell ends before they do are NaN, as digits() reads past a string's end.
  let year: number;
  let month: number;
  let dayOfMonth: number;
  let end: number;
  let iso = false;
  if (length >= 6 && bytes[from + 2] === 47 && bytes[from + 5] === 47) {
    dayOfMonth = digitsOfBytes(bytes, from, from + 2);
    month = digitsOfBytes(bytes, from + 3, from + 5);
    year = length < 10 ? NaN : digitsOfBytes(bytes, from + 6, from + 10);
    end = 10;
  } else if (length >= 8 && bytes[from + 4] === 45 && bytes[from + 7] === 45) {
    year = digitsOfBytes(bytes, from, from + 4);
    month = digitsOfBytes(bytes, from + 5, from + 7);
    dayOfMonth = length < 10 ? NaN : digitsOfBytes(bytes, from + 8, from + 10);
    end = 10;
    iso = true;
  } else if (length >= 7 && bytes[from + 2] === 45 && bytes[from + 6] === 45) {
    // The month's three letters, read as lettersKey reads them.
    let key = 0;
    for (let i = from + 3; i < from + 6; i++) {
      const code = bytes[i]! & ~0x20;
      key = code >= 65 && code <= 90 ? key * 256 + code : NaN;
    }
    dayOfMonth = digitsOfBytes(bytes, from, from + 2);
    month = MONTH_BY_CODES.get(key) ?? NaN;
    year = length < 11 ? NaN : digitsOfBytes(bytes, from + 7, from + 11);
    end = 11;
  } else return null;
  if (!(year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12)) return null;
  const day = validDayFromYmd(year, month, dayOfMonth);
  if (day === null) return null;
  if (length === end) return { day, seconds: null };
  const separator = bytes[from + end];
  if (separator !== 32 && !(separator === 84 && iso)) return null;
  // quickTime: HH:MM or HH:MM:SS to the end of the cell.
  const time = from + end + 1;
  const timeLength = to - time;
  if ((timeLength !== 5 && timeLength !== 8) || bytes[time + 2] !== 58) return null;
  const h = digitsOfBytes(bytes, time, time + 2);
  const m = digitsOfBytes(bytes, time + 3, time + 5);
  let sec = 0;
  if (timeLength === 8) {
    if (bytes[time + 5] !== 58) return null;
    sec = digitsOfBytes(bytes, time + 6, time + 8);
  }
  if (!(h <= 23 && m <= 59 && sec <= 59)) return null;
  const seconds = h * 3600 + m * 60 + sec;
  return { day, seconds: seconds === 0 ? null : seconds };
}

/**
 * Reads a date or date-time cell. Every layout's own format reads, and so does every shape a
 * UK desktop's Excel re-saves a date in (`1/2/2026`, `01/02/2026 09:00:00`, `2026-02-01`,
 * `1-Feb-2026`), whatever the layout: the shapes cannot be mistaken for one another, and
 * all are day first. `format` is the one messages ask for.
 */
export function parseDateTime(raw: string, format: DateFormat): DateTime | Problem {
  const quick = quickDateTime(raw);
  if (quick !== null) return quick;
  return parseDateTimeFully(raw, format);
}

/** A month as written in a date: its three letters or its full name, in any case. */
function monthOfName(name: string): number | undefined {
  const upper = name.toUpperCase();
  const month = MONTHS[upper.slice(0, 3)];
  if (month === undefined) return undefined;
  return upper.length === 3 || FULL_MONTH_NAMES[month - 1] === upper || (upper === 'SEPT') ? month : undefined;
}

const FULL_MONTH_NAMES = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];

const allDigits = (part: string, min: number, max: number): boolean => part.length >= min && part.length <= max && Number.isFinite(digits(part, 0, part.length));

/**
 * An ISO 8601 date-time with its offset from UTC, as JSON and APIs write one
 * (`2025-05-01T13:00:00.000Z`, `2025-05-01T14:00:00+01:00`): the date and time, then the
 * offset, with optional seconds and fraction.
 */
const ZONED_ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))$/i;

/** A zoned ISO date-time as the London wall clock read it at that instant (a UTC 23:30 in summer is the next day's 00:30). */
function zonedIso(match: RegExpExecArray, text: string, format: DateFormat): DateTime | Problem {
  const [, y, mo, d, h, mi, s, zone, sign, oh, om] = match;
  const day = checkedDay(Number(y), Number(mo), Number(d), text, format, false);
  if (day instanceof Problem) return day;
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = s === undefined ? 0 : Number(s);
  if (hours > 23 || minutes > 59 || seconds > 59) return new Problem(`"${show(text)}" has no such time of day`);
  const offset = zone!.toUpperCase() === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60);
  if (Math.abs(offset) > 14 * 3600) return new Problem(`"${show(text)}" has no such offset from UTC`);
  return londonWallClock(day * SECONDS_PER_DAY + hours * 3600 + minutes * 60 + seconds - offset);
}

/** Oracle's default timestamp time, `HH.MI.SS[.FF] AM` (`02.30.00.000000000 PM`), as seconds; null when it is not one. */
function oracleTime(text: string): number | Problem | null {
  const match = /^(\d{1,2})\.(\d{2})(?:\.(\d{2})(?:\.\d+)?)?\s*([AP])\.?M\.?$/i.exec(text);
  if (!match) return null;
  const [, h, m, s, half] = match;
  const hour = Number(h);
  const minutes = Number(m);
  const seconds = s === undefined ? 0 : Number(s);
  if (hour < 1 || hour > 12 || minutes > 59 || seconds > 59) return new Problem(`"${show(text)}" is not a time of day (HH.MI.SS AM)`);
  return ((hour % 12) + (half!.toUpperCase() === 'P' ? 12 : 0)) * 3600 + minutes * 60 + seconds;
}

/**
 * Oracle's RR rule, which its tools apply when they write a year as two digits (`DD-MON-RR`):
 * 00 to 49 are 2000 to 2049, 50 to 99 are 1950 to 1999.
 */
const rrYear = (twoDigits: number): number => (twoDigits < 50 ? 2000 + twoDigits : 1900 + twoDigits);

/** The full reader, every shape and every problem named (exported for the test that holds the quick path to it). */
export function parseDateTimeFully(raw: string, format: DateFormat): DateTime | Problem {
  const text = raw.trim();
  const zoned = ZONED_ISO.exec(text);
  if (zoned) return zonedIso(zoned, text, format);
  // The date ends at a space, or at the T of an ISO date-time (not the T of OCT).
  const space = /^\d{4}-\d{1,2}-\d{1,2}T/.test(text) ? text.indexOf('T') : text.indexOf(' ');
  const datePart = space === -1 ? text : text.slice(0, space);
  const timePart = space === -1 ? '' : text.slice(space + 1).trim();
  const notADate = (): Problem => new Problem(`"${show(text)}" is not a date in the form ${describeFormat(format)}`);
  const twoDigitYear = (): Problem => new Problem(`"${show(text)}" has a two-digit year: write the year in full, ${describeFormat(format)}`);

  if (/^\d{5}(\.\d+)?$/.test(datePart)) {
    const serial = Math.floor(Number(datePart));
    // Excel's day 1 is 1900-01-01 and it counts a 29 Feb 1900 that never was.
    const asDate = formatDay(validDayFromYmd(1899, 12, 30)! + serial);
    return new Problem(
      `the column holds day numbers, not dates ("${show(text)}" is Excel's number for ${asDate}): it was exported as a number. Format the column as a date, ${describeFormat(format)}, before saving, or export it as text`,
      { wholeColumn: true },
    );
  }
  let result: Day | Problem;
  const slashes = datePart.split('/');
  const dashes = datePart.split('-');
  if (slashes.length === 3) {
    const [a, b, c] = slashes as [string, string, string];
    if (allDigits(a, 4, 4) && allDigits(b, 1, 2) && allDigits(c, 1, 2)) {
      result = checkedDay(digits(a, 0, 4), digits(b, 0, b.length), digits(c, 0, c.length), text, format, false);
    } else if (allDigits(a, 1, 2) && allDigits(b, 1, 2) && allDigits(c, 2, 2)) {
      return twoDigitYear();
    } else if (allDigits(a, 1, 2) && allDigits(b, 1, 2) && allDigits(c, 4, 4)) {
      result = checkedDay(digits(c, 0, 4), digits(b, 0, b.length), digits(a, 0, a.length), text, format, true);
    } else return notADate();
  } else if (dashes.length === 3) {
    const [a, b, c] = dashes as [string, string, string];
    const month = monthOfName(b);
    if (allDigits(a, 4, 4) && allDigits(b, 1, 2) && allDigits(c, 1, 2)) {
      result = checkedDay(digits(a, 0, 4), digits(b, 0, b.length), digits(c, 0, c.length), text, format, false);
    } else if (month !== undefined && allDigits(a, 1, 2) && allDigits(c, 2, 2)) {
      // Only an Oracle export (AzeusCare's DD-MON layouts) writes a year so by default, and only its RR rule reads it.
      if (format !== 'dd-mon-yyyy') return twoDigitYear();
      result = checkedDay(rrYear(digits(c, 0, 2)), month, digits(a, 0, a.length), text, format, false);
    } else if (month !== undefined && allDigits(a, 1, 2) && allDigits(c, 4, 4)) {
      result = checkedDay(digits(c, 0, 4), month, digits(a, 0, a.length), text, format, false);
    } else return notADate();
  } else return notADate();
  if (result instanceof Problem) return result;
  if (timePart === '') return { day: result, seconds: null };
  const oracle = oracleTime(timePart) ?? twelveHourTime(timePart);
  if (oracle instanceof Problem) return new Problem(`"${show(text)}": ${oracle.message}`);
  if (oracle !== null) return { day: result, seconds: oracle === 0 ? null : oracle };
  const seconds = parseTime(timePart.replace(/\.\d+$/, ''));
  if (seconds instanceof Problem) return new Problem(`"${show(text)}": ${seconds.message}`);
  // A time of exactly 00:00 is how databases write a date alone: no time, in every layout.
  return { day: result, seconds: seconds === 0 ? null : seconds };
}

/**
 * A 12-hour clock as .NET and Excel write one, `1:53:00 PM` or `01:53 pm` (seconds and a
 * fraction optional), as seconds; null when it is not one.
 */
function twelveHourTime(text: string): number | Problem | null {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AP])\.?M\.?$/i.exec(text);
  if (!match) return null;
  const [, h, m, s, half] = match;
  const hour = Number(h);
  const minutes = Number(m);
  const seconds = s === undefined ? 0 : Number(s);
  if (hour < 1 || hour > 12 || minutes > 59 || seconds > 59) return new Problem(`"${show(text)}" is not a time of day (h:mm:ss AM)`);
  return ((hour % 12) + (half!.toUpperCase() === 'P' ? 12 : 0)) * 3600 + minutes * 60 + seconds;
}

/**
 * An end date as databases write "no end": Oracle's last date, 31-DEC-4712, and SQL Server's
 * 9999-12-31 (any date from the year 9999 on). Only asked of a cell that did not read as a date.
 */
export function isOpenEnd(raw: string): boolean {
  const text = raw.trim();
  const year = /(?:^|\D)(\d{4,})(?:\D|$)/.exec(text.split(/[ T]/)[0]!)?.[1];
  if (year === undefined) return false;
  return Number(year) >= 9999 || (year === '4712' && /^31-DEC-4712$/i.test(text.split(/[ T]/)[0]!));
}

/** The instant of a date-time; a date alone stands for the end of that day. */
export function instantOf(value: DateTime): Instant {
  return value.seconds === null ? endOfLondonDay(value.day) : londonInstant(value.day, value.seconds);
}

// A flag column with blanks comes out of pandas as 1.0 and 0.0.
export const TRUE_WORDS: ReadonlySet<string> = new Set(['Y', 'YES', '1', '1.0', 'TRUE', 'T']);
export const FALSE_WORDS: ReadonlySet<string> = new Set(['N', 'NO', '0', '0.0', 'FALSE', 'F']);

export function parseFlag(raw: string, extraTrue: readonly string[] = [], extraFalse: readonly string[] = []): boolean | Problem {
  const word = raw.trim().toUpperCase();
  if (TRUE_WORDS.has(word) || extraTrue.some((w) => w.toUpperCase() === word)) return true;
  if (FALSE_WORDS.has(word) || extraFalse.some((w) => w.toUpperCase() === word)) return false;
  return new Problem(`"${show(raw)}" is not a yes/no value (Y, N, Yes, No, 1, 0)`);
}

/**
 * A whole number of minutes, 1 to 24 hours; also a clock, `1:30` or `01:30:00` (an hour and a
 * half), as report tools write a duration. A number under 10 with a decimal point (`1.5`) is
 * most likely hours, and is not guessed.
 */
export function parseMinutes(raw: string): number | Problem {
  let text = raw.trim();
  // A workbook's time of day (Excel's [h]:mm) is read as that time on Excel's day 0, 1899-12-30.
  if (text.indexOf(':') !== -1) return clockMinutes(EXCEL_DAY_ZERO.test(text) ? text.slice(11) : text, raw);
  if (text.indexOf(',') !== -1) {
    // Excel set to a European locale writes a decimal comma (`90,0`); three digits after a comma
    // may as well be a thousands separator, and are not guessed.
    if (THOUSANDS.test(text)) return new Problem(`"${show(raw)}" is not a number of minutes: is the comma a thousands separator or a decimal comma? Write minutes as a whole number`);
    if (!DECIMAL_COMMA.test(text)) return new Problem(`"${show(raw)}" is not a number of minutes`);
    text = text.replace(',', '.');
  }
  const n = Number(text);
  if (n > 0 && n < 10 && text.indexOf('.') !== -1) {
    return new Problem(`"${show(raw)}" minutes: is it hours? A duration must be written in minutes (90 for an hour and a half)`);
  }
  if (text === '' || !Number.isFinite(n)) return new Problem(`"${show(raw)}" is not a number of minutes`);
  if (n <= 0) return new Problem(`"${show(raw)}" is not a possible duration: it must be more than 0 minutes`);
  if (n > 24 * 60) return new Problem(`"${show(raw)}" minutes is longer than a day: a typing error, or hours and minutes mixed up?`);
  return Math.round(n);
}

const DECIMAL_COMMA = /^-?\d+,\d{1,2}$/;
const EXCEL_DAY_ZERO = /^1899-12-30[ T]\d/;
const THOUSANDS = /^-?\d{1,3}(?:,\d{3})+$/;

/** A duration written as a clock, `h:mm` or `h:mm:ss`, in whole minutes. */
function clockMinutes(text: string, raw: string): number | Problem {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) + (match[3] === undefined ? 0 : Number(match[3]) / 60) : NaN;
  if (!match || Number(match[2]) > 59 || Number(match[3] ?? 0) > 59) return new Problem(`"${show(raw)}" is not a duration (minutes, or h:mm)`);
  if (minutes <= 0) return new Problem(`"${show(raw)}" is not a possible duration: it must be more than 0 minutes`);
  if (minutes > 24 * 60) return new Problem(`"${show(raw)}" is longer than a day: a typing error?`);
  return Math.round(minutes);
}

/** Splits a list cell (`A;B`, `"A,B"`) into trimmed, non-empty items. */
export function parseList(raw: string, separators: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of raw) {
    if (separators.includes(ch)) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/**
 * An id cell. A whole-number float (`10032.0`, as pandas writes an integer column with blanks)
 * is the id `10032`; an id in scientific notation (`1.0032E+04`, `1E+11`) has lost its digits
 * in Excel for good, which is the column's problem, not the row's. An id of digits is read as a
 * number (`010006` is `10006`) unless `asWritten` (a workers row's own id, which the report
 * names the worker by).
 */
export function parseId(raw: string, asWritten = false): string | Problem {
  const text = raw.trim();
  // A NUL is never part of an id: a damaged export, whose row would otherwise make a new worker.
  if (text.indexOf('\0') !== -1) return new Problem(`"${show(text.replace(/\0/g, '\\0'))}" holds a NUL character, which no id has: is the export damaged?`);
  const first = text.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return text;
  if (text.indexOf('.') === -1 && text.indexOf('E') === -1 && text.indexOf('e') === -1) return first === 48 && !asWritten ? withoutLeadingZeros(text) : text;
  const whole = /^(\d+)\.0+$/.exec(text);
  if (whole) return asWritten ? whole[1]! : withoutLeadingZeros(whole[1]!);
  if (/^\d+(\.\d+)?[eE][+-]?\d+$/.test(text)) {
    return new Problem(
      `the column holds ids in scientific notation ("${show(text)}"): Excel showed the ids as numbers and rounded them, so their last digits are lost. Export the column again as text (in Excel, format the column as Text before saving as CSV)`,
      { wholeColumn: true, rejectsRow: true },
    );
  }
  return text;
}

/**
 * An id cell of a JSON export. A JSON number there was written by a program, not retyped: one
 * that is not a whole number (`1.5`, `-4`, `1e3`) is no system's id, so its row is rejected
 * rather than joined on an id nobody holds. A whole number is read as in CSV (`10032.0`, as
 * pandas writes an integer column with blanks, is `10032`), and a long one digit for digit.
 */
export function parseJsonId(raw: string, asWritten = false): string | Problem {
  const text = raw.trim();
  const first = text.charCodeAt(0);
  // Most ids are digits alone: only a sign, a point or an exponent needs a closer look.
  if ((first === 45 || (first >= 48 && first <= 57)) && /[-.eE]/.test(text) && JSON_NUMBER.test(text) && !WHOLE_FLOAT.test(text)) {
    return new Problem(`${show(text)} is a number that is not a whole one (an id is written in digits alone): the export's id column holds a calculated or converted value. Export the ids again as the system holds them`, { rejectsRow: true });
  }
  return parseId(text, asWritten);
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const WHOLE_FLOAT = /^\d+\.0+$/;

/** How code and title matching sees a cell: case and runs of spaces do not matter. */
export function normaliseCode(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').toUpperCase();
}
