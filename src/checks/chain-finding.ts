/** The finding of a gap in a chain of due dates, as every "at least every N" check reports it. */
import type { CheckFinding } from './check.js';
import { formatDay, type Day } from '../time/calendar.js';
import type { Gap } from './chain.js';
import type { AuditWindow } from '../time/window.js';
import type { SourceRef } from '../model/records.js';
import { periodOn, teamOn, type Stretch } from '../model/workers.js';

export interface ChainFindingParts {
  subject: CheckFinding['subject'];
  workerId: string | null;
  supervisorId: string | null;
  team: string | null;
  /** The subject's last day, for "overdue when it ended on …". */
  end: Day | null;
  window: AuditWindow;
  /** The check's own words for its messages. */
  details: CheckFinding['details'];
  /** Rows the finding rests on besides the events: the subject's own row. */
  source: SourceRef[];
}

/**
 * A `late` or `overdue` finding from a gap, its source the late event, then the anchor event,
 * then the subject; its details what `since` and `overdueBy` in wording.ts need.
 */
export function chainFinding(gap: Gap, events: ReadonlyArray<SourceRef>, parts: ChainFindingParts): CheckFinding {
  const anchor = gap.anchorIndex === null ? undefined : events[gap.anchorIndex];
  const late = gap.eventIndex === null ? undefined : events[gap.eventIndex];
  return {
    status: gap.status,
    subject: parts.subject,
    workerId: parts.workerId,
    supervisorId: parts.supervisorId,
    team: parts.team,
    dueDate: gap.dueDate,
    lastDate: gap.lastDate,
    daysOverdue: gap.daysOverdue,
    details: {
      ...parts.details,
      anchorKind: gap.anchorKind,
      eventDate: gap.eventDate === null ? null : formatDay(gap.eventDate),
      endedOn: gap.status === 'overdue' && parts.end !== null && parts.end < parts.window.asOf ? formatDay(parts.end) : null,
    },
    source: [late, anchor, ...parts.source].filter((s) => s !== undefined),
  };
}

/**
 * A chain finding whose subject is a worker, judged over a stretch of their time in post: the
 * row of the period in force on the due date is cited after the events, and the team is the
 * worker's on the audit date. `end` is the stretch's last day unless the chain ends sooner (a
 * period under one supervisor).
 */
export function workerChainFinding(
  gap: Gap,
  events: ReadonlyArray<SourceRef>,
  stretch: Stretch,
  parts: Pick<ChainFindingParts, 'supervisorId' | 'window' | 'details'> & { end?: Day | null },
): CheckFinding {
  const { worker } = stretch;
  return chainFinding(gap, events, {
    subject: { kind: 'worker', id: worker.id },
    workerId: worker.id,
    supervisorId: parts.supervisorId,
    team: teamOn(worker, parts.window.asOf),
    end: parts.end === undefined ? stretch.end : parts.end,
    window: parts.window,
    details: parts.details,
    source: [periodOn(worker, gap.dueDate)],
  });
}
