/** The generator's dataset in Mosaic's reference layouts (SOURCE-LAYOUTS.md, "Mosaic"). */
import { staffNumberOf, stepKind, workerRows, type GenDataset } from '../model.js';
import type { ExportFile, Row } from './csv-files.js';

/** dd/mm/yyyy, or dd/mm/yyyy HH:MM, from YYYY-MM-DD[ HH:MM]. */
export function mosaicDate(value: string | null): string {
  if (!value) return '';
  const [date, time] = value.split(' ');
  const [y, m, d] = date!.split('-');
  return time ? `${d}/${m}/${y} ${time}` : `${d}/${m}/${y}`;
}

const flag = (v: boolean | null): string => (v === null ? '' : v ? 'Y' : 'N');

const SESSION_TYPE = { planned: 'Formal Supervision', 'ad-hoc': 'Ad Hoc Supervision', group: 'Group Supervision', professional: 'Professional Supervision' } as const;
const SESSION_STATUS = { held: 'COMPLETE', cancelled: 'CANCELLED', postponed: 'POSTPONED', 'did-not-attend': 'DNA', incomplete: 'INCOMPLETE' } as const;
const STEP_STATUS = { held: 'COMPLETE', cancelled: 'CANCELLED', incomplete: 'INCOMPLETE' } as const;
export const MOSAIC_PLAN = {
  assessment: 'ASSESS',
  cin: 'CIN',
  cp: 'CP',
  cic: 'LAC',
  'care-leaver': 'CARE_LEAVER',
  'adoption-placement': 'ADOPT_PLACEMENT',
  'adoption-support': 'ADOPT_SUPPORT',
  'private-fostering': 'PRIV_FOST',
  'early-help': 'TEH',
  adopter: 'ADOPTER',
  'foster-carer': 'FOSTER_CARER',
  'adult-care': 'ADULT_CARE',
} as const;
const CASE_STEP = {
  supervision: 'Case Supervision',
  'management-oversight': 'Management Oversight',
  group: 'Group Case Discussion',
  closure: 'Closure Decision',
  transfer: 'Transfer Decision',
  'child-protection': 'CP Decision',
  'legal-planning': 'Legal Planning Decision',
  'case-file': 'Case File Audit',
} as const;

