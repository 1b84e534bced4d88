/**
 * Rows of a supervisors export that cannot both be true (REQUIREMENTS.md, "Named supervisors"):
 * two rows of one worker with the same start that name different supervisors. Neither is used
 * from that day on: the worker has no named supervisor until a later row starts, rather than
 * the one whose row happens to come later in the file. The mark is kept beside the records
 * (which cross threads in a fixed shape), on the one row of the pair that stays.
 */
import type { Dataset } from './dataset.js';
import type { DataIssue } from './issues.js';
import type { SourceRef, SupervisorAssignment } from './records.js';
import { formatDay } from '../time/calendar.js';

const conflicting = new WeakSet<SupervisorAssignment>();

/** Whether the assignment is a start on which rows named different supervisors. */
export function isConflicting(assignment: SupervisorAssignment): boolean {
  return conflicting.has(assignment);
}

/**
 * The rows with each clash of one worker's start kept once, marked, and the other rejected with
 * a data issue naming both lines and supervisors; rows repeated with the same supervisor are
 * left to the loader.
 */
export function oneSupervisorPerStart(rows: SupervisorAssignment[], reject: (row: SupervisorAssignment, field: string, value: string, problem: string) => void): SupervisorAssignment[] {
  const first = new Map<string, SupervisorAssignment>();
  let dropped: Set<SupervisorAssignment> | null = null;
  for (const row of rows) {
    const key = `${row.workerId}\u0000${row.from}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, row);
      continue;
    }
    if (earlier.supervisorId === row.supervisorId) continue;
    conflicting.add(earlier);
    (dropped ??= new Set()).add(row);
    reject(
      row,
      'supervisorId',
      row.supervisorId,
      `worker ${row.workerId} has two supervisors from ${formatDay(row.from)}: ${earlier.supervisorId} (${earlier.file} line ${earlier.line}) and ${row.supervisorId} (line ${row.line}); neither is used, so from that day they have no named supervisor until a later row starts`,
    );
  }
  return dropped === null ? rows : rows.filter((row) => !dropped.has(row));
}

/**
 * Sessions recorded as held by a supervisor after their own last day in post (the workers
 * export's end of their last period): one of the two dates is wrong. The session is kept (the
 * supervisee may well have been supervised; by whom is what is in doubt), with an issue each.
 */
export function sessionsAfterSupervisorLeft(dataset: Dataset, columnOf: (source: SourceRef, field: string) => string): DataIssue[] {
  const found: DataIssue[] = [];
  const leftOn = new Map<string, number>();
  for (const worker of dataset.workers) {
    const end = worker.periods.at(-1)!.end;
    if (end !== null) leftOn.set(worker.id, end);
  }
  if (leftOn.size === 0) return found;
  for (const session of dataset.sessions) {
    const end = session.supervisorId === null ? undefined : leftOn.get(session.supervisorId);
    if (end === undefined || session.date <= end) continue;
    found.push({
      file: session.file,
      line: session.line,
      field: columnOf(session, 'supervisorId'),
      value: session.supervisorId!,
      problem: `held by supervisor ${session.supervisorId} on ${formatDay(session.date)}, after their last day in post (${formatDay(end)} in the workers export): check either date; the session is kept`,
      effect: 'kept',
    });
  }
  return found;
}
