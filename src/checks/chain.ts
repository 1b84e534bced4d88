/**
 * The chain of due dates of REQUIREMENTS.md, "Timing semantics", written once for every
 * check that asks "was X done at least every N?".
 *
 * The chain starts at an anchor: the last qualifying event on or before the window start,
 * or, when there is none, the later of the window start and the subject's own start. Each
 * next due date is the anchor plus the interval in force on the anchor date; every event up
 * to the audit date (or the subject's end) becomes the next anchor. A gap is reported when
 * the subject was out of compliance on at least one day of the window.
 */
import type { Day } from '../time/calendar.js';
import type { AuditWindow } from '../time/window.js';

export interface ChainSubject {
  /** The first day anything can be due from (start in post, episode start...). */
  start: Day;
  /** The last day of the subject, inclusive; null while it goes on. */
  end: Day | null;
  /** Days of the qualifying events, ascending (a list, or a table's column of them). Events outside [start, asOf] are not counted. */
  events: ArrayLike<Day>;
  /** The due date of the next event after an anchor, or null when nothing falls due. */
  dueAfter(anchor: Day): Day | null;
}

export type AnchorKind = 'event' | 'window-start' | 'subject-start';

export interface Gap {
  status: 'late' | 'overdue';
  /** The anchor: the event (or start) the due date runs from. */
  lastDate: Day;
  anchorKind: AnchorKind;
  /** Index in `events` of the anchor event, when it is one. */
  anchorIndex: number | null;
  dueDate: Day;
  /** The late event, for `late`. */
  eventDate: Day | null;
  eventIndex: number | null;
  /** Days past the due date up to the late event, or to the audit date (or the subject's end). */
  daysOverdue: number;
}

/** Whether the subject existed on some day of the window. */
export function activeInWindow(start: Day, end: Day | null, window: AuditWindow): boolean {
  return start <= window.asOf && (end === null || end >= window.from);
}

/** Where a chain stopped: the due date after its last event on or before the audit date (or its start), and that anchor. */
export interface OpenDue {
  dueDate: Day;
  lastDate: Day;
  anchorKind: AnchorKind;
  anchorIndex: number | null;
}

/**
 * The gaps of a chain in the window; `open`, where given, is told the open item the chain
 * reaches when it stops (the next due date after the last event up to the audit date), if
 * anything falls due then.
 */
export function evaluateChain(subject: ChainSubject, window: AuditWindow, open?: (due: OpenDue) => void): readonly Gap[] {
  const { start, end, events } = subject;
  if (!activeInWindow(start, end, window)) return NO_GAPS;
  const last = end === null ? window.asOf : Math.min(end, window.asOf);

  // The anchor: the last event in [start, window.from], else the later of start and window.from.
  let i = 0;
  while (i < events.length && events[i]! < start) i++;
  let anchor = Math.max(start, window.from);
  let anchorKind: AnchorKind = start >= window.from ? 'subject-start' : 'window-start';
  let anchorIndex: number | null = null;
  while (i < events.length && events[i]! <= window.from) {
    anchor = events[i]!;
    anchorKind = 'event';
    anchorIndex = i;
    i++;
  }

  // Most chains have no gap: a list is made for the first one found.
  let gaps: Gap[] | null = null;
  for (;;) {
    while (i < events.length && events[i]! <= anchor) i++;
    const due = subject.dueAfter(anchor);
    if (due === null) break;
    const next = i < events.length && events[i]! <= last ? events[i]! : null;
    if (next === null) {
      if (last > due) {
        (gaps ??= []).push({ status: 'overdue', lastDate: anchor, anchorKind, anchorIndex, dueDate: due, eventDate: null, eventIndex: null, daysOverdue: last - due });
      }
      open?.({ dueDate: due, lastDate: anchor, anchorKind, anchorIndex });
      break;
    }
    if (next > due) {
      (gaps ??= []).push({ status: 'late', lastDate: anchor, anchorKind, anchorIndex, dueDate: due, eventDate: next, eventIndex: i, daysOverdue: next - due });
    }
    anchor = next;
    anchorKind = 'event';
    anchorIndex = i;
  }
  return gaps ?? NO_GAPS;
}

const NO_GAPS: readonly Gap[] = Object.freeze([]);
