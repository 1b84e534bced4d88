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
import { formatDay, type Day } from '../time/calendar.js';

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
  const { sessions } = dataset;
  for (let row = 0; row < sessions.length; row++) {
    const supervisorId = sessions.supervisorIdOf(row);
    const end = supervisorId === null ? undefined : leftOn.get(supervisorId);
    const date = sessions.dateOf(row);
    if (end === undefined || date <= end) continue;
    const source = sessions.sourceOf(row);
    found.push({
      file: source.file,
      line: source.line,
      field: columnOf(source, 'supervisorId'),
      value: supervisorId!,
      problem: `held by supervisor ${supervisorId} on ${formatDay(date)}, after their last day in post (${formatDay(end)} in the workers export): check either date; the session is kept`,
      effect: 'kept',
    });
  }
  return found;
}

/**
 * Supervisors a rule judges as supervisors (a staff-record rule of the pseudo-role
 * `supervisors`: their training) who are in no workers export: they cannot be its subjects, and
 * would otherwise drop out of it unseen. One issue per supervisor, at the first supervisors row
 * that names them as supervising someone in the window (what makes them a subject); the row
 * still counts for the worker it assigns. Where their own workers row was rejected, that row is
 * named, as for any record of theirs.
 */
export function supervisorsInNoWorkersFile(
  dataset: Dataset,
  requirements: readonly string[],
  window: { from: Day; asOf: Day },
  columnOf: (source: SourceRef, field: string) => string,
  rejectedRow: (id: string) => { file: string; line: number; why: string } | undefined,
): DataIssue[] {
  if (requirements.length === 0) return [];
  const rules = requirements.length === 1 ? `the rule ${requirements[0]}` : `the rules ${requirements.slice(0, -1).join(', ')} and ${requirements.at(-1)}`;
  const found: DataIssue[] = [];
  const named = new Set<string>();
  for (const a of dataset.supervisors) {
    if (a.from > window.asOf || (a.to !== null && a.to < window.from) || isConflicting(a)) continue;
    if (dataset.workerById.has(a.supervisorId) || named.has(a.supervisorId)) continue;
    named.add(a.supervisorId);
    const row = rejectedRow(a.supervisorId);
    const why = row ? `supervisor ${a.supervisorId}'s own row in ${row.file}, line ${row.line}, was rejected (${row.why})` : `supervisor ${a.supervisorId} is not in any workers file`;
    found.push({
      file: a.file,
      line: a.line,
      field: columnOf(a, 'supervisorId'),
      value: a.supervisorId,
      problem: `${why}, so ${rules}, which ${requirements.length === 1 ? 'judges' : 'judge'} every supervisor, cannot judge them${row ? ' until it is corrected' : ''}; the row still counts for worker ${a.workerId}`,
      effect: 'kept',
    });
  }
  return found;
}
