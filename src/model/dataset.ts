/**
 * All records of an audit with the indexes checks need: sessions by worker and discussions
 * by case in date order, allocations by worker and by case, plan episodes by case. Built
 * once; checks only read it. Case discussions and sessions, most of the rows, are held as
 * columns (model/record-table.ts).
 */
import type {
  Allocation,
  Case,
  CaseDecision,
  CaseDiscussion,
  CaseFileAudit,
  Incident,
  PlanEpisode,
  RecordKind,
  Residence,
  SourceRef,
  StaffRecord,
  SupervisionAgreement,
  SupervisionSession,
  SupervisorAssignment,
  Worker,
  WorkerPeriod,
} from './records.js';
import { CaseDiscussions } from './case-discussions.js';
import { SupervisionSessions } from './supervision-sessions.js';
import { isConflicting } from './supervisor-rows.js';
import { teamOn, workerHistories } from './workers.js';
import type { Day } from '../time/calendar.js';

/** The records of every kind as lists: how tests and the generator write them. */
export interface RecordLists {
  /** The rows of the workers exports: a period each. */
  workers: WorkerPeriod[];
  supervisors: SupervisorAssignment[];
  sessions: SupervisionSession[];
  agreements: SupervisionAgreement[];
  allocations: Allocation[];
  plans: PlanEpisode[];
  discussions: CaseDiscussion[];
  decisions: CaseDecision[];
  fileAudits: CaseFileAudit[];
  residences: Residence[];
  incidents: Incident[];
  staffRecords: StaffRecord[];
  /** Cases as the exports describe them; cases only named by plans or allocations are added. */
  cases: Case[];
}

/** The records read from the exports: case discussions and sessions, most of the rows, as columns (model/record-table.ts); the rest as lists. */
export interface Records extends Omit<RecordLists, 'discussions' | 'sessions'> {
  discussions: CaseDiscussions;
  sessions: SupervisionSessions;
}

export interface Dataset extends Records {
  /** Each worker once, with their periods. */
  workers: Worker[];
  /** The rows of the workers exports, as read: each a period (`workers` gathers them by worker). */
  workerRows: readonly WorkerPeriod[];
  /** The kinds of record some input file provided (a file with no rows still counts). */
  provided: ReadonlySet<RecordKind>;
  /**
   * The optional fields the input files carry, by kind of record: where no file has a column
   * for a field (a signature date, a duration), its absence from every record says nothing.
   * Undefined where not known (records made in code): every field counts as carried.
   */
  fields?: ReadonlyMap<RecordKind, ReadonlySet<string>>;
  workerById: ReadonlyMap<string, Worker>;
  caseById: ReadonlyMap<string, Case>;
  supervisorsByWorker: ReadonlyMap<string, SupervisorAssignment[]>;
  agreementsByWorker: ReadonlyMap<string, SupervisionAgreement[]>;
  allocationsByCase: ReadonlyMap<string, Allocation[]>;
  allocationsByWorker: ReadonlyMap<string, Allocation[]>;
  plansByCase: ReadonlyMap<string, PlanEpisode[]>;
  fileAuditsByCase: ReadonlyMap<string, CaseFileAudit[]>;
  /** Each worker's staff records, in date order. */
  staffRecordsByWorker: ReadonlyMap<string, StaffRecord[]>;
}

function groupSorted<T>(items: readonly T[], key: (t: T) => string, order: (a: T, b: T) => number): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  // Each list copied to its own length: a list grown by pushing keeps room for more (17 places
  // for 2 items), and a big authority has a hundred thousand of them.
  for (const [k, list] of map) map.set(k, list.sort(order).slice());
  return map;
}

/** Source order breaks ties, so that results never depend on the order files were read in. */
function bySource(a: SourceRef, b: SourceRef): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

