/**
 * A workbook cell as the text a CSV export of its sheet would hold. A date cell is its
 * wall-clock date (and time) as written, with no time zone applied; a whole number is its
 * integer text (an id of 10032 is "10032", never "10032.0"); a fraction has Excel's 15
 * significant digits; a boolean is TRUE or FALSE; an error is its error text (#N/A).
 */
import { FORMULA_ERROR } from './cells.js';
import { formatDay, SECONDS_PER_DAY, validDayFromYmd } from '../time/calendar.js';

/** Excel's day 0 in the 1900 date system is 30 December 1899, 25,569 days before 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;
/** The 1904 date system (a workbook's `date1904`) counts from 1 January 1904, 1,462 days later. */
const DATE_1904_OFFSET = 1_462;

/** What a number format shows: a date, and whether with a time; or a time alone (`h:mm`, `[h]:mm`, a duration as often as a time of day). */
export interface DateFormat {
  date: boolean;
  time: boolean;
  timeOnly?: boolean;
}

export const NOT_A_DATE: DateFormat = { date: false, time: false };

/** Whether a number format shows a date (d, m, y) or a time (h, s), quoted text, escapes and [colours] aside. */
export function formatParts(numFmt: string | undefined): DateFormat {
  if (!numFmt || numFmt === 'General') return NOT_A_DATE;
  // An elapsed time's brackets ([h]:mm) are kept to be told: a colour's ([Red]) are not.
  const bare = numFmt.replace(/\[(?![hms]+\])[^\]]*]/gi, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  const time = /[hs]/i.test(bare);
  const date = /[dy]/i.test(bare) || (/m/i.test(bare) && !time);
  return time && !date ? { date: true, time: true, timeOnly: true } : { date: date || time, time };
}

/** `HH:MM` of each minute of a day, made once it is first asked for: a sheet of dates asks for the same few over and over. */
const clockTexts = new Array<string | undefined>(24 * 60).fill(undefined);
const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** A wall-clock date-time held as seconds since 1970-01-01 (no zone), as an export writes it. */
function wallClockText(seconds: number, showTime: boolean): string {
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  const ofDay = seconds - day * SECONDS_PER_DAY;
  if (!showTime && ofDay === 0) return formatDay(day);
  const minute = Math.floor(ofDay / 60);
  const ss = ofDay % 60;
  const clock = (clockTexts[minute] ??= `${two(Math.floor(minute / 60))}:${two(minute % 60)}`);
  return `${formatDay(day)} ${clock}${ss === 0 ? '' : `:${two(ss)}`}`;
}

/** A day number as Excel keeps it, as seconds since 1970-01-01: to the millisecond, as Excel holds a time, then to the second. */
function serialSeconds(serial: number, date1904: boolean): number {
  const ms = Math.round((serial - EXCEL_EPOCH_OFFSET + (date1904 ? DATE_1904_OFFSET : 0)) * SECONDS_PER_DAY * 1000);
  return Math.round(ms / 1000);
}

/** A time of less than a day as `h:mm`, or `h:mm:ss` where it has seconds: the same in either date system. */
function clockText(value: number): string {
  const seconds = Math.round(value * SECONDS_PER_DAY);
  const minute = Math.floor(seconds / 60);
  return `${Math.floor(minute / 60)}:${two(minute % 60)}${seconds % 60 === 0 ? '' : `:${two(seconds % 60)}`}`;
}

/** The text of a number cell shown in `format`. */
export function numberText(value: number, format: DateFormat, date1904 = false): string {
  if (!Number.isFinite(value)) return FORMULA_ERROR;
  // A time alone of under a day (1:30 as a duration) is that clock; a time format on a whole date-time still shows the date-time.
  if (format.timeOnly && value >= 0 && value < 1) return clockText(value);
  if (format.date) return wallClockText(serialSeconds(value, date1904), format.time);
  if (Number.isInteger(value)) return String(value);
  // Excel keeps 15 significant digits: 0.1 + 0.2 is shown, and saved to CSV, as 0.3.
  return String(Number(value.toPrecision(15)));
}

/**
 * Whether a number as a sheet holds it is a whole number written as its own text, at most 15
 * digits with an optional minus: `007` and `-0` are not. (Read a character at a time: every id
 * cell of a sheet is asked.)
 */
export function isPlainInteger(text: string): boolean {
  const length = text.length;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  if (length - i < 1 || length - i > 15) return false;
  if (text.charCodeAt(i) === 48 /* 0 */) return length === 1;
  for (; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
  }
  return true;
}

/** The text of a number cell as the sheet's XML holds it (`<v>10032</v>`), shown in `format`. */
export function numberValueText(text: string, format: DateFormat, date1904: boolean): string {
  if (!format.date && isPlainInteger(text)) return text;
  return numberText(text.trim() === '' ? Number.NaN : Number(text), format, date1904);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * The text of a date cell held as ISO 8601 text (`t="d"`: `2026-10-31T09:00:00`): its wall clock
 * as written, any zone aside, as a date cell holding a day number is. Text that is no such date
 * is given as it is, for the column's reader to report.
 */
export function isoDateText(text: string, format: DateFormat): string {
  const match = ISO_DATE.exec(text.trim());
  if (match === null) return text;
  const [, year, month, day, hours = '0', minutes = '0', seconds = '0', fraction = ''] = match;
  const date = validDayFromYmd(Number(year), Number(month), Number(day));
  if (date === null || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return text;
  const ofDay = Number(hours) * 3600 + Number(minutes) * 60 + Math.round(Number(seconds) + Number(`0${fraction}`));
  return wallClockText(date * SECONDS_PER_DAY + ofDay, format.time);
}

/** A cell's value as a spreadsheet library gives it: a date as a Date whose UTC fields are its wall clock. */
export type CellValue =
  | null
  | undefined
  | string
  | number
  | boolean
  | Date
  | { error: unknown }
  | { richText: Array<{ text: string }> }
  | { formula?: string; sharedFormula?: string; result?: unknown }
  | { text: unknown };

/** The text of one cell value, in the number format `numFmt`, as a CSV export of the sheet would hold it. */
export function cellText(value: CellValue, numFmt: string | undefined, date1904 = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, formatParts(numFmt), date1904);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return FORMULA_ERROR;
    const format = formatParts(numFmt);
    // A time alone comes as that time on the date system's day 0.
    const sinceDayZero = value.getTime() / 1000 / SECONDS_PER_DAY + EXCEL_EPOCH_OFFSET - (date1904 ? DATE_1904_OFFSET : 0);
    if (format.timeOnly && sinceDayZero >= 0 && sinceDayZero < 1) return clockText(sinceDayZero);
    return wallClockText(Math.round(value.getTime() / 1000), format.time);
  }
  if ('error' in value) return String(value.error);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined) return '';
    if (typeof result === 'object' && result !== null && 'error' in result) return String((result as { error: unknown }).error);
    return cellText(result as CellValue, numFmt, date1904);
  }
  if ('text' in value) return String(value.text ?? '');
  return '';
}
