/** The finding of a gap in a chain of due dates, as every "at least every N" check reports it. */
import type { CheckFinding, OpenItem } from './check.js';
import { supervisorOn, type Dataset } from '../model/dataset.js';
import { formatDay, type Day } from '../time/calendar.js';
import type { Gap, OpenDue } from './chain.js';
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
 * A chain's events by their place in its dates: a list of records, or where each of a table's
 * rows was read (model/record-table.ts, `citing`), made only for the one or two a finding cites.
 */
export type ChainEvents = ReadonlyArray<SourceRef> | ((index: number) => SourceRef | undefined);

function eventAt(events: ChainEvents, index: number | null): SourceRef | undefined {
  if (index === null) return undefined;
  return typeof events === 'function' ? events(index) : events[index];
}

/**
 * A `late` or `overdue` finding from a gap, its source the late event, then the anchor event,
 * then the subject; its details what `since` and `overdueBy` in wording.ts need.
 */
export function chainFinding(gap: Gap, events: ChainEvents, parts: ChainFindingParts): CheckFinding {
  const anchor = eventAt(events, gap.anchorIndex);
  const late = eventAt(events, gap.eventIndex);
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
  events: ChainEvents,
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

/**
 * The open item of a chain, its source the anchor event (where it is one), then the subject's
 * own rows. A chain that runs from the window's start has no last event to name. The
 * look-ahead decides whether to list it.
 */
export function chainOpenItem(due: OpenDue, events: ChainEvents, parts: Omit<OpenItem, 'dueDate' | 'lastDate'>): OpenItem {
  const anchor = eventAt(events, due.anchorIndex);
  const lastDate = due.anchorKind === 'window-start' ? null : due.lastDate;
  return { ...parts, dueDate: due.dueDate, lastDate, source: [anchor, ...parts.source].filter((s) => s !== undefined) };
}

/** The open item of a chain over a stretch of a worker's time in post: their team and supervisor on the audit date. */
export function workerOpenItem(
  due: OpenDue,
  events: ChainEvents,
  stretch: Stretch,
  parts: { dataset: Dataset; window: AuditWindow; what: string; part?: string; supervisorId?: string | null; start?: Day; end?: Day | null },
): OpenItem {
  const { worker } = stretch;
  const { asOf } = parts.window;
  return chainOpenItem(due, events, {
    subject: { kind: 'worker', id: worker.id },
    ...(parts.part === undefined ? {} : { part: parts.part }),
    workerId: worker.id,
    supervisorId: parts.supervisorId === undefined ? (supervisorOn(parts.dataset, worker.id, asOf)?.supervisorId ?? null) : parts.supervisorId,
    team: teamOn(worker, asOf),
    what: parts.what,
    start: parts.start ?? stretch.start,
    end: parts.end === undefined ? stretch.end : parts.end,
    source: [periodOn(worker, asOf)],
  });
}
