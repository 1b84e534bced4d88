/** The generator's dataset in AzeusCare's reference layouts (SOURCE-LAYOUTS.md, "AzeusCare"). */
import { staffNumberOf, stepKind, workerRows, type GenDataset } from '../model.js';
import { addDays, formatDay, parseIsoDay } from '../../time/calendar.js';
import type { ExportFile, Row } from './csv-files.js';
import type { PlanType } from '../../model/records.js';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** DD-MON-YYYY, or DD-MON-YYYY HH24:MI, from YYYY-MM-DD[ HH:MM]. */
export function azeusDate(value: string | null): string {
  if (!value) return '';
  const [date, time] = value.split(' ');
  const [y, m, d] = date!.split('-');
  const day = `${d}-${MONTHS[Number(m) - 1]}-${y}`;
  return time ? `${day} ${time}` : day;
}

const indicator = (v: boolean | null): string => (v === null ? '' : v ? 'Y' : 'N');

const PROFESSION = { 'Social Work': 'SW', 'Occupational Therapy': 'OT', Other: 'OTH' } as const;
const SESSION_TYPE = { planned: 'FORMAL', 'ad-hoc': 'SITUATIONAL', group: 'GROUP', professional: 'PROFESSIONAL' } as const;
const SESSION_STATUS = { held: 'COMPLETED', cancelled: 'CANCELLED', postponed: 'POSTPONED', 'did-not-attend': 'DNA' } as const;
const ACTIVITY_STATUS = { held: 'COMPLETED', cancelled: 'CANCELLED', incomplete: 'DRAFT' } as const;
export const AZEUS_PLAN: Record<PlanType, string> = {
  assessment: 'ASMT',
  cin: 'CIN',
  cp: 'CPP',
  cic: 'LAC',
  'care-leaver': 'CL',
  'adoption-placement': 'ADOPT_PLC',
  'adoption-support': 'ADOPT_SUPP',
  'private-fostering': 'PF',
  'early-help': 'EH',
  adopter: 'ADOPTER',
  'foster-carer': 'FC',
  'adult-care': 'ASC',
};
const ACTIVITY = {
  supervision: 'SUPV',
  'management-oversight': 'MGMT_OVS',
  group: 'GRP_SUPV',
  closure: 'DEC_CLOSE',
  transfer: 'DEC_TRANS',
  'child-protection': 'DEC_CP',
  'legal-planning': 'DEC_LEGAL',
  'case-file': 'FILE_AUDIT',
} as const;

