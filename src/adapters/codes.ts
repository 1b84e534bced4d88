/**
 * Code maps: a system's code values (and common job titles) to model values. Each system
 * layout carries its defaults; an authority's adapter.yaml adds or overrides entries.
 * Matching ignores case and runs of spaces.
 */
import { normaliseCode } from './convert.js';
import {
  DISCUSSION_KINDS,
  DECISION_KINDS,
  PLAN_TYPES,
  PROFESSIONS,
  ROLES,
  SESSION_KINDS,
  SESSION_STATUSES,
  STAFF_RECORD_TYPES,
  type Role,
} from '../model/records.js';

export const CODE_MAP_NAMES = [
  'roles',
  'professions',
  'sessionKinds',
  'sessionStatuses',
  'allocationTypes',
  'planTypes',
  'caseStepTypes',
  'caseStepStatuses',
  'topics',
  'superviseeResponses',
  'formStatuses',
  'recordTypes',
  'courses',
] as const;
export type CodeMapName = (typeof CODE_MAP_NAMES)[number];

export type CodeMaps = Record<CodeMapName, Record<string, string>>;

/** Job titles common across English local authorities (SOURCE-LAYOUTS.md, "Job titles"). */
export const COMMON_JOB_TITLES: Record<string, Role> = {
  'Student Social Worker': 'student',
  'Social Work Student': 'student',
  'ASYE Social Worker': 'asye',
  'Newly Qualified Social Worker': 'asye',
  NQSW: 'asye',
  'Social Worker': 'practitioner',
  "Children's Social Worker": 'practitioner',
  'Adult Social Worker': 'practitioner',
  'Senior Social Worker': 'senior-practitioner',
  'Senior Practitioner': 'senior-practitioner',
  'Advanced Practitioner': 'senior-practitioner',
  'Family Support Worker': 'support-worker',
  'Family Practitioner': 'support-worker',
  'Social Work Assistant': 'support-worker',
  'Residential Care Worker': 'residential-worker',
  'Residential Worker': 'residential-worker',
  'Senior Residential Care Worker': 'residential-worker',
  'Occupational Therapist': 'occupational-therapist',
  'Senior Occupational Therapist': 'occupational-therapist',
  'Team Manager': 'team-manager',
  'Assistant Team Manager': 'team-manager',
  'Practice Manager': 'team-manager',
  'Service Manager': 'service-manager',
  'Head of Service': 'head-of-service',
};

/** Portsmouth's seven topics, and the words for them; authorities add theirs. */
export const COMMON_TOPICS: Record<string, string> = {
  CASEWORK: 'CASEWORK',
  IMPACT: 'IMPACT',
  RECORDS: 'RECORDS',
  RESEARCH: 'RESEARCH',
  DEVELOPMENT: 'DEVELOPMENT',
  TRAINING: 'TRAINING',
  RELATIONSHIP: 'RELATIONSHIP',
};

/** The staff record types as the reference layout writes them; an authority maps its HR system's words onto them. */
export const COMMON_RECORD_TYPES: Record<string, string> = Object.fromEntries(STAFF_RECORD_TYPES.map((t) => [t, t]));

/** A code map keyed by normalised code, for matching cells. */
export type CompiledCodeMap = ReadonlyMap<string, string>;

export function compileCodeMaps(...layers: Array<Partial<CodeMaps> | undefined>): Record<CodeMapName, CompiledCodeMap> {
  const out = {} as Record<CodeMapName, Map<string, string>>;
  for (const name of CODE_MAP_NAMES) out[name] = new Map();
  for (const layer of layers) {
    if (!layer) continue;
    for (const name of CODE_MAP_NAMES) {
      for (const [code, value] of Object.entries(layer[name] ?? {})) out[name].set(normaliseCode(code), value);
    }
  }
  return out;
}

/** The values each code map may map onto; null where any word will do. */
export const CODE_TARGETS: Record<CodeMapName, readonly string[] | null> = {
  roles: ROLES,
  professions: PROFESSIONS,
  sessionKinds: SESSION_KINDS,
  sessionStatuses: SESSION_STATUSES,
  allocationTypes: ['allocated', 'other'],
  planTypes: PLAN_TYPES,
  caseStepTypes: [...DISCUSSION_KINDS.map((k) => `discussion:${k}`), ...DECISION_KINDS.map((k) => `decision:${k}`), 'audit:case-file', 'other'],
  caseStepStatuses: ['held', 'cancelled', 'incomplete'],
  topics: null,
  superviseeResponses: ['agree', 'disagree'],
  formStatuses: ['held', 'cancelled', 'incomplete'],
  // `other`: a record no rule reads (sickness, a long-service award), never rejected.
  recordTypes: [...STAFF_RECORD_TYPES, 'other'],
  courses: null,
};
