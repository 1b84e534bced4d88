/** Tiny record builders for check tests: ISO dates in, model records out. */
import { parseIsoDay, londonInstant, endOfLondonDay, formatDay } from '../../src/time/calendar.js';
import { buildDataset, emptyRecords, type Dataset, type RecordLists } from '../../src/model/dataset.js';
import { CaseDiscussions } from '../../src/model/case-discussions.js';
import { SupervisionSessions } from '../../src/model/supervision-sessions.js';
import type {
  Allocation,
  CaseDecision,
  CaseFileAudit,
  Incident,
  CaseDiscussion,
  PlanEpisode,
  RecordKind,
  Residence,
  SupervisionAgreement,
  SupervisionSession,
  StaffRecord,
  SupervisorAssignment,
  WorkerPeriod,
} from '../../src/model/records.js';
import { evaluateToList, type Check } from '../../src/checks/check.js';
import { EVERYONE } from '../../src/audit/scope.js';
import { formatFinding } from '../../src/audit/audit.js';
import { RECORD_KINDS } from '../../src/model/records.js';

export const day = (iso: string): number => {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
};
const maybeDay = (iso: string | null | undefined): number | null => (iso ? day(iso) : null);

/** "2026-01-10" (end of day) or "2026-01-10 14:30" (London time). */
export const at = (text: string): number => {
  const [date, time] = text.split(' ');
  if (!time) return endOfLondonDay(day(date!));
  const [h, m] = time.split(':').map(Number);
  return londonInstant(day(date!), h! * 3600 + m! * 60);
};

let line = 1;
const source = () => ({ file: 'test.csv', line: ++line });

/** A row of a workers export: a worker with one row, or one period of a worker with several. */
export function worker(o: Partial<Omit<WorkerPeriod, 'start' | 'end' | 'asyeStart'>> & { id: string; start?: string; end?: string; asyeStart?: string }): WorkerPeriod {
  return {
    staffNumber: null,
    role: 'practitioner',
    profession: 'social-work',
    name: null,
    team: 'Team A',
    service: null,
    ...o,
    start: day(o.start ?? '2020-01-01'),
    end: maybeDay(o.end),
    asyeStart: maybeDay(o.asyeStart),
    ...source(),
  } as WorkerPeriod;
}

type SessionInput = Partial<Omit<SupervisionSession, 'date' | 'startAt' | 'recordedAt'>> & {
  worker: string;
  on: string;
  recorded?: string;
};

let sessionCount = 0;
export function session(o: SessionInput): SupervisionSession {
  const [date] = o.on.split(' ');
  const { worker: workerId, on, recorded, ...rest } = o;
  return {
    id: `S${++sessionCount}`,
    workerId,
    supervisorId: 'M1',
    kind: 'planned',
    status: 'held',
    cancelReasonGiven: false,
    durationMinutes: 90,
    diversityDiscussed: true,
    topics: [],
    supervisorSignedAt: null,
    superviseeSignedAt: null,
    superviseeDisagreed: false,
    ...rest,
    date: day(date!),
    startAt: at(on),
    recordedAt: recorded ? at(recorded) : null,
    ...source(),
  };
}

/** Held planned sessions on each date. */
export const held = (workerId: string, ...dates: string[]): SupervisionSession[] => dates.map((on) => session({ worker: workerId, on }));

export function assignment(workerId: string, supervisorId: string, from: string, to?: string): SupervisorAssignment {
  return { workerId, supervisorId, from: day(from), to: maybeDay(to), ...source() };
}

export function agreement(workerId: string, supervisorId: string, signed: string, reviewed?: string): SupervisionAgreement {
  return { workerId, supervisorId, signed: day(signed), reviewed: maybeDay(reviewed), ...source() };
}

export function allocation(caseId: string, workerId: string, from: string, to?: string): Allocation {
  return { caseId, workerId, from: day(from), to: maybeDay(to), ...source() };
}

export function plan(caseId: string, type: PlanEpisode['type'], from: string, to?: string, flags: Partial<PlanEpisode['flags']> = {}): PlanEpisode {
  return {
    caseId,
    type,
    from: day(from),
    to: maybeDay(to),
    flags: { permanence: false, stablePlacement: false, disabilityOnly: false, longTermPlacement: false, ...flags },
    ...source(),
  };
}

let discussionCount = 0;
export function discussion(caseId: string, on: string, o: Partial<CaseDiscussion> = {}): CaseDiscussion {
  const [date] = on.split(' ');
  return {
    id: `D${++discussionCount}`,
    caseId,
    workerId: 'W1',
    supervisorId: 'M1',
    kind: 'supervision',
    status: 'held',
    sessionId: null,
    recordedAt: null,
    supervisorSignedAt: null,
    superviseeSignedAt: null,
    ...o,
    date: day(date!),
    startAt: at(on),
    ...source(),
  };
}

export function incident(id: string, caseId: string, on: string, resolved?: string): Incident {
  return { id, caseId, date: day(on), resolved: maybeDay(resolved), ...source() };
}

export function residence(childId: string, home: string, from: string, to?: string): Residence {
  return { childId, home, from: day(from), to: maybeDay(to), ...source() };
}

let auditCount = 0;
export function fileAudit(caseId: string, on: string, auditorId: string | null = 'M1'): CaseFileAudit {
  return { id: `F${++auditCount}`, caseId, date: day(on), auditorId, ...source() };
}

let decisionCount = 0;
export function decision(caseId: string, on: string, kind: CaseDecision['kind'], workerId: string | null = 'W1'): CaseDecision {
  return { id: `X${++decisionCount}`, caseId, date: day(on), kind, workerId, ...source() };
}

/** A staff record: `registration('W1', 'SWE_REGISTRATION', from, to)`, or any other type on a date. */
export function registration(workerId: string, type: 'SWE_REGISTRATION' | 'HCPC_REGISTRATION', from: string, until: string): StaffRecord {
  return { workerId, type, date: day(from), validUntil: day(until), course: null, ...source() };
}

export function staffRecord(workerId: string, type: Exclude<StaffRecord['type'], 'SWE_REGISTRATION' | 'HCPC_REGISTRATION'>, on: string, course: string | null = null): StaffRecord {
  return { workerId, type, date: day(on), validUntil: null, course: type === 'TRAINING' ? course : null, ...source() };
}

export function dataset(records: Partial<RecordLists>, provided: readonly RecordKind[] = RECORD_KINDS): Dataset {
  // Discussions and sessions are held as tables (model/record-table.ts).
  return buildDataset({ ...emptyRecords(), ...records, discussions: CaseDiscussions.of(records.discussions ?? []), sessions: SupervisionSessions.of(records.sessions ?? []) }, provided);
}

export interface Window {
  from: string;
  asOf: string;
}

/** Runs one check and returns its findings in the shape a test can state exactly. */
export function run(check: Check, params: unknown, data: Dataset, window: Window) {
  const parsed = check.params.parse(params);
  const result = evaluateToList(check, data, parsed, { window: { from: day(window.from), asOf: day(window.asOf) }, scope: EVERYONE });
  const rule = { requirement: 'TST-1', clause: 'Test 1', words: 'test', reading: null, check, params: parsed };
  return {
    subjects: result.subjects,
    findings: result.findings.map((f) => {
      const formatted = formatFinding(rule, f);
      return {
        status: formatted.status,
        subject: formatted.subject.id,
        ...(formatted.dueDate !== null ? { dueDate: formatted.dueDate } : {}),
        ...(formatted.daysOverdue !== null ? { daysOverdue: formatted.daysOverdue } : {}),
        message: formatted.message,
      };
    }),
  };
}

export { formatDay };