export function buildDataset(
  records: Records,
  provided: Iterable<RecordKind>,
  service: Case['service'] = 'children',
  fields?: ReadonlyMap<RecordKind, ReadonlySet<string>>,
): Dataset {
  const caseById = new Map<string, Case>(records.cases.map((c) => [c.id, c]));
  for (const item of [...records.plans, ...records.allocations]) {
    if (!caseById.has(item.caseId)) caseById.set(item.caseId, { id: item.caseId, service, closed: null });
  }
  const byFrom = <T extends SourceRef & { from: Day }>(a: T, b: T): number =>
    a.from - b.from || bySource(a, b);
  const workers = workerHistories(records.workers);
  records.discussions.complete();
  records.sessions.complete();
  return {
    ...records,
    workers,
    workerRows: records.workers,
    cases: [...caseById.values()],
    provided: new Set(provided),
    ...(fields ? { fields } : {}),
    workerById: new Map(workers.map((w) => [w.id, w])),
    caseById,
    supervisorsByWorker: groupSorted(records.supervisors, (s) => s.workerId, byFrom),
    agreementsByWorker: groupSorted(records.agreements, (a) => a.workerId, (a, b) => a.signed - b.signed || bySource(a, b)),
    allocationsByCase: groupSorted(records.allocations, (a) => a.caseId, byFrom),
    allocationsByWorker: groupSorted(records.allocations, (a) => a.workerId, byFrom),
    plansByCase: groupSorted(records.plans, (p) => p.caseId, byFrom),
    fileAuditsByCase: groupSorted(records.fileAudits, (a) => a.caseId, (a, b) => a.date - b.date || bySource(a, b)),
    staffRecordsByWorker: groupSorted(records.staffRecords, (r) => r.workerId, (a, b) => a.date - b.date || bySource(a, b)),
  };
}

export function emptyRecords(): Records {
  return { workers: [], supervisors: [], sessions: new SupervisionSessions(), agreements: [], allocations: [], plans: [], discussions: new CaseDiscussions(), decisions: [], fileAudits: [], residences: [], incidents: [], staffRecords: [], cases: [] };
}

/** Whether some input file carries a column for a field of a kind of record (every field, where that is not known). */
export function carries(dataset: Dataset, kind: RecordKind, field: string): boolean {
  return dataset.fields === undefined || (dataset.fields.get(kind)?.has(field) ?? false);
}

/** Whether an interval [from, to] (to null = open) covers a day. */
export function covers(item: { from: Day; to: Day | null }, day: Day): boolean {
  return item.from <= day && (item.to === null || item.to >= day);
}

/** A worker's team on a day (model/workers.ts, teamOn); null for a worker in no workers export. */
export function teamOfWorkerOn(dataset: Dataset, workerId: string | null, day: Day): string | null {
  const worker = workerId === null ? undefined : dataset.workerById.get(workerId);
  return worker === undefined ? null : teamOn(worker, day);
}

/**
 * The worker's named supervisor on a day: the latest assignment covering it; none where rows of
 * one start named two supervisors. (One who has since left is still the one named: the
 * named-supervisor rule finds that, and other rules' findings say whose supervisee it is.)
 */
export function supervisorOn(dataset: Dataset, workerId: string, day: Day): SupervisorAssignment | null {
  const found = assignmentOn(dataset, workerId, day);
  return found === null || isConflicting(found) ? null : found;
}

/** The latest assignment covering the day, as the rows say, whoever it names. */
export function assignmentOn(dataset: Dataset, workerId: string, day: Day): SupervisorAssignment | null {
  const list = dataset.supervisorsByWorker.get(workerId);
  if (!list) return null;
  let found: SupervisorAssignment | null = null;
  for (const a of list) {
    if (a.from > day) break;
    if (covers(a, day)) found = a;
  }
  return found;
}

/** The last day in post of a supervisor who is a known worker and had left before the day; else null. */
export function supervisorLeftBy(dataset: Dataset, supervisorId: string, day: Day): Day | null {
  const end = dataset.workerById.get(supervisorId)?.periods.at(-1)!.end ?? null;
  return end !== null && end < day ? end : null;
}

/** The worker allocated to a case on a day: the latest allocation covering it. */
export function allocatedOn(dataset: Dataset, caseId: string, day: Day): Allocation | null {
  const list = dataset.allocationsByCase.get(caseId);
  if (!list) return null;
  let found: Allocation | null = null;
  for (const a of list) {
    if (a.from > day) break;
    if (covers(a, day)) found = a;
  }
  return found;
}
