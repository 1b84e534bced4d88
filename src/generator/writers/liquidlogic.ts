/**
 * The generator's dataset in Liquid Logic's reference layouts (SOURCE-LAYOUTS.md, "Liquid
 * Logic"): supervision and agreements as forms, one row per answer; case notes, among which
 * some that are not discussions (visits, supervised contact), as a real extract has.
 */
import { staffNumberOf, stepKind, workerRows, type GenDataset, type GenSession } from '../model.js';
import type { ExportFile, Row } from './csv-files.js';
import type { PlanType } from '../../model/records.js';

/** yyyy-mm-dd HH:MM:SS, or yyyy-mm-dd, from YYYY-MM-DD[ HH:MM]. */
export function liquidLogicDate(value: string | null): string {
  if (!value) return '';
  const [date, time] = value.split(' ');
  return time ? `${date} ${time}:00` : date!;
}

const flag = (v: boolean | null): string => (v === null ? '' : v ? '1' : '0');

const SUP_TYPE = { planned: 'Formal', 'ad-hoc': 'Ad hoc', group: 'Group', professional: 'Professional' } as const;
const FORM_STATUS: Record<GenSession['status'], string> = { held: 'COMPLETE', cancelled: 'CANCELLED', postponed: 'CANCELLED', 'did-not-attend': 'CANCELLED', incomplete: 'DRAFT' };
export const LIQUIDLOGIC_PLAN: Record<PlanType, string> = {
  assessment: 'ASSESS',
  cin: 'CIN',
  cp: 'CP',
  cic: 'CLA',
  'care-leaver': 'LC',
  'adoption-placement': 'ADOPTP',
  'adoption-support': 'ADOPTS',
  'private-fostering': 'PF',
  'early-help': 'EH',
  adopter: 'ADOPTER',
  'foster-carer': 'FOSTERC',
  'adult-care': 'ASC',
};
const NOTE_TYPE = {
  supervision: 'CSUP',
  'management-oversight': 'MOVS',
  group: 'GSUP',
  closure: 'DCLOSE',
  transfer: 'DTRANS',
  'child-protection': 'DCP',
  'legal-planning': 'DLEGAL',
  'case-file': 'CFAUDIT',
} as const;

const FORM_COLUMNS = ['FACT_FORM_ID', 'DIM_LOOKUP_FORM_TYPE_ID_CODE', 'DIM_WORKER_ID', 'DIM_PERSON_ID', 'FORM_STATUS', 'ANSWER_NO', 'ANSWER', 'ANSWERED_DTTM', 'COMPLETED_DTTM'];

/** The rows of one form: one per answer given, none for a question left blank. */
function formRows(id: string, type: string, workerId: string, status: string, completed: string, answers: Record<string, string>): Row[] {
  return Object.entries(answers)
    .filter(([, answer]) => answer !== '')
    .map(([question, answer]) => ({
      FACT_FORM_ID: id,
      DIM_LOOKUP_FORM_TYPE_ID_CODE: type,
      DIM_WORKER_ID: workerId,
      DIM_PERSON_ID: '',
      FORM_STATUS: status,
      ANSWER_NO: question,
      ANSWER: answer,
      ANSWERED_DTTM: completed,
      COMPLETED_DTTM: completed,
    }));
}