export function mosaicFiles(data: GenDataset): ExportFile[] {
  const residents: ExportFile[] = data.residences.length === 0 ? [] : [
    {
      name: 'residents.csv',
      columns: ['PERSON_ID', 'RESIDENTIAL_HOME', 'START_DATE', 'END_DATE'],
      rows: data.residences.map((r) => ({ PERSON_ID: r.personId, RESIDENTIAL_HOME: r.home, START_DATE: mosaicDate(r.start), END_DATE: mosaicDate(r.end) })),
    },
  ];
  const incidents: ExportFile[] = data.incidents.length === 0 ? [] : [
    {
      name: 'incidents.csv',
      columns: ['INCIDENT_ID', 'PERSON_ID', 'INCIDENT_DATE', 'RESOLVED_DATE', 'INCIDENT_TYPE'],
      rows: data.incidents.map((i) => ({ INCIDENT_ID: i.id, PERSON_ID: i.personId, INCIDENT_DATE: mosaicDate(i.date), RESOLVED_DATE: mosaicDate(i.resolved), INCIDENT_TYPE: i.type })),
    },
  ];
  return [
    ...incidents,
    ...residents,
    {
      name: 'workers.csv',
      columns: ['WORKER_ID', 'STAFF_NUMBER', 'FIRST_NAMES', 'LAST_NAMES', 'ROLE_DESCRIPTION', 'ORG_NAME', 'SERVICE_NAME', 'PROFESSION', 'START_DATE', 'END_DATE', 'ASYE_START_DATE'],
      rows: data.workers.flatMap((w) =>
        workerRows(w).map((p): Row => ({
          WORKER_ID: w.id,
          STAFF_NUMBER: staffNumberOf(w.id),
          FIRST_NAMES: w.firstNames,
          LAST_NAMES: w.lastNames,
          ROLE_DESCRIPTION: p.title,
          ORG_NAME: p.team,
          SERVICE_NAME: w.service,
          PROFESSION: w.profession,
          START_DATE: mosaicDate(p.start),
          END_DATE: mosaicDate(p.end),
          ASYE_START_DATE: mosaicDate(w.asyeStart),
        })),
      ),
    },
    {
      name: 'supervisors.csv',
      columns: ['WORKER_ID', 'SUPERVISOR_WORKER_ID', 'START_DATE', 'END_DATE'],
      rows: data.assignments.map((a) => ({ WORKER_ID: a.workerId, SUPERVISOR_WORKER_ID: a.supervisorId, START_DATE: mosaicDate(a.start), END_DATE: mosaicDate(a.end) })),
    },
    {
      name: 'supervision_steps.csv',
      columns: [
        'WORKFLOW_STEP_ID', 'STEP_TYPE', 'WORKER_ID', 'SUPERVISOR_WORKER_ID', 'STEP_STATUS', 'EVENT_DATETIME', 'DURATION_MINS', 'CANCELLATION_REASON',
        'STARTED_ON', 'COMPLETED_ON', 'SUPERVISOR_SIGNED_ON', 'WORKER_SIGNED_ON', 'DIVERSITY_DISCUSSED', 'TOPICS', 'NOTES',
      ],
      rows: data.sessions.map((s) => ({
        WORKFLOW_STEP_ID: s.id,
        STEP_TYPE: SESSION_TYPE[s.kind],
        WORKER_ID: s.workerId,
        SUPERVISOR_WORKER_ID: s.supervisorId,
        STEP_STATUS: SESSION_STATUS[s.status],
        EVENT_DATETIME: mosaicDate(s.at),
        DURATION_MINS: s.durationMinutes === null ? '' : String(s.durationMinutes),
        CANCELLATION_REASON: s.cancelReason ?? '',
        STARTED_ON: mosaicDate(s.at),
        COMPLETED_ON: mosaicDate(s.recorded),
        SUPERVISOR_SIGNED_ON: mosaicDate(s.supervisorSigned),
        WORKER_SIGNED_ON: mosaicDate(s.workerSigned),
        DIVERSITY_DISCUSSED: flag(s.diversity),
        TOPICS: s.topics.join(';'),
        NOTES: [s.notes, s.wellbeing].filter(Boolean).join(' '),
      })),
    },
    {
      name: 'agreements.csv',
      columns: ['WORKER_ID', 'SUPERVISOR_WORKER_ID', 'SIGNED_DATE', 'REVIEWED_DATE'],
      rows: data.agreements.map((a) => ({ WORKER_ID: a.workerId, SUPERVISOR_WORKER_ID: a.supervisorId, SIGNED_DATE: mosaicDate(a.signed), REVIEWED_DATE: mosaicDate(a.reviewed) })),
    },
    {
      name: 'allocated_workers.csv',
      columns: ['PERSON_ID', 'WORKER_ID', 'ALLOCATION_TYPE', 'START_DATE', 'END_DATE'],
      rows: data.allocations.map((a) => ({ PERSON_ID: a.personId, WORKER_ID: a.workerId, ALLOCATION_TYPE: a.allocated ? 'ALLWKR' : 'SECWKR', START_DATE: mosaicDate(a.start), END_DATE: mosaicDate(a.end) })),
    },
    {
      name: 'plans.csv',
      columns: ['PERSON_ID', 'PLAN_TYPE', 'START_DATE', 'END_DATE', 'PERMANENCE_AGREED', 'PLACEMENT_STABLE', 'DISABILITY_ONLY', 'LONG_TERM_PLACEMENT'],
      rows: data.plans.map((p) => ({
        PERSON_ID: p.personId,
        PLAN_TYPE: MOSAIC_PLAN[p.type],
        START_DATE: mosaicDate(p.start),
        END_DATE: mosaicDate(p.end),
        PERMANENCE_AGREED: flag(p.flags.permanence),
        PLACEMENT_STABLE: flag(p.flags.stablePlacement),
        DISABILITY_ONLY: flag(p.flags.disabilityOnly),
        LONG_TERM_PLACEMENT: flag(p.flags.longTermPlacement),
      })),
    },
    {
      name: 'case_steps.csv',
      columns: ['WORKFLOW_STEP_ID', 'PERSON_ID', 'STEP_TYPE', 'WORKER_ID', 'SUPERVISOR_WORKER_ID', 'STEP_STATUS', 'EVENT_DATETIME', 'COMPLETED_ON', 'SUPERVISOR_SIGNED_ON', 'WORKER_SIGNED_ON', 'SUPERVISION_STEP_ID'],
      rows: data.caseSteps.map((c) => ({
        WORKFLOW_STEP_ID: c.id,
        PERSON_ID: c.personId,
        STEP_TYPE: CASE_STEP[stepKind(c)],
        WORKER_ID: c.workerId,
        SUPERVISOR_WORKER_ID: c.supervisorId,
        STEP_STATUS: STEP_STATUS[c.status],
        EVENT_DATETIME: mosaicDate(c.at),
        COMPLETED_ON: mosaicDate(c.recorded),
        SUPERVISOR_SIGNED_ON: mosaicDate(c.supervisorSigned),
        WORKER_SIGNED_ON: mosaicDate(c.workerSigned),
        SUPERVISION_STEP_ID: c.sessionId ?? '',
      })),
    },
  ];
}
