/**
 * Intervals as policies write them: "1 month", "2 weeks", "10 working days", "72 hours".
 * Months follow date-fns addMonths, weeks are 7N days, working days skip weekends and
 * England and Wales bank holidays.
 */
import { z } from 'zod';
import { addMonths, type Day } from './calendar.js';
import { addWorkingDays } from './bank-holidays.js';

export type IntervalUnit = 'days' | 'weeks' | 'months' | 'working-days' | 'hours' | 'minutes';

export interface Interval {
  n: number;
  unit: IntervalUnit;
}

const UNIT_WORDS: Record<string, IntervalUnit> = {
  day: 'days',
  days: 'days',
  week: 'weeks',
  weeks: 'weeks',
  month: 'months',
  months: 'months',
  'working day': 'working-days',
  'working days': 'working-days',
  hour: 'hours',
  hours: 'hours',
  minute: 'minutes',
  minutes: 'minutes',
};

export function parseInterval(text: string): Interval | null {
  const m = /^\s*(\d+)\s+([a-z ]+?)\s*$/i.exec(text);
  if (!m) return null;
  const unit = UNIT_WORDS[m[2]!.toLowerCase().replace(/\s+/g, ' ')];
  const n = Number(m[1]);
  if (!unit || n <= 0) return null;
  return { n, unit };
}

export function describeInterval({ n, unit }: Interval): string {
  const word = unit === 'working-days' ? 'working day' : unit.slice(0, -1);
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A zod schema reading an interval written as text, limited to the given units. */
export function intervalSchema(...units: IntervalUnit[]): z.ZodType<Interval, string> {
  const allowed = units.map((u) => (u === 'working-days' ? 'working days' : u)).join(', ');
  return z.string().transform((text, ctx) => {
    const interval = parseInterval(text);
    if (!interval || !units.includes(interval.unit)) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not an interval in ${allowed} (for example "1 month" or "2 weeks")` });
      return z.NEVER;
    }
    return interval;
  }) as unknown as z.ZodType<Interval, string>;
}

/** The day an interval after `day` ends: the due date of something last done on `day`. */
export function addInterval(day: Day, interval: Interval): Day {
  switch (interval.unit) {
    case 'days':
      return day + interval.n;
    case 'weeks':
      return day + 7 * interval.n;
    case 'months':
      return addMonths(day, interval.n);
    case 'working-days':
      return addWorkingDays(day, interval.n);
    case 'hours':
    case 'minutes':
      throw new Error(`an interval in ${interval.unit} has no due date in days`);
  }
}
