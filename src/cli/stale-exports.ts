/**
 * An audit date well after the exports' last supervision: exports downloaded weeks ago and audited
 * to today read everything due since as overdue. Said on the terminal, with the date to audit to.
 * Only a quiet spell longer than any the exports had before counts: a small service that meets
 * monthly has weeks with no supervision in any export.
 */
import type { Dataset } from '../model/dataset.js';
import { formatDay, type Day } from '../time/calendar.js';

/** Days between the latest supervision and the audit date that are said at the least. */
export const STALE_AFTER_DAYS = 14;
/** How far back from the latest supervision the exports' quiet spells are looked at. */
const USUAL_SPELLS_DAYS = 91;

/** The days with a supervision session or case discussion in the exports (none is after the audit date). */
function supervisionDays(dataset: Dataset): Day[] {
  const days = new Set<Day>();
  for (const table of [dataset.sessions, dataset.discussions]) for (let row = 0; row < table.length; row++) days.add(table.dateOf(row));
  return [...days].sort((a, b) => a - b);
}

/** The latest day of a supervision in the exports, and the longest quiet spell in the 91 days before it; null when there is none. */
export function latestSupervision(dataset: Dataset): { latest: Day; longestQuiet: number } | null {
  const days = supervisionDays(dataset);
  if (days.length === 0) return null;
  const latest = days[days.length - 1]!;
  let longestQuiet = 0;
  for (let i = days.length - 1; i > 0 && days[i]! > latest - USUAL_SPELLS_DAYS; i--) longestQuiet = Math.max(longestQuiet, days[i]! - days[i - 1]!);
  return { latest, longestQuiet };
}

/** The warning line for exports whose latest supervision is longer before the audit date than STALE_AFTER_DAYS and than any quiet spell before it, or null. */
export function staleExportsLine(dataset: Dataset, asOf: Day): string | null {
  const found = latestSupervision(dataset);
  if (found === null) return null;
  const gap = asOf - found.latest;
  if (gap <= STALE_AFTER_DAYS || gap <= found.longestQuiet) return null;
  const day = formatDay(found.latest);
  return `supervision-audit: the exports' latest supervision session or case discussion is on ${day}, ${gap} days before the audit date ${formatDay(asOf)}: if they were downloaded then, audit to that day (--as-of ${day}), as anything due since reads as overdue\n`;
}