export function azeusFiles(data: GenDataset): ExportFile[] {
  const residents: ExportFile[] = data.residences.length === 0 ? [] : [
    {
      name: 'residential_placements.csv',
      columns: ['CASE_ID', 'HOME_NAME', 'RES_START_DT', 'RES_END_DT'],
      rows: data.residences.map((r) => ({ CASE_ID: r.personId, HOME_NAME: r.home, RES_START_DT: azeusDate(r.start), RES_END_DT: azeusDate(r.end) })),
    },
  ];
  const incidents: ExportFile[] = data.incidents.length === 0 ? [] : [
    {
      name: 'incidents.csv',
      columns: ['INCIDENT_ID', 'CASE_ID', 'INCIDENT_DT', 'RESOLVED_DT', 'INCIDENT_TYPE'],
      rows: data.incidents.map((i) => ({ INCIDENT_ID: i.id, CASE_ID: i.personId, INCIDENT_DT: azeusDate(i.date), RESOLVED_DT: azeusDate(i.resolved), INCIDENT_TYPE: i.type })),
    },
  ];
  return [
    ...incidents,
    ...residents,
    {
      name: 'staff.csv',
      columns: ['EMP_ID', 'STAFF_NO', 'EMP_NAME', 'DESIGNATION', 'TEAM_NAME', 'SVC_NAME', 'PROF_CD', 'EFFECT_DT_FR', 'EFFECT_DT_TO', 'ASYE_START_DT'],
      rows: data.workers.flatMap((w) =>
        workerRows(w).map((p, i, periods): Row => ({
          EMP_ID: w.id,
          STAFF_NO: staffNumberOf(w.id),
          EMP_NAME: `${w.lastNames}, ${w.firstNames}`,
          DESIGNATION: p.title,
          TEAM_NAME: p.team,
          SVC_NAME: w.service,
          PROF_CD: PROFESSION[w.profession],
          EFFECT_DT_FR: azeusDate(p.start),
          // An effective-dated table ends a period on the day the next one takes effect.
          EFFECT_DT_TO: azeusDate(periods[i + 1] && p.end !== null && formatDay(addDays(parseIsoDay(p.end)!, 1)) === periods[i + 1]!.start ? periods[i + 1]!.start : p.end),
          ASYE_START_DT: azeusDate(w.asyeStart),
        })),
      ),
    },
    {
      name: 'supervisor_history.csv',
      columns: ['EMP_ID', 'SUPV_EMP_ID', 'START_DT', 'END_DT'],
      rows: data.assignments.map((a) => ({ EMP_ID: a.workerId, SUPV_EMP_ID: a.supervisorId, START_DT: azeusDate(a.start), END_DT: azeusDate(a.end) })),
    },
    {
      name: 'supervision.csv',
      columns: [
        'SUPV_ID', 'EMP_ID', 'SUPV_EMP_ID', 'SUPV_TYPE', 'STATUS', 'SUPV_DT', 'DURATION_MINS', 'CANC_REAS', 'CREATE_DT', 'SUPV_SIGN_DT',
        'SUPVEE_RESP', 'SUPVEE_RESP_DT', 'DIVERSITY_IND', 'TOPIC_CDS', 'REM',
      ],
      // AzeusCare's supervision extract holds no unfinished records: it has no status for them.
      rows: data.sessions.filter((s) => s.status !== 'incomplete').map((s) => ({
        SUPV_ID: s.id,
        EMP_ID: s.workerId,
        SUPV_EMP_ID: s.supervisorId,
        SUPV_TYPE: SESSION_TYPE[s.kind],
        STATUS: SESSION_STATUS[s.status as keyof typeof SESSION_STATUS],
        SUPV_DT: azeusDate(s.at),
        DURATION_MINS: s.durationMinutes === null ? '' : String(s.durationMinutes),
        CANC_REAS: s.cancelReason ?? '',
        CREATE_DT: azeusDate(s.recorded),
        SUPV_SIGN_DT: azeusDate(s.supervisorSigned),
        SUPVEE_RESP: s.workerDisagreed ? 'DISAGREE' : s.workerSigned ? 'AGREE' : '',
        SUPVEE_RESP_DT: azeusDate(s.workerSigned),
        DIVERSITY_IND: indicator(s.diversity),
        TOPIC_CDS: s.topics.join(','),
        REM: [s.notes, s.wellbeing].filter(Boolean).join(' '),
      })),
    },
    {
      name: 'agreements.csv',
      columns: ['EMP_ID', 'SUPV_EMP_ID', 'SIGN_DT', 'RVW_DT'],
      rows: data.agreements.map((a) => ({ EMP_ID: a.workerId, SUPV_EMP_ID: a.supervisorId, SIGN_DT: azeusDate(a.signed), RVW_DT: azeusDate(a.reviewed) })),
    },
    {
      name: 'caseworker.csv',
      columns: ['CASE_ID', 'EMP_ID', 'EFFECTIVE_START_DT', 'EFFECTIVE_END_DT', 'KEY_WKR_IND'],
      rows: data.allocations.map((a) => ({
        CASE_ID: a.personId,
        EMP_ID: a.workerId,
        EFFECTIVE_START_DT: azeusDate(a.start),
        EFFECTIVE_END_DT: azeusDate(a.end),
        KEY_WKR_IND: a.allocated ? 'Y' : 'N',
      })),
    },
    {
      name: 'plans.csv',
      columns: ['CASE_ID', 'PLAN_TYPE', 'EFFECT_START_DT', 'EFFECT_END_DT', 'PERM_IND', 'STABLE_PLCMT_IND', 'DISAB_ONLY_IND', 'LT_PLCMT_IND'],
      rows: data.plans.map((p) => ({
        CASE_ID: p.personId,
        PLAN_TYPE: AZEUS_PLAN[p.type],
        EFFECT_START_DT: azeusDate(p.start),
        EFFECT_END_DT: azeusDate(p.end),
        PERM_IND: indicator(p.flags.permanence),
        STABLE_PLCMT_IND: indicator(p.flags.stablePlacement),
        DISAB_ONLY_IND: indicator(p.flags.disabilityOnly),
        LT_PLCMT_IND: indicator(p.flags.longTermPlacement),
      })),
    },
    {
      name: 'case_activities.csv',
      columns: ['CASE_ACT_ID', 'CASE_ID', 'CASE_ACT_CD', 'CASE_ACT_DT', 'RESP_WKR', 'APPR_BY_USR', 'APPR_DT', 'CREATE_DT', 'STATUS', 'SUPV_ID', 'CASE_ACT_DET'],
      rows: data.caseSteps.map((c) => ({
        CASE_ACT_ID: c.id,
        CASE_ID: c.personId,
        CASE_ACT_CD: ACTIVITY[stepKind(c)],
        CASE_ACT_DT: azeusDate(c.at),
        RESP_WKR: c.workerId,
        APPR_BY_USR: c.supervisorId,
        APPR_DT: azeusDate(c.supervisorSigned),
        CREATE_DT: azeusDate(c.recorded),
        STATUS: ACTIVITY_STATUS[c.status],
        SUPV_ID: c.sessionId ?? '',
        CASE_ACT_DET: c.notes,
      })),
    },
  ];
}
