/**
 * Builds common-model records from the typed fields of one row. Field names are shared by
 * every system's layout, so each entity is built by the same code whichever system it came
 * from. A builder either adds a record, rejects the row with a reason, or sets it aside as
 * not relevant (an allocation row that is not the allocated worker).
 */
import { type DateTime, instantOf } from './convert.js';
import type { EntityName } from './layout.js';
import type { RecordSink } from './record-batches.js';
import type {
  DecisionKind,
  DiscussionKind,
  PlanType,
  Profession,
  Role,
  SessionKind,
  SessionStatus,
  StaffRecordType,
} from '../model/records.js';
import type { IssueEffect } from '../model/issues.js';
import { START_UNKNOWN } from '../model/workers.js';

/** Converted field values: string, DateTime, boolean, number, string[], or null when empty. */
export type Fields = Record<string, unknown>;

export interface RowContext {
  /** Where the record is read from: its file, and the line it starts on. */
  file: string;
  line: number;
  /** Whether the file (or form) has the field at all, even if this record leaves it empty. */
  has(field: string): boolean;
  /** Records a problem with one field of this row. */
  issue(field: string, problem: string, effect: IssueEffect): void;
  /**
   * What an event's date means for its row: null when it is within the audit's reach; not
   * relevant when after the audit date; rejected, with an issue, when it cannot be true (before
   * 1990). After the day the audit runs, a row that says the thing was done (`done`) is also
   * a note for its file; a booking still to come (`done` null) is simply not relevant.
   */
  dated(field: string, day: number, done: DoneLater | null): BuildOutcome | null;
}

/** What a row dated after the day the audit runs says was done, and what that would mean. */
export interface DoneLater {
  what: string;
  why: string;
}

const HELD_LATER: DoneLater = { what: 'a session recorded as held', why: 'a booking marked held, or a typing error?' };
const COMPLETED_LATER: DoneLater = { what: 'a case step recorded as complete', why: 'a booking marked complete, or a typing error?' };
const INCIDENT_LATER: DoneLater = { what: 'an incident', why: 'a typing error?' };
const RECORD_LATER: DoneLater = { what: 'a staff record', why: 'a renewal entered ahead of its day, or a typing error?' };

export type BuildOutcome = { used: true } | { rejected: true } | { notRelevant: string };

const USED: BuildOutcome = { used: true };
export const REJECTED: BuildOutcome = { rejected: true };

// A field's value as its converter made it, or null where the row (or the layout) has none.
// Builders read each field by its name written out (f['caseId']): V8 then finds it at once.
const text = (value: unknown): string | null => (value as string | null | undefined) ?? null;
const dateTime = (value: unknown): DateTime | null => (value as DateTime | null | undefined) ?? null;
const flag = (value: unknown): boolean | null => (value as boolean | null | undefined) ?? null;
/** A date-time field as an instant (a date alone as the end of its day), or null. */
const instantOrNull = (value: unknown): number | null => {
  const v = dateTime(value);
  return v ? instantOf(v) : null;
};

/** An end before its start is a typing error; the end is dropped rather than the whole row. */
function endOnOrAfter(f: Fields, ctx: RowContext, fromKey: string, toKey: string): number | null {
  // A worker whose start is not known started before any end.
  const from = dateTime(f[fromKey])?.day ?? START_UNKNOWN;
  const to = dateTime(f[toKey])?.day ?? null;
  if (to !== null && to < from) {
    ctx.issue(toKey, 'the end date is before the start date; the end date is ignored', 'value ignored');
    return null;
  }
  return to;
}

/**
 * Where the supervisee's sign-off is an entry saying whether they agree with the record
 * (AzeusCare), only an agreement is a signature; a disagreement is kept as such.
 */
function superviseeResponse(f: Fields, ctx: RowContext, signedAt: number | null): { superviseeSignedAt: number | null; superviseeDisagreed: boolean } {
  if (!ctx.has('superviseeResponse')) return { superviseeSignedAt: signedAt, superviseeDisagreed: false };
  const response = text(f['superviseeResponse']);
  if (response === 'disagree') return { superviseeSignedAt: null, superviseeDisagreed: true };
  if (response === 'agree') {
    if (signedAt === null) ctx.issue('superviseeResponse', 'the supervisee agreed but the response has no date, so when they signed is not known', 'kept');
    return { superviseeSignedAt: signedAt, superviseeDisagreed: false };
  }
  if (signedAt !== null) ctx.issue('superviseeSignedAt', 'a response date with no response: not counted as the supervisee agreeing', 'value ignored');
  return { superviseeSignedAt: null, superviseeDisagreed: false };
}

/** One shared empty list for the many sessions without topics (records are never changed after they are built). */
const NO_TOPICS = Object.freeze([]) as unknown as string[];

const SOCIAL_WORK_ROLES: ReadonlySet<Role> = new Set(['student', 'asye', 'practitioner', 'senior-practitioner']);

