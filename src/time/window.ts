/** The audit window: the days whose compliance the audit reports, ending on the as-of date. */
import { addMonths, type Day, formatDay, lastOfMonth, parseIsoDay, todayInLondon, ymdFromDay } from './calendar.js';

export interface AuditWindow {
  from: Day;
  asOf: Day;
}

export class WindowError extends Error {
  override name = 'WindowError';
}

export interface WindowOptions {
  asOf?: string;
  from?: string;
  month?: string;
  /** Today in Europe/London; passed in so that tests are not tied to the clock. */
  today?: Day;
  /** How to see what falls due after today, for the sentence refusing an audit date after it. */
  afterToday?: string;
}

function isoOption(name: string, value: string): Day {
  const day = parseIsoDay(value);
  if (day === null) throw new WindowError(`--${name} ${value} is not a date in the form YYYY-MM-DD`);
  return day;
}

/**
 * --month YYYY-MM (or `last`, the calendar month before today) is that month; otherwise the
 * window ends on --as-of (default today) and starts on --from (default: the 12 months up to
 * and including --as-of).
 */
export function resolveWindow(options: WindowOptions): AuditWindow {
  const today = options.today ?? todayInLondon();
  if (options.month !== undefined) {
    if (options.asOf !== undefined || options.from !== undefined) {
      throw new WindowError('--month sets the whole window: use it without --as-of and --from');
    }
    let year: number;
    let month: number;
    if (options.month === 'last') {
      const t = ymdFromDay(today);
      year = t.month === 1 ? t.year - 1 : t.year;
      month = t.month === 1 ? 12 : t.month - 1;
    } else {
      const m = /^(\d{4})-(\d{2})$/.exec(options.month);
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
        throw new WindowError(`--month ${options.month} is not a month in the form YYYY-MM (or "last")`);
      }
      year = Number(m[1]);
      month = Number(m[2]);
    }
    const from = parseIsoDay(`${year}-${String(month).padStart(2, '0')}-01`)!;
    const asOf = lastOfMonth(year, month);
    if (asOf > today) {
      const soFar = from <= today ? `, or --from ${formatDay(from)} --as-of ${formatDay(today)} for the month so far` : '';
      throw new WindowError(`--month ${options.month} ends on ${formatDay(asOf)}, after today (${formatDay(today)}): ${notYetHappened}. Give a month that has ended ("last" is the one before this)${soFar}`);
    }
    return { from, asOf };
  }
  const asOf = options.asOf !== undefined ? isoOption('as-of', options.asOf) : today;
  if (asOf > today) throw new WindowError(`--as-of ${formatDay(asOf)} is after today (${formatDay(today)}): ${notYetHappened}. Give a date up to today (${options.afterToday ?? '`due` lists what falls due after it'})`);
  const from = options.from !== undefined ? isoOption('from', options.from) : addMonths(asOf, -12) + 1;
  if (from > asOf) throw new WindowError(`--from ${formatDay(from)} is after --as-of ${formatDay(asOf)}`);
  return { from, asOf };
}

/** Why an audit date after today cannot be audited. */
const notYetHappened = 'the exports cannot hold what has not happened yet, so everything due by then would be reported overdue';
