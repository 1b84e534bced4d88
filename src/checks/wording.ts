/** Words that several checks' messages share. */
import type { FormattedFinding } from './check.js';

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

export const days = (n: number | null): string => `${n} day${n === 1 ? '' : 's'}`;

/** "… 12 days overdue" or, for a subject that has ended, "… 12 days overdue when it ended on X". */
export function overdueBy(f: FormattedFinding): string {
  const ended = f.details['endedOn'];
  return ended ? `${days(f.daysOverdue)} overdue when it ended on ${ended}` : `${days(f.daysOverdue)} overdue`;
}
