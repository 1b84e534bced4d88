/** Words that several checks' messages share. */
import type { FormattedFinding } from './check.js';
import { describeInterval, type Interval } from '../time/interval.js';

/** "since the last one on X" / "since the start of the audit window on X" / "since the start on X". */
export function since(f: FormattedFinding, what: string): string {
  switch (f.details['anchorKind']) {
    case 'event':
      return `since the last ${what} on ${f.lastDate}`;
    case 'window-start':
      return `in the audit window (from ${f.lastDate})`;
    default:
      return `since the start on ${f.lastDate}`;
  }
}

/** A rhythm in the words a team manager uses: "monthly", "fortnightly"; else "every 6 weeks". */
export function rhythmWords(every: Interval): string {
  const named: Record<string, string> = { '1 week': 'weekly', '2 weeks': 'fortnightly', '1 month': 'monthly', '3 months': 'quarterly', '12 months': 'annual', '1 year': 'annual' };
  return named[describeInterval(every)] ?? `every ${describeInterval(every)}`;
}

/** What falls due on a rhythm, in words: "monthly supervision", "case discussion for case 500071 every 2 months". */
export function dueEvery(every: Interval, thing = 'supervision'): string {
  const rhythm = rhythmWords(every);
  return rhythm.startsWith('every') ? `${thing} ${rhythm}` : `${rhythm} ${thing}`;
}

export const days = (n: number | null): string => `${n} day${n === 1 ? '' : 's'}`;

/** "… 12 days overdue" or, for a subject that has ended, "… 12 days overdue when it ended on X". */
export function overdueBy(f: FormattedFinding): string {
  const ended = f.details['endedOn'];
  return ended ? `${days(f.daysOverdue)} overdue when it ended on ${ended}` : `${days(f.daysOverdue)} overdue`;
}
