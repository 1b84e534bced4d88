/**
 * The common model: every system's exports are mapped onto these records. The zod schemas
 * are the single definition of each record; TypeScript types are inferred from them.
 * Adapters build records through typed converters rather than parsing each row with zod;
 * the tests hold every adapter's output to these schemas.
 *
 * Dates are day numbers and moments are instants (see time/calendar.ts). A moment known
 * only by its date is the end of that London day, as the timing rules read it.
 */
import { z } from 'zod';

/**
 * Where something was read: the file, and the physical line it starts on. Every record carries
 * the two as fields of its own (a million records, a million fewer objects), so a record is
 * itself a SourceRef.
 */
export const sourceRef = z.object({ file: z.string().min(1), line: z.number().int().positive() });
export type SourceRef = z.infer<typeof sourceRef>;

/** What a finding is about. */
export const SUBJECT_KINDS = ['worker', 'case', 'session', 'case-discussion', 'incident'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

const day = z.number().int();
const instant = z.number().int();
const id = z.string().min(1);

export const ROLES = [
  'student',
  'asye',
  'practitioner',
  'senior-practitioner',
  'team-manager',
  'service-manager',
  'head-of-service',
  'residential-worker',
  'support-worker',
  'occupational-therapist',
  'other',
] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

export const PROFESSIONS = ['social-work', 'occupational-therapy', 'other'] as const;
export const profession = z.enum(PROFESSIONS);
export type Profession = z.infer<typeof profession>;

/**
 * One row of a workers export: a worker's period in a role and a team, from its start to its end
 * (REQUIREMENTS.md, "Workers over time"). A worker with one row has one period.
 */
export const workerPeriod = z.object({
  id,
  /** The HR system's employee number, where the workers export carries it: how an HR export may name the worker. */
  staffNumber: z.string().min(1).nullable(),
  /** As the workers export gives it: staff are named in reports, people receiving a service never. */
  name: z.string().nullable(),
  role,
  profession,
  team: z.string(),
  service: z.string().nullable(),
  /** Start in post. */
  start: day,
  /** Start of the ASYE year, for newly qualified workers. */
  asyeStart: day.nullable(),
  end: day.nullable(),
  ...sourceRef.shape,
});
export type WorkerPeriod = z.infer<typeof workerPeriod>;

/**
 * A worker: their periods in order of start, each ending before the next begins, and what the
 * latest says of them (see model/workers.ts). `start` is the first period's start, `end` the
 * last one's end; the source is the first row.
 */
export const worker = workerPeriod.extend({ periods: z.array(workerPeriod).min(1) });
export type Worker = z.infer<typeof worker>;

export const supervisorAssignment = z.object({
  workerId: id,
  supervisorId: id,
  from: day,
  to: day.nullable(),
  ...sourceRef.shape,
});
export type SupervisorAssignment = z.infer<typeof supervisorAssignment>;

export const SESSION_KINDS = ['planned', 'ad-hoc', 'group', 'professional'] as const;
export const sessionKind = z.enum(SESSION_KINDS);
export type SessionKind = z.infer<typeof sessionKind>;

/**
 * `incomplete`: the record was started but not completed, so it is no evidence that the
 * session was held; it still counts for recording deadlines. `planned`: booked ahead
 * (SCHEDULED, BOOKED): never held, never due for recording.
 */
export const SESSION_STATUSES = ['held', 'cancelled', 'postponed', 'did-not-attend', 'incomplete', 'planned'] as const;
export const sessionStatus = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof sessionStatus>;

export const supervisionSession = z.object({
  id,
  workerId: id,
  supervisorId: id.nullable(),
  date: day,
  /** The start; the end of the day when the export gives no time. */
  startAt: instant,
  kind: sessionKind,
  status: sessionStatus,
  /** Whether a reason for cancellation or postponement was logged (its words are not kept). */
  cancelReasonGiven: z.boolean(),
  durationMinutes: z.number().int().nullable(),
  recordedAt: instant.nullable(),
  supervisorSignedAt: instant.nullable(),
  superviseeSignedAt: instant.nullable(),
  /** The supervisee answered that they do not agree with the record (AzeusCare's response entry). */
  superviseeDisagreed: z.boolean(),
  diversityDiscussed: z.boolean().nullable(),
  topics: z.array(z.string()),
  ...sourceRef.shape,
});
export type SupervisionSession = z.infer<typeof supervisionSession>;

export const supervisionAgreement = z.object({
  workerId: id,
  supervisorId: id,
  signed: day,
  reviewed: day.nullable(),
  ...sourceRef.shape,
});
export type SupervisionAgreement = z.infer<typeof supervisionAgreement>;

export const SERVICES = ['children', 'adults', 'fostering', 'adoption', 'residential'] as const;
export const service = z.enum(SERVICES);

export const caseRecord = z.object({
  id,
  service,
  closed: day.nullable(),
});
export type Case = z.infer<typeof caseRecord>;

export const allocation = z.object({
  caseId: id,
  workerId: id,
  from: day,
  to: day.nullable(),
  ...sourceRef.shape,
});
export type Allocation = z.infer<typeof allocation>;

export const PLAN_TYPES = [
  'assessment',
  'cin',
  'cp',
  'cic',
  'care-leaver',
  'adoption-placement',
  'adoption-support',
  'private-fostering',
  'early-help',
  'adopter',
  'foster-carer',
  'adult-care',
] as const;
export const planType = z.enum(PLAN_TYPES);
export type PlanType = z.infer<typeof planType>;

export const PLAN_FLAGS = ['permanence', 'stablePlacement', 'disabilityOnly', 'longTermPlacement'] as const;
export const planFlag = z.enum(PLAN_FLAGS);
export type PlanFlag = z.infer<typeof planFlag>;

export const planEpisode = z.object({
  caseId: id,
  type: planType,
  from: day,
  to: day.nullable(),
  flags: z.object({
    permanence: z.boolean(),
    stablePlacement: z.boolean(),
    disabilityOnly: z.boolean(),
    longTermPlacement: z.boolean(),
  }),
  ...sourceRef.shape,
});
export type PlanEpisode = z.infer<typeof planEpisode>;

export const DISCUSSION_KINDS = ['supervision', 'management-oversight', 'group'] as const;
export const discussionKind = z.enum(DISCUSSION_KINDS);
export type DiscussionKind = z.infer<typeof discussionKind>;

/** Only `held` discussions are evidence; the others are kept so that nothing read is lost. */
export const DISCUSSION_STATUSES = ['held', 'cancelled', 'incomplete'] as const;

export const caseDiscussion = z.object({
  id,
  caseId: id,
  workerId: id,
  supervisorId: id.nullable(),
  date: day,
  startAt: instant,
  kind: discussionKind,
  status: z.enum(DISCUSSION_STATUSES),
  sessionId: id.nullable(),
  recordedAt: instant.nullable(),
  supervisorSignedAt: instant.nullable(),
  superviseeSignedAt: instant.nullable(),
  ...sourceRef.shape,
});
export type CaseDiscussion = z.infer<typeof caseDiscussion>;

export const DECISION_KINDS = ['closure', 'transfer', 'child-protection', 'legal-planning'] as const;
export const decisionKind = z.enum(DECISION_KINDS);
export type DecisionKind = z.infer<typeof decisionKind>;

export const caseDecision = z.object({
  id,
  caseId: id,
  date: day,
  kind: decisionKind,
  workerId: id.nullable(),
  ...sourceRef.shape,
});
export type CaseDecision = z.infer<typeof caseDecision>;

/** A case file audited by a manager: the case steps files carry these as a step of their own. */
export const caseFileAudit = z.object({
  id,
  caseId: id,
  date: day,
  auditorId: id.nullable(),
  ...sourceRef.shape,
});
export type CaseFileAudit = z.infer<typeof caseFileAudit>;

/** A child living in a children's home, from a date to a date. */
export const residence = z.object({
  childId: id,
  /** The home, named as the team of its residential staff is named. */
  home: z.string().min(1),
  from: day,
  to: day.nullable(),
  ...sourceRef.shape,
});
export type Residence = z.infer<typeof residence>;

/** An incident, allegation, complaint or concern about a foster carer household (its case). */
export const incident = z.object({
  id,
  caseId: id,
  date: day,
  /** The day the matter reached resolution; null while it is open. */
  resolved: day.nullable(),
  ...sourceRef.shape,
});
export type Incident = z.infer<typeof incident>;

/** What an HR export names a worker by: the case management system's worker id, or the HR system's staff number. */
export const STAFF_RECORD_KEYS = ['workerId', 'staffNumber'] as const;
export type StaffRecordKey = (typeof STAFF_RECORD_KEYS)[number];

/** What an HR or learning system's record is (SOURCE-LAYOUTS.md, "Staff records"). */
export const STAFF_RECORD_TYPES = ['SWE_REGISTRATION', 'HCPC_REGISTRATION', 'DBS_CHECK', 'APPRAISAL', 'PDP', 'TRAINING'] as const;
export const staffRecordType = z.enum(STAFF_RECORD_TYPES);
export type StaffRecordType = z.infer<typeof staffRecordType>;

/**
 * A registration, DBS check, appraisal, development plan or course completed, from the HR
 * export. Nothing else of an HR record is read: not a registration number, not a check's outcome.
 */
export const staffRecord = z.object({
  workerId: id,
  type: staffRecordType,
  /** Registered or renewed on, certificate issued on, appraisal held on, plan agreed on, course completed on. */
  date: day,
  /** The last day a registration covers; null for every other record. */
  validUntil: day.nullable(),
  /** The course, for training: the authority's course name mapped to a course code. */
  course: z.string().nullable(),
  ...sourceRef.shape,
});
export type StaffRecord = z.infer<typeof staffRecord>;

/** The kinds of record an input file can provide; a check names the ones it needs. */
export const RECORD_KINDS = [
  'workers',
  'supervisors',
  'sessions',
  'agreements',
  'allocations',
  'plans',
  'case-discussions',
  'case-decisions',
  'case-file-audits',
  'residences',
  'incidents',
  'staff-records',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