export function liquidLogicFiles(data: GenDataset): ExportFile[] {
  const sessionForms = data.sessions.flatMap((s) =>
    formRows(s.id, 'SUPERVISION', s.workerId, FORM_STATUS[s.status], liquidLogicDate(s.recorded), {
      SupDate: liquidLogicDate(s.at),
      SupervisorId: s.supervisorId,
      SupType: SUP_TYPE[s.kind],
      DurationMins: s.durationMinutes === null ? '' : String(s.durationMinutes),
      CancelReason: s.cancelReason ?? '',
      DiversityDiscussed: s.diversity === null ? '' : s.diversity ? 'Yes' : 'No',
      SupervisorSignedDate: liquidLogicDate(s.supervisorSigned),
      SuperviseeSignedDate: liquidLogicDate(s.workerSigned),
      Topics: s.topics.join(';'),
      Notes: s.notes,
      Wellbeing: s.wellbeing,
    }),
  );
  const agreementForms = data.agreements.flatMap((a, i) =>
    formRows(String(7_000_001 + i), 'SUPAGREE', a.workerId, 'COMPLETE', liquidLogicDate(a.signed), {
      SignedDate: liquidLogicDate(a.signed),
      SupervisorId: a.supervisorId,
      ReviewDate: liquidLogicDate(a.reviewed),
    }),
  );
  // Only finalised case notes are in the warehouse; some are visits, not discussions.
  const notes = data.caseSteps.filter((c) => c.status === 'held');
  const visits = notes.filter((_, i) => i % 9 === 4).map((c) => ({ ...c, id: `V${c.id}`, visit: true }));

  const residents: ExportFile[] = data.residences.length === 0 ? [] : [
    {
      name: 'residents.csv',
      columns: ['DIM_PERSON_ID', 'HOME_NAME', 'START_DTTM', 'END_DTTM'],
      rows: data.residences.map((r) => ({ DIM_PERSON_ID: r.personId, HOME_NAME: r.home, START_DTTM: liquidLogicDate(r.start), END_DTTM: liquidLogicDate(r.end) })),
    },
  ];
  const incidents: ExportFile[] = data.incidents.length === 0 ? [] : [
    {
      name: 'incidents.csv',
      columns: ['FACT_INCIDENT_ID', 'DIM_PERSON_ID', 'INCIDENT_DTTM', 'RESOLVED_DTTM', 'INCIDENT_TYPE'],
      rows: data.incidents.map((i) => ({ FACT_INCIDENT_ID: i.id, DIM_PERSON_ID: i.personId, INCIDENT_DTTM: liquidLogicDate(i.date), RESOLVED_DTTM: liquidLogicDate(i.resolved), INCIDENT_TYPE: i.type })),
    },
  ];
  return [
    ...incidents,
    ...residents,
    {
      name: 'workers.csv',
      columns: ['DIM_WORKER_ID', 'STAFF_ID', 'FORENAME', 'SURNAME', 'JOB_TITLE', 'DEPARTMENT_NAME', 'PROFESSION', 'START_DTTM', 'END_DTTM', 'ASYE_START_DTTM'],
      rows: data.workers.flatMap((w) =>
        workerRows(w).map((p): Row => ({
          DIM_WORKER_ID: w.id,
          STAFF_ID: staffNumberOf(w.id),
          FORENAME: w.firstNames,
          SURNAME: w.lastNames,
          JOB_TITLE: p.title,
          DEPARTMENT_NAME: p.team,
          PROFESSION: w.profession,
          START_DTTM: liquidLogicDate(p.start),
          END_DTTM: liquidLogicDate(p.end),
          ASYE_START_DTTM: liquidLogicDate(w.asyeStart),
        })),
      ),
    },
    {
      name: 'worker_supervisors.csv',
      columns: ['DIM_WORKER_ID', 'SUPERVISOR_DIM_WORKER_ID', 'START_DTTM', 'END_DTTM'],
      rows: data.assignments.map((a) => ({ DIM_WORKER_ID: a.workerId, SUPERVISOR_DIM_WORKER_ID: a.supervisorId, START_DTTM: liquidLogicDate(a.start), END_DTTM: liquidLogicDate(a.end) })),
    },
    { name: 'form_answers.csv', columns: FORM_COLUMNS, rows: [...sessionForms, ...agreementForms] },
    {
      name: 'involvements.csv',
      columns: ['FACT_INVOLVEMENTS_ID', 'DIM_PERSON_ID', 'DIM_WORKER_ID', 'DIM_LOOKUP_INVOLVEMENT_TYPE_CODE', 'IS_ALLOCATED_CW_FLAG', 'START_DTTM', 'END_DTTM'],
      rows: data.allocations.map((a, i) => ({
        FACT_INVOLVEMENTS_ID: String(3_000_001 + i),
        DIM_PERSON_ID: a.personId,
        DIM_WORKER_ID: a.workerId,
        DIM_LOOKUP_INVOLVEMENT_TYPE_CODE: a.allocated ? 'ALLOCATED' : 'SECONDARY',
        IS_ALLOCATED_CW_FLAG: a.allocated ? '1' : '0',
        START_DTTM: liquidLogicDate(a.start),
        END_DTTM: liquidLogicDate(a.end),
      })),
    },
    {
      name: 'care_plans.csv',
      columns: ['FACT_CARE_PLAN_ID', 'DIM_PERSON_ID', 'DIM_LOOKUP_PLAN_TYPE_ID_CODE', 'START_DTTM', 'END_DTTM', 'PERMANENCE_FLAG', 'STABLE_PLACEMENT_FLAG', 'DISABILITY_ONLY_FLAG', 'LONG_TERM_FLAG'],
      rows: data.plans.map((p, i) => ({
        FACT_CARE_PLAN_ID: String(4_000_001 + i),
        DIM_PERSON_ID: p.personId,
        DIM_LOOKUP_PLAN_TYPE_ID_CODE: LIQUIDLOGIC_PLAN[p.type],
        START_DTTM: liquidLogicDate(p.start),
        END_DTTM: liquidLogicDate(p.end),
        PERMANENCE_FLAG: flag(p.flags.permanence),
        STABLE_PLACEMENT_FLAG: flag(p.flags.stablePlacement),
        DISABILITY_ONLY_FLAG: flag(p.flags.disabilityOnly),
        LONG_TERM_FLAG: flag(p.flags.longTermPlacement),
      })),
    },
    {
      name: 'case_notes.csv',
      columns: [
        'FACT_CASENOTE_ID', 'DIM_PERSON_ID', 'DIM_LOOKUP_CASNT_TYPE_ID_CODE', 'EVENT_DTTM', 'DIM_WORKER_ID', 'MANAGER_DIM_WORKER_ID', 'CREATE_DTTM',
        'MANAGER_SIGNED_DTTM', 'WORKER_SIGNED_DTTM', 'FACT_FORM_ID', 'NOTE_TEXT',
      ],
      rows: [...notes, ...visits].map((c) => ({
        FACT_CASENOTE_ID: c.id,
        DIM_PERSON_ID: c.personId,
        DIM_LOOKUP_CASNT_TYPE_ID_CODE: 'visit' in c ? (c.id.endsWith('3') ? 'SUPERCONT' : 'VISIT') : NOTE_TYPE[stepKind(c)],
        EVENT_DTTM: liquidLogicDate(c.at),
        DIM_WORKER_ID: c.workerId,
        MANAGER_DIM_WORKER_ID: c.supervisorId,
        CREATE_DTTM: liquidLogicDate(c.recorded),
        MANAGER_SIGNED_DTTM: liquidLogicDate(c.supervisorSigned),
        WORKER_SIGNED_DTTM: liquidLogicDate(c.workerSigned),
        FACT_FORM_ID: c.sessionId ?? '',
        NOTE_TEXT: c.notes,
      })),
    },
  ];
}
