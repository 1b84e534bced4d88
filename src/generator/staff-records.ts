/**
 * Staff records as an HR system and learning platform hold them, made from the generated
 * workers without drawing on the scenario's random numbers (so adding them changes no other
 * export): registrations renewed each year, a DBS check before starting and every three years,
 * an appraisal and a development plan each year, and for managers and supervisors a course in
 * supervising staff. Every worker is compliant; samples plant the problems they show.
 */
import type { StaffRecordType } from '../model/records.js';
import type { GenDataset, GenStaffRecord, GenWorker, HrWords } from './model.js';
import type { ExportFile } from './writers/csv-files.js';
import { addDays, addMonths, formatDay, parseIsoDay, ymdFromDay } from '../time/calendar.js';

const REGISTERED_ROLES = new Set(['asye', 'practitioner', 'senior-practitioner', 'team-manager', 'service-manager', 'head-of-service', 'occupational-therapist']);
const MANAGER_ROLES = new Set(['team-manager', 'service-manager', 'head-of-service']);

const iso = (text: string): number => parseIsoDay(text.slice(0, 10))!;

function registrationType(worker: GenWorker): StaffRecordType | null {
  if (!REGISTERED_ROLES.has(worker.role)) return null;
  if (worker.profession === 'Social Work') return 'SWE_REGISTRATION';
  if (worker.profession === 'Occupational Therapy') return 'HCPC_REGISTRATION';
  return null;
}

/** Dates from `first`, each `step` months after the last, up to `last`. */
function monthly(first: number, stepMonths: number, last: number): number[] {
  const out: number[] = [];
  for (let d = first; d <= last; d = addMonths(d, stepMonths)) out.push(d);
  return out;
}

export function makeStaffRecords(data: Pick<GenDataset, 'workers' | 'assignments'>, asOf: string): GenStaffRecord[] {
  const records: GenStaffRecord[] = [];
  const until = iso(asOf);
  const supervisors = new Set(data.assignments.map((a) => a.supervisorId));
  for (const worker of data.workers) {
    const start = iso(worker.start);
    const last = Math.min(worker.end === null ? until : iso(worker.end), until);
    if (start > until) continue;
    const add = (type: StaffRecordType, date: number, validUntil: number | null = null, reference: string | null = null): void => {
      records.push({ workerId: worker.id, type, date: formatDay(date), validUntil: validUntil === null ? null : formatDay(validUntil), reference, note: '' });
    };
    // Registration: before starting, to the next 30 November; then renewed each November for a year.
    const registration = registrationType(worker);
    if (registration !== null) {
      const number = `${registration === 'SWE_REGISTRATION' ? 'SW' : 'OT'}${String(100000 + Number(worker.id.replace(/\D/g, '')) % 900000)}`;
      const first = addDays(start, -30);
      const firstYear = ymdFromDay(start).month === 12 ? ymdFromDay(start).year + 1 : ymdFromDay(start).year;
      add(registration, first, parseIsoDay(`${firstYear}-11-30`)!, number);
      for (let year = firstYear; parseIsoDay(`${year}-11-20`)! <= last; year++) add(registration, parseIsoDay(`${year}-11-20`)!, parseIsoDay(`${year + 1}-11-30`)!, number);
    }
    for (const date of monthly(addDays(start, -21), 35, last)) add('DBS_CHECK', date, null, null);
    for (const date of monthly(addMonths(start, 11), 12, last)) {
      add('APPRAISAL', date);
      add('PDP', addDays(date, 7));
    }
    if (MANAGER_ROLES.has(worker.role) || supervisors.has(worker.id)) {
      const trained = addMonths(start, 2);
      if (trained <= last) add('TRAINING', trained, null, 'SUPERVISION_SKILLS');
    }
    const safeguarding = addMonths(start, 4);
    if (safeguarding <= last) add('TRAINING', safeguarding, null, 'SAFEGUARDING_L3');
  }
  return records;
}

