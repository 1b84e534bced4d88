/**
 * What the checks of staff records share: the words for a record type, a worker's records of
 * some types, the days a worker's registrations cover, and who supervises (the pseudo-role
 * `supervisors`: every worker named as someone's supervisor in the window).
 */
import { z } from 'zod';
import { activeInWindow } from './chain.js';
import type { CheckContext } from './check.js';
import { memo, remembered, type Held } from './held.js';
import { stretchesInRoles } from './params.js';
import type { Stretch } from '../model/workers.js';
import type { Dataset } from '../model/dataset.js';
import { PROFESSIONS, ROLES, STAFF_RECORD_TYPES, type Role, type StaffRecord, type StaffRecordType, type Worker } from '../model/records.js';
import type { Day } from '../time/calendar.js';
import { isConflicting } from '../model/supervisor-rows.js';

export const recordTypes = z.array(z.enum(STAFF_RECORD_TYPES)).min(1);
export const REGISTRATION_TYPES = ['SWE_REGISTRATION', 'HCPC_REGISTRATION'] as const;
export const registrationTypes = z.array(z.enum(REGISTRATION_TYPES)).min(1);
/** The registrations each profession holds: social workers with Social Work England, occupational therapists with the HCPC. */
export const registrationsByProfession = z.partialRecord(z.enum(PROFESSIONS), registrationTypes).refine((r) => Object.keys(r).length > 0, { message: 'name at least one profession' });
/** Course codes, as the authority's adapter.yaml maps its course names (SUPERVISION_SKILLS). */
export const courses = z.array(z.string().min(1).transform((c) => c.trim().replace(/\s+/g, ' ').toUpperCase())).min(1);
/** Roles, or `supervisors`: every worker named as someone's supervisor in the window. */
export const staffRoles = z.array(z.enum([...ROLES, 'supervisors'])).min(1);

const TYPE_WORDS: Record<StaffRecordType, string> = {
  SWE_REGISTRATION: 'Social Work England registration',
  HCPC_REGISTRATION: 'HCPC registration',
  DBS_CHECK: 'DBS check',
  APPRAISAL: 'appraisal',
  PDP: 'personal development plan',
  TRAINING: 'training',
};

/** A record type in a finding's words; training names its courses. */
export function recordWords(types: readonly StaffRecordType[], courseCodes?: readonly string[]): string {
  return types
    .map((t) => (t === 'TRAINING' && courseCodes && courseCodes.length > 0 ? `training (${courseCodes.join(' or ')})` : TYPE_WORDS[t]))
    .join(' or ');
}

/**
 * A lookup of each worker's records of the types (and, for training, the courses), in date order
 * with their dates: worked out once per audit for each worker, as every month's audit asks again.
 */
export function staffRecordsOf(dataset: Dataset, types: readonly StaffRecordType[], courseCodes?: readonly string[]): (workerId: string) => Held<StaffRecord> {
  // A course code may hold any character: the key is the lists as JSON, never joined.
  return remembered(dataset, 'staff records of worker', [JSON.stringify([types, courseCodes ?? null])], (workerId) =>
    (dataset.staffRecordsByWorker.get(workerId) ?? []).filter(
      (r) => types.includes(r.type) && (r.type !== 'TRAINING' || courseCodes === undefined || (r.course !== null && courseCodes.includes(r.course))),
    ),
  );
}

/** The registration covering a day, of those given (each covers its date to its last valid day); null when none does. */
export function registrationOn(registrations: readonly StaffRecord[], day: Day): StaffRecord | null {
  for (const r of registrations) if (r.date <= day && r.validUntil !== null && r.validUntil >= day) return r;
  return null;
}

/**
 * The last day of the unbroken cover that includes `day` (registrations that follow on, or
 * overlap, extend it), with the registration that covers `day`; null when none covers it.
 */
