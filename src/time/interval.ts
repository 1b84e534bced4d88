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

/**
 * The longest interval of each unit a policy can mean: ten years, in working days too. A longer
 * one is a slip of the keyboard, and would make an audit walk day by day for ever.
 */
export const LONGEST: Readonly<Record<IntervalUnit, number>> = {
  days: 3653,
  weeks: 522,
  months: 120,
  'working-days': 2530,
  hours: 87_660,
  minutes: 5_259_600,
};

const EXAMPLES: Readonly<Record<IntervalUnit, string>> = {
  days: '14 days',
  weeks: '2 weeks',
  months: '1 month',
  'working-days': '5 working days',
  hours: '72 hours',
  minutes: '90 minutes',
};

/** A unit as a policy writes it: "working days". */
export const unitWords = (unit: IntervalUnit): string => (unit === 'working-days' ? 'working days' : unit);

/** The units each interval schema accepts, for the check reference (policies checks). */
export const INTERVAL_UNITS = new WeakMap<z.ZodType, readonly IntervalUnit[]>();

/** A zod schema reading an interval written as text, limited to the given units and to ten years. */
export function intervalSchema(...units: IntervalUnit[]): z.ZodType<Interval, string> {
  const allowed = units.map(unitWords).join(', ');
  const examples = units.slice(0, 2).map((u) => `"${EXAMPLES[u]}"`).join(' or ');
  const schema = z.string().transform((text, ctx) => {
    const interval = parseInterval(text);
    if (!interval || !units.includes(interval.unit)) {
      // A fraction ("1.5 hours") is written as a whole number of a smaller unit.
      const fraction = /^\s*\d*[.,]\d+\s*[a-z]/i.test(text);
      ctx.addIssue({ code: 'custom', message: `"${text}" is not ${fraction ? 'a whole number of' : 'an interval in'} ${allowed} (for example ${examples})` });
      return z.NEVER;
    }
    if (interval.n > LONGEST[interval.unit]) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is longer than a policy can mean: at most ${LONGEST[interval.unit]} ${unitWords(interval.unit)} (ten years)` });
      return z.NEVER;
    }
    return interval;
  }) as unknown as z.ZodType<Interval, string>;
  INTERVAL_UNITS.set(schema, units);
  return schema;
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
