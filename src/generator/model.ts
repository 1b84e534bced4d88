/**
 * The logical dataset the generator makes before writing it in a system's layout: the
 * common model's records with dates as ISO text (YYYY-MM-DD, or YYYY-MM-DD HH:MM for times),
 * and the free text a real export carries (names, notes), so that writers can produce real
 * exports and tests can check that free text never reaches a report.
 */
import type { DecisionKind, DiscussionKind, PlanFlag, PlanType, Role, StaffRecordType } from '../model/records.js';

export interface GenWorker {
  id: string;
  firstNames: string;
  lastNames: string;
  /** The job title as the export writes it (mapped to a role by the adapter). */
  title: string;
  role: Role;
  team: string;
  service: string;
  profession: 'Social Work' | 'Occupational Therapy' | 'Other';
  start: string;
  end: string | null;
  asyeStart: string | null;
  /**
   * A worker whose role or team changed: a row each, in order, as a workers export holds them
   * (REQUIREMENTS.md, "Workers over time"). The worker's own start, end, title, role and team
   * are then the first start, the last end and the latest period's.
   */
  periods?: GenPeriod[];
}

export interface GenPeriod {
  start: string;
  end: string | null;
  title: string;
  role: Role;
  team: string;
}

/** The rows a workers export holds for a worker: one per period. */
export function workerRows(worker: GenWorker): GenPeriod[] {
  return worker.periods ?? [{ start: worker.start, end: worker.end, title: worker.title, role: worker.role, team: worker.team }];
}

/** The HR system's staff number of a worker, as the workers exports carry it and an HR export may name them by. */
export const staffNumberOf = (workerId: string): string => `S${workerId}`;

export interface GenAssignment {
  workerId: string;
  supervisorId: string;
  start: string;
  end: string | null;
}

export type GenSessionKind = 'planned' | 'ad-hoc' | 'group' | 'professional';
export type GenSessionStatus = 'held' | 'cancelled' | 'postponed' | 'did-not-attend' | 'incomplete';

export interface GenSession {
  id: string;
  kind: GenSessionKind;
  workerId: string;
  supervisorId: string;
  status: GenSessionStatus;
  at: string;
  durationMinutes: number | null;
  cancelReason: string | null;
  recorded: string | null;
  supervisorSigned: string | null;
  workerSigned: string | null;
  /** The supervisee answered that they do not agree with the record (on `workerSigned`); AzeusCare alone can say so. */
  workerDisagreed?: boolean;
  diversity: boolean | null;
  topics: string[];
  notes: string;
  wellbeing: string;
}

export interface GenAgreement {
  workerId: string;
  supervisorId: string;
  signed: string;
  reviewed: string | null;
}

export interface GenAllocation {
  personId: string;
  workerId: string;
  start: string;
  end: string | null;
  /** false: another kind of involvement (a second worker, a student), not the allocated worker. */
  allocated: boolean;
}

export interface GenPlan {
  personId: string;
  type: PlanType;
  start: string;
  end: string | null;
  flags: Record<PlanFlag, boolean>;
}

export interface GenCaseStep {
  id: string;
  personId: string;
  kind: { discussion: DiscussionKind } | { decision: DecisionKind } | { audit: 'case-file' };
  workerId: string;
  supervisorId: string;
  status: 'held' | 'cancelled' | 'incomplete';
  at: string;
  recorded: string | null;
  supervisorSigned: string | null;
  workerSigned: string | null;
  sessionId: string | null;
  notes: string;
}

/** What a case step is, as one word: the discussion, decision or audit it records. */
export function stepKind(step: GenCaseStep): DiscussionKind | DecisionKind | 'case-file' {
  const kind = step.kind;
  return 'discussion' in kind ? kind.discussion : 'decision' in kind ? kind.decision : kind.audit;
}

export interface GenResidence {
  personId: string;
  home: string;
  start: string;
  end: string | null;
}

export interface GenIncident {
  id: string;
  personId: string;
  date: string;
  resolved: string | null;
  type: string;
}

/** A record of the HR system or learning platform. */
export interface GenStaffRecord {
  workerId: string;
  type: StaffRecordType;
  date: string;
  validUntil: string | null;
  /** A registration number, or the code of a course completed. */
  reference: string | null;
  /** What else an HR record holds (an outcome, a note): exported, never read. */
  note: string;
}

/** How an HR system words record types and courses; the authority's adapter.yaml maps them back. */
export interface HrWords {
  types: Record<StaffRecordType, string>;
  courses: Record<string, string>;
}

export interface GenDataset {
  /** The audit date the data is made for. */
  asOf: string;
  /** Staff records, where made apart from the workers (samples plant problems in them); else made from the workers when written. */
  staffRecords?: GenStaffRecord[];
  /** The HR system's words, where not the reference layout's codes. */
  hrWords?: HrWords;
  workers: GenWorker[];
  assignments: GenAssignment[];
  sessions: GenSession[];
  agreements: GenAgreement[];
  allocations: GenAllocation[];
  plans: GenPlan[];
  caseSteps: GenCaseStep[];
  residences: GenResidence[];
  incidents: GenIncident[];
}