export function lastCovered(registrations: readonly StaffRecord[], day: Day): { until: Day; from: StaffRecord } | null {
  const spans = registrations.filter((r) => r.validUntil !== null).sort((a, b) => a.date - b.date);
  const covering = spans.filter((r) => r.date <= day && r.validUntil! >= day);
  if (covering.length === 0) return null;
  let until = Math.max(...covering.map((r) => r.validUntil!));
  for (const span of spans) if (span.date <= until + 1 && span.validUntil! > until) until = span.validUntil!;
  return { until, from: covering.reduce((a, b) => (b.validUntil! > a.validUntil! ? b : a)) };
}

/** The stretches of days from `from` to `to` that no registration covers, with the registration before each. */
export function uncovered(registrations: readonly StaffRecord[], from: Day, to: Day): Array<{ from: Day; to: Day; before: StaffRecord | null; after: StaffRecord | null }> {
  const spans = registrations.filter((r) => r.validUntil !== null).sort((a, b) => a.date - b.date);
  const out: Array<{ from: Day; to: Day; before: StaffRecord | null; after: StaffRecord | null }> = [];
  let day = from;
  let before: StaffRecord | null = null;
  for (const span of spans) {
    if (day > to) break;
    if (span.validUntil! < day) {
      before = before === null || span.validUntil! > before.validUntil! ? span : before;
      continue;
    }
    if (span.date > day) out.push({ from: day, to: Math.min(span.date - 1, to), before, after: span.date <= to ? span : null });
    day = span.validUntil! + 1;
    before = span;
  }
  if (day <= to) out.push({ from: day, to, before, after: null });
  return out;
}

/** The day a worker began supervising someone in the window (the later of their start and the earliest such assignment); null when they supervise nobody then. */
export function supervisingFrom(dataset: Dataset, worker: Worker, window: { from: Day; asOf: Day }): Day | null {
  let first: Day | null = null;
  for (const a of supervisionsBy(dataset).get(worker.id) ?? []) {
    if (a.from <= window.asOf && (a.to === null || a.to >= window.from) && (first === null || a.from < first)) first = a.from;
  }
  return first === null ? null : Math.max(worker.start, first);
}

/** Each supervisor's assignments, made once per audit; a start on which rows named two supervisors names neither. */
function supervisionsBy(dataset: Dataset): Map<string, Array<{ from: Day; to: Day | null }>> {
  return memo(dataset, 'assignments by supervisor', () => {
    const map = new Map<string, Array<{ from: Day; to: Day | null }>>();
    for (const a of dataset.supervisors) {
      if (isConflicting(a)) continue;
      const list = map.get(a.supervisorId);
      if (list) list.push(a);
      else map.set(a.supervisorId, [a]);
    }
    return map;
  });
}

/**
 * The stretches a staff records rule judges, each with the day the rule's clock starts: of
 * workers in scope, each stretch of their time in post in one of its roles that overlaps the
 * window (from its first day: REQUIREMENTS.md, "Workers over time"); or, for a worker in none
 * of them who supervises someone in the window, their time in post from the day they began.
 */
export function staffSubjects(dataset: Dataset, wanted: ReadonlyArray<Role | 'supervisors'>, { window, scope }: CheckContext): Array<{ stretch: Stretch; start: Day }> {
  const stretchesOf = stretchesInRoles(
    dataset,
    wanted.filter((r): r is Role => r !== 'supervisors'),
  );
  const out: Array<{ stretch: Stretch; start: Day }> = [];
  for (const worker of dataset.workers) {
    if (!scope.worker(worker.id) || !activeInWindow(worker.start, worker.end, window)) continue;
    const inWindow = stretchesOf(worker).filter((s) => activeInWindow(s.start, s.end, window));
    for (const stretch of inWindow) out.push({ stretch, start: stretch.start });
    if (inWindow.length === 0 && wanted.includes('supervisors')) {
      const from = supervisingFrom(dataset, worker, window);
      if (from !== null) out.push({ stretch: { worker, start: worker.start, end: worker.end, periods: worker.periods }, start: from });
    }
  }
  return out;
}
