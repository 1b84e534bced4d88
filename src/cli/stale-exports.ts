/**
 * An audit date well after the exports' last supervision: exports downloaded weeks ago and audited
 * to today read everything due since as overdue. Said on the terminal, with the date to audit to.
 */
import type { Dataset } from '../model/dataset.js';
import { formatDay, type Day } from '../time/calendar.js';

/** Days between the latest supervision and the audit date past which the exports are taken to end before it. */
export const STALE_AFTER_DAYS = 14;

/** The latest day of a supervision session or case discussion in the exports (none is after the audit date); null when there is none. */
export function latestSupervision(dataset: Dataset): Day | null {
  let latest: Day | null = null;
  for (const table of [dataset.sessions, dataset.discussions]) {
    for (let row = 0; row < table.length; row++) {
      const day = table.dateOf(row);
      if (latest === null || day > latest) latest = day;
    }
  }
  return latest;
}

/** The warning line for exports whose latest supervision is more than STALE_AFTER_DAYS before the audit date, or null. */
export function staleExportsLine(dataset: Dataset, asOf: Day): string | null {
  const latest = latestSupervision(dataset);
  if (latest === null || asOf - latest <= STALE_AFTER_DAYS) return null;
  const day = formatDay(latest);
  return `supervision-audit: the exports' latest supervision session or case discussion is on ${day}, ${asOf - latest} days before the audit date ${formatDay(asOf)}: if they were downloaded then, audit to that day (--as-of ${day}), as anything due since reads as overdue\n`;
}