/** The staff records export, as the HR system words it (the reference layout's codes by default). */
export function staffRecordsFile(records: readonly GenStaffRecord[], words?: HrWords): ExportFile {
  const dmy = (text: string | null): string => (text === null ? '' : `${text.slice(8, 10)}/${text.slice(5, 7)}/${text.slice(0, 4)}`);
  // What else the HR system holds comes as a column of its own, where it holds anything.
  const notes = records.some((r) => r.note !== '');
  return {
    name: 'staff_records.csv',
    columns: ['WORKER_ID', 'RECORD_TYPE', 'RECORD_DATE', 'VALID_UNTIL', 'REFERENCE', ...(notes ? ['HR_NOTES'] : [])],
    rows: records.map((r) => ({
      WORKER_ID: r.workerId,
      RECORD_TYPE: words?.types[r.type] ?? r.type,
      RECORD_DATE: dmy(r.date),
      VALID_UNTIL: dmy(r.validUntil),
      REFERENCE: r.type === 'TRAINING' && r.reference !== null ? (words?.courses[r.reference] ?? r.reference) : (r.reference ?? ''),
      HR_NOTES: r.note,
    })),
  };
}

/** The staff records of a dataset: its own, or made from its workers. */
export function staffRecordsOf(data: GenDataset): GenStaffRecord[] {
  return data.staffRecords ?? makeStaffRecords(data, data.asOf);
}

/** An iTrent-style HR system's words for record types and courses, as the bundled samples' councils write them. */
export const ITRENT_WORDS: HrWords = {
  types: {
    SWE_REGISTRATION: 'Prof Registration - SWE',
    HCPC_REGISTRATION: 'Prof Registration - HCPC',
    DBS_CHECK: 'DBS Enhanced Check',
    APPRAISAL: 'Annual Appraisal',
    PDP: 'Personal Development Plan',
    TRAINING: 'Course Attended',
  },
  courses: { SUPERVISION_SKILLS: 'Supervising Others (Level 2)', SAFEGUARDING_L3: 'Safeguarding Children Level 3' },
};

/** The HR text planted in the export to prove that it is never read: no report may contain it. */
export const HR_SECRETS = ['Disciplinary: final written warning issued (HR only)', 'DBS outcome: information disclosed, risk assessed'];

/**
 * The problems a sample's HR export shows, each on a worker chosen by id so that the choice is
 * repeatable: a registration renewed 45 days late, one lapsed a month before the audit date and
 * not renewed, one renewed on the day it lapsed (no finding: the boundary), appraisals and plans
 * stopped, no DBS check, and a manager never trained to supervise.
 */
export function plantStaffRecordProblems(data: GenDataset): GenStaffRecord[] {
  const records = makeStaffRecords(data, data.asOf);
  const inPost = (w: GenWorker): boolean => w.end === null && iso(w.start) < iso('2024-01-01');
  const byId = (a: GenWorker, b: GenWorker): number => a.id.localeCompare(b.id, 'en', { numeric: true });
  const registered = data.workers.filter((w) => inPost(w) && registrationType(w) === 'SWE_REGISTRATION' && !MANAGER_ROLES.has(w.role)).sort(byId);
  const managers = data.workers.filter((w) => inPost(w) && MANAGER_ROLES.has(w.role)).sort(byId);
  const renewal = (workerId: string): GenStaffRecord | undefined => records.find((r) => r.workerId === workerId && r.type === 'SWE_REGISTRATION' && r.date === '2025-11-20');
  const [lateRenewal, lapsed, onTheDay, noAppraisal, noDbs] = registered;
  if (lateRenewal) renewal(lateRenewal.id)!.date = '2026-01-15';
  if (lapsed) renewal(lapsed.id)!.validUntil = '2026-09-30';
  if (onTheDay) renewal(onTheDay.id)!.date = '2025-11-30';
  const without = (workerId: string | undefined, drop: (r: GenStaffRecord) => boolean): void => {
    if (workerId === undefined) return;
    for (let i = records.length - 1; i >= 0; i--) if (records[i]!.workerId === workerId && drop(records[i]!)) records.splice(i, 1);
  };
  without(noAppraisal?.id, (r) => (r.type === 'APPRAISAL' || r.type === 'PDP') && r.date > '2025-03-01');
  without(noDbs?.id, (r) => r.type === 'DBS_CHECK');
  without(managers[0]?.id, (r) => r.type === 'TRAINING' && r.reference === 'SUPERVISION_SKILLS');
  const dbs = records.filter((r) => r.type === 'DBS_CHECK');
  HR_SECRETS.forEach((secret, i) => {
    if (dbs[i]) dbs[i]!.note = secret;
  });
  return records;
}