/** A case step's code-map value, "family:kind", in its two parts; the few values there are are split once each. */
const STEP_PARTS = new Map<string, readonly [string, string]>();
function stepParts(stepType: string): readonly [string, string] {
  let parts = STEP_PARTS.get(stepType);
  if (parts === undefined) {
    const [family = '', kind = ''] = stepType.split(':');
    parts = [family, kind];
    if (STEP_PARTS.size < 1000) STEP_PARTS.set(stepType, parts);
  }
  return parts;
}

type Builder = (f: Fields, ctx: RowContext, out: RecordSink) => BuildOutcome;

/** The entities whose rows each make one record (form answers are first put back into forms). */
export type RecordEntity = Exclude<EntityName, 'form-answers'>;

export const BUILDERS: Record<RecordEntity, Builder> = {
  workers(f, ctx, out) {
    const role = text(f['role']) as Role;
    let profession = text(f['profession']) as Profession | null;
    // Without a profession column, a social work or OT job title says it.
    profession ??= role === 'occupational-therapist' ? 'occupational-therapy' : SOCIAL_WORK_ROLES.has(role) ? 'social-work' : 'other';
    const fullName = [text(f['firstNames']), text(f['lastNames'])].filter((part) => part !== null).join(' ');
    out.workers.push({
      id: text(f['id'])!,
      staffNumber: text(f['staffNumber']),
      name: text(f['name']) ?? (fullName === '' ? null : fullName),
      role,
      profession,
      team: text(f['team'])!,
      service: text(f['service']),
      start: dateTime(f['start'])?.day ?? START_UNKNOWN,
      asyeStart: dateTime(f['asyeStart'])?.day ?? null,
      end: endOnOrAfter(f, ctx, 'start', 'end'),
      file: ctx.file,
      line: ctx.line,
    });
    return USED;
  },

  supervisors(f, ctx, out) {
    const workerId = text(f['workerId'])!;
    const supervisorId = text(f['supervisorId'])!;
    if (workerId === supervisorId) {
      ctx.issue('supervisorId', 'a worker cannot be their own supervisor', 'row rejected');
      return REJECTED;
    }
    out.supervisors.push({ workerId, supervisorId, from: dateTime(f['from'])!.day, to: endOnOrAfter(f, ctx, 'from', 'to'), file: ctx.file, line: ctx.line });
    return USED;
  },

  sessions(f, ctx, out) {
    const start = dateTime(f['start'])!;
    const outside = ctx.dated('start', start.day, f['status'] === 'held' ? HELD_LATER : null);
    if (outside) return outside;
    const { superviseeSignedAt, superviseeDisagreed } = superviseeResponse(f, ctx, instantOrNull(f['superviseeSignedAt']));
    out.sessions.push({
      id: text(f['id'])!,
      workerId: text(f['workerId'])!,
      supervisorId: text(f['supervisorId']),
      date: start.day,
      startAt: instantOf(start),
      kind: text(f['kind']) as SessionKind,
      status: text(f['status']) as SessionStatus,
      cancelReasonGiven: f['cancelReason'] === true,
      durationMinutes: (f['durationMinutes'] as number | null | undefined) ?? null,
      recordedAt: instantOrNull(f['recordedAt']),
      supervisorSignedAt: instantOrNull(f['supervisorSignedAt']),
      superviseeSignedAt,
      superviseeDisagreed,
      diversityDiscussed: flag(f['diversityDiscussed']),
      topics: (f['topics'] as string[] | null | undefined) ?? NO_TOPICS,
      file: ctx.file,
      line: ctx.line,
    });
    return USED;
  },

  agreements(f, ctx, out) {
    // An agreement form that is cancelled or still a draft is not a signed agreement.
    const status = text(f['status']);
    if (status !== null && status !== 'held') return { notRelevant: `an agreement form not completed (${status})` };
    const signed = dateTime(f['signed'])!.day;
    let reviewed = dateTime(f['reviewed'])?.day ?? null;
    if (reviewed !== null && reviewed < signed) {
      ctx.issue('reviewed', 'the review date is before the signing date; the review date is ignored', 'value ignored');
      reviewed = null;
    }
    out.agreements.push({ workerId: text(f['workerId'])!, supervisorId: text(f['supervisorId'])!, signed, reviewed, file: ctx.file, line: ctx.line });
    return USED;
  },

  allocations(f, ctx, out) {
    const type = text(f['allocationType']);
    if (type !== null && type !== 'allocated') return { notRelevant: 'not the allocated worker' };
    out.allocations.push({
      caseId: text(f['caseId'])!,
      workerId: text(f['workerId'])!,
      from: dateTime(f['from'])!.day,
      to: endOnOrAfter(f, ctx, 'from', 'to'),
      file: ctx.file,
      line: ctx.line,
    });
    return USED;
  },

  plans(f, ctx, out) {
    out.plans.push({
      caseId: text(f['caseId'])!,
      type: text(f['type']) as PlanType,
      from: dateTime(f['from'])!.day,
      to: endOnOrAfter(f, ctx, 'from', 'to'),
      flags: {
        permanence: flag(f['permanence']) ?? false,
        stablePlacement: flag(f['stablePlacement']) ?? false,
        disabilityOnly: flag(f['disabilityOnly']) ?? false,
        longTermPlacement: flag(f['longTermPlacement']) ?? false,
      },
      file: ctx.file,
      line: ctx.line,
    });
    return USED;
  },

  incidents(f, ctx, out) {
    const date = dateTime(f['date'])!.day;
    const outside = ctx.dated('date', date, INCIDENT_LATER);
    if (outside) return outside;
    let resolved = dateTime(f['resolved'])?.day ?? null;
    if (resolved !== null && resolved < date) {
      ctx.issue('resolved', 'the resolution date is before the incident; the resolution date is ignored', 'value ignored');
      resolved = null;
    }
    out.incidents.push({ id: text(f['id'])!, caseId: text(f['caseId'])!, date, resolved, file: ctx.file, line: ctx.line });
    return USED;
  },

  residences(f, ctx, out) {
    out.residences.push({ childId: text(f['childId'])!, home: text(f['home'])!, from: dateTime(f['from'])!.day, to: endOnOrAfter(f, ctx, 'from', 'to'), file: ctx.file, line: ctx.line });
    return USED;
  },

  'case-steps'(f, ctx, out) {
    const stepType = text(f['stepType'])!;
    if (stepType === 'other') return { notRelevant: 'not a case discussion or decision' };
    const [family, kind] = stepParts(stepType);
    const start = dateTime(f['start'])!;
    // Systems that export only completed activities have no status column.
    const outside = ctx.dated('start', start.day, (text(f['status']) ?? 'held') === 'held' ? COMPLETED_LATER : null);
    if (outside) return outside;
    if (family === 'audit') {
      if (text(f['status']) === 'cancelled') return { notRelevant: 'a cancelled case file audit' };
      out.fileAudits.push({ id: text(f['id'])!, caseId: text(f['caseId'])!, date: start.day, auditorId: text(f['supervisorId']) ?? text(f['workerId']), file: ctx.file, line: ctx.line });
      return USED;
    }
    // Systems that export only completed activities have no status column.
    const status = (text(f['status']) ?? 'held') as 'held' | 'cancelled' | 'incomplete';
    if (family === 'decision') {
      // A decision being considered counts as much as one made; a cancelled one does not.
      if (status === 'cancelled') return { notRelevant: 'a cancelled decision' };
      out.decisions.push({
        id: text(f['id'])!,
        caseId: text(f['caseId'])!,
        date: start.day,
        kind: kind as DecisionKind,
        workerId: text(f['workerId']),
        file: ctx.file,
        line: ctx.line,
      });
      return USED;
    }
    if (family !== 'discussion') {
      ctx.issue('stepType', `the code map gives "${family}:${kind}", which is not discussion:<kind>, decision:<kind> or audit:case-file`, 'row rejected');
      return REJECTED;
    }
    out.discussions.push({
      id: text(f['id'])!,
      caseId: text(f['caseId'])!,
      workerId: text(f['workerId'])!,
      supervisorId: text(f['supervisorId']),
      date: start.day,
      startAt: instantOf(start),
      kind: kind as DiscussionKind,
      status,
      sessionId: text(f['sessionId']),
      recordedAt: instantOrNull(f['recordedAt']),
      supervisorSignedAt: instantOrNull(f['supervisorSignedAt']),
      superviseeSignedAt: instantOrNull(f['superviseeSignedAt']),
      file: ctx.file,
      line: ctx.line,
    });
    return USED;
  },

  'staff-records'(f, ctx, out) {
    const code = text(f['type']);
    // A kind of record the adapter maps to `other` is one no rule reads: set aside, never rejected.
    if (code === 'other') return { notRelevant: 'a kind of staff record no rule reads' };
    const type = code as StaffRecordType;
    const date = dateTime(f['date'])!.day;
    const dated = ctx.dated('date', date, RECORD_LATER);
    if (dated) return dated;
    const validUntil = dateTime(f['validUntil'])?.day ?? null;
    const registration = type === 'SWE_REGISTRATION' || type === 'HCPC_REGISTRATION';
    if (registration && validUntil === null) {
      // How long a registration ran cannot be guessed: the row is not used rather than read as lasting for ever.
      ctx.issue('validUntil', 'a registration needs the last day it is valid (VALID_UNTIL); the row is not used', 'row rejected');
      return REJECTED;
    }
    if (registration && validUntil! < date) {
      ctx.issue('validUntil', 'the registration ends before it was made; the row is not used', 'row rejected');
      return REJECTED;
    }
    out.staffRecords.push({
      workerId: text(f['workerId'])!,
      type,
      date,
      validUntil: registration ? validUntil : null,
      course: type === 'TRAINING' ? text(f['course']) : null,
      file: ctx.file,
      line: ctx.line,
    });
    return USED;
  },
};
