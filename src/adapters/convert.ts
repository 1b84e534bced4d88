/**
 * Typed converters from export cells to model values. Each returns the value, or a Problem
 * that says in plain words what is wrong and what the value would need to be. They work by
 * string slicing on the hot path: no Date objects, no regular expressions per call where a
 * character test will do.
 */
import { type Day, type Instant, endOfLondonDay, formatDay, londonInstant, validDayFromYmd } from '../time/calendar.js';

/** A cell as a message quotes it: long values are cut, so that a message stays a line. */
export function show(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

export class Problem {
  constructor(readonly message: string) {}
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

function checkedDay(year: number, month: number, dayOfMonth: number, text: string, format: DateFormat): Day | Problem {
  if (format === 'dd/mm/yyyy' && month > 12 && dayOfMonth <= 12) {
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
function quickDateTime(text: string, format: DateFormat): DateTime | null {
  let year: number;
  let month: number;
  let dayOfMonth: number;
  let end: number;
  if (format === 'dd/mm/yyyy') {
    if (text.charCodeAt(2) !== 47 || text.charCodeAt(5) !== 47) return null;
    dayOfMonth = digits(text, 0, 2);
    month = digits(text, 3, 5);
    year = digits(text, 6, 10);
    end = 10;
  } else if (format === 'yyyy-mm-dd') {
    if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
    year = digits(text, 0, 4);
    month = digits(text, 5, 7);
    dayOfMonth = digits(text, 8, 10);
    end = 10;
  } else {
    if (text.charCodeAt(2) !== 45 || text.charCodeAt(6) !== 45) return null;
    dayOfMonth = digits(text, 0, 2);
    month = MONTH_BY_CODES.get(lettersKey(text, 3)) ?? NaN;
    year = digits(text, 7, 11);
    end = 11;
  }
  if (!(year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12)) return null;
  const day = validDayFromYmd(year, month, dayOfMonth);
  if (day === null) return null;
  if (text.length === end) return { day, seconds: null };
  const separator = text.charCodeAt(end);
  if (separator !== 32 && !(separator === 84 && format === 'yyyy-mm-dd')) return null;
  const seconds = quickTime(text, end + 1);
  return seconds < 0 ? null : { day, seconds };
}

/** Reads a date or date-time cell in the given format. */
export function parseDateTime(raw: string, format: DateFormat): DateTime | Problem {
  const quick = quickDateTime(raw, format);
  if (quick !== null) return quick;
  return parseDateTimeFully(raw, format);
}

/** The full reader, every shape and every problem named (exported for the test that holds the quick path to it). */
export function parseDateTimeFully(raw: string, format: DateFormat): DateTime | Problem {
  const text = raw.trim();
  // The date ends at a space, or at the T of an ISO date-time (not the T of OCT).
  const space = format === 'yyyy-mm-dd' && text[10] === 'T' ? 10 : text.indexOf(' ');
  const datePart = space === -1 ? text : text.slice(0, space);
  const timePart = space === -1 ? '' : text.slice(space + 1).trim();

  let result: Day | Problem;
  if (/^\d{5}(\.\d+)?$/.test(datePart)) {
    const serial = Math.floor(Number(datePart));
    // Excel's day 1 is 1900-01-01 and it counts a 29 Feb 1900 that never was.
    const asDate = formatDay(validDayFromYmd(1899, 12, 30)! + serial);
    return new Problem(`"${show(text)}" looks like an Excel serial number (${asDate}?): export dates as text, ${describeFormat(format)}`);
  }
  if (format === 'dd/mm/yyyy') {
    const parts = datePart.split('/');
    if (parts.length !== 3) return new Problem(`"${show(text)}" is not a date in the form ${describeFormat(format)}`);
    if (parts[2]!.length === 2) return new Problem(`"${show(text)}" has a two-digit year: write the year in full, ${describeFormat(format)}`);
    const [dd, mm, yyyy] = parts.map((p) => (p.length >= 1 && p.length <= 4 ? digits(p, 0, p.length) : NaN));
    if (![dd, mm, yyyy].every((n) => Number.isFinite(n)) || parts[2]!.length !== 4) {
      return new Problem(`"${show(text)}" is not a date in the form ${describeFormat(format)}`);
    }
    result = checkedDay(yyyy!, mm!, dd!, text, format);
  } else if (format === 'dd-mon-yyyy') {
    const parts = datePart.split('-');
    const month = parts.length === 3 ? MONTHS[parts[1]!.toUpperCase()] : undefined;
    if (parts.length === 3 && parts[2]!.length === 2 && month) {
      return new Problem(`"${show(text)}" has a two-digit year: write the year in full, ${describeFormat(format)}`);
    }
    const dd = parts.length === 3 ? digits(parts[0]!, 0, parts[0]!.length) : NaN;
    const yyyy = parts.length === 3 && parts[2]!.length === 4 ? digits(parts[2]!, 0, 4) : NaN;
    if (!month || !Number.isFinite(dd) || !Number.isFinite(yyyy)) {
      return new Problem(`"${show(text)}" is not a date in the form ${describeFormat(format)}`);
    }
    result = checkedDay(yyyy, month, dd, text, format);
  } else {
    if (datePart.length !== 10 || datePart[4] !== '-' || datePart[7] !== '-') {
      return new Problem(`"${show(text)}" is not a date in the form ${describeFormat(format)}`);
    }
    const yyyy = digits(datePart, 0, 4);
    const mm = digits(datePart, 5, 7);
    const dd = digits(datePart, 8, 10);
    if (![yyyy, mm, dd].every(Number.isFinite)) return new Problem(`"${show(text)}" is not a date in the form ${describeFormat(format)}`);
    result = checkedDay(yyyy, mm, dd, text, format);
  }
  if (result instanceof Problem) return result;
  if (timePart === '') return { day: result, seconds: null };
  const seconds = parseTime(timePart.replace(/\.\d+$/, ''));
  if (seconds instanceof Problem) return new Problem(`"${show(text)}": ${seconds.message}`);
  return { day: result, seconds };
}

/** The instant of a date-time; a date alone stands for the end of that day. */
export function instantOf(value: DateTime): Instant {
  return value.seconds === null ? endOfLondonDay(value.day) : londonInstant(value.day, value.seconds);
}

const TRUE_WORDS = new Set(['Y', 'YES', '1', 'TRUE', 'T']);
const FALSE_WORDS = new Set(['N', 'NO', '0', 'FALSE', 'F']);

export function parseFlag(raw: string, extraTrue: readonly string[] = [], extraFalse: readonly string[] = []): boolean | Problem {
  const word = raw.trim().toUpperCase();
  if (TRUE_WORDS.has(word) || extraTrue.some((w) => w.toUpperCase() === word)) return true;
  if (FALSE_WORDS.has(word) || extraFalse.some((w) => w.toUpperCase() === word)) return false;
  return new Problem(`"${show(raw)}" is not a yes/no value (Y, N, Yes, No, 1, 0)`);
}

/** A whole number of minutes, 1 to 24 hours. */
export function parseMinutes(raw: string): number | Problem {
  const text = raw.trim();
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) return new Problem(`"${show(raw)}" is not a number of minutes`);
  if (n <= 0) return new Problem(`"${show(raw)}" is not a possible duration: it must be more than 0 minutes`);
  if (n > 24 * 60) return new Problem(`"${show(raw)}" minutes is longer than a day: a typing error, or hours and minutes mixed up?`);
  return Math.round(n);
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

/** How code and title matching sees a cell: case and runs of spaces do not matter. */
export function normaliseCode(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').toUpperCase();
}
