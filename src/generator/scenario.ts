/**
 * Makes a realistic children's services dataset: teams with their managers, practitioners,
 * newly qualified workers and students; starters and leavers; a change of team manager;
 * supervision that is mostly on time with late, short, cancelled and late-recorded sessions;
 * agreements and reviews; cases moving from assessment to their plans, reallocated when a
 * worker leaves, discussed mostly on rhythm. Everything follows from the seed.
 */
import { addMonths, formatDay, parseIsoDay, type Day } from '../time/calendar.js';
import { addWorkingDays } from '../time/bank-holidays.js';
import type { PlanFlag, PlanType } from '../model/records.js';
import type { GenAllocation, GenAssignment, GenCaseStep, GenDataset, GenPlan, GenResidence, GenSession, GenWorker } from './model.js';
import { Random } from './random.js';

export interface ScenarioOptions {
  seed: number;
  /** About how many workers (managers included). */
  workers: number;
  /** Months of history before the audit date. */
  months: number;
  /** The audit date the data is made for; a few events follow it. */
  asOf: string;
  /** Cases per case-holding worker at a time. */
  caseload: number;
  /** Children's social care (the default) or adult social care. */
  service?: 'children' | 'adults';
  /** Case files audited about yearly (as Portsmouth asks). */
  fileAudits?: boolean;
  /** Children living in the residential home, discussed at its staff's sessions (as Walsall asks). */
  residents?: boolean;
  /** Incidents about foster carers, followed up at their worker's sessions (as Walsall asks). */
  incidents?: boolean;
  /** How often supervision agreements are reviewed, in months (12 unless the policy asks more often, as Newham's 6). */
  agreementReviewMonths?: number;
}

const FIRST = ['Amira', 'Ben', 'Chloe', 'Dev', 'Ellie', 'Farah', 'George', 'Hannah', 'Imran', 'Jess', 'Kieran', 'Leah', 'Mo', 'Niamh', 'Owen', 'Priya', 'Rory', 'Sana', 'Tom', 'Yasmin'];
const LAST = ['Ahmed', 'Bell', 'Clarke', 'Dunn', 'Evans', 'Fox', 'Green', 'Hussain', 'Iqbal', 'Jones', 'Khan', 'Lowe', 'Moss', 'Nash', 'Okafor', 'Patel', 'Reid', 'Shaw', 'Taylor', 'Walsh'];
const TOPICS = ['CASEWORK', 'IMPACT', 'RECORDS', 'RESEARCH', 'DEVELOPMENT', 'TRAINING', 'RELATIONSHIP'];
const CANCEL_REASONS = ['Supervisor on leave', 'Court attendance', 'Worker sick', 'Emergency strategy meeting', 'Training day'];

interface TeamKind {
  name: string;
  /** The plans its cases move to after assessment (or start on). */
  plans: PlanType[];
  assesses: boolean;
  residential?: boolean;
  therapy?: boolean;
}

const TEAMS: TeamKind[] = [
  { name: 'Assessment Team North', plans: ['cin', 'cp'], assesses: true },
  { name: 'Safeguarding Team Central', plans: ['cp', 'cin'], assesses: false },
  { name: 'Children in Care Team', plans: ['cic'], assesses: false },
  { name: 'Leaving Care Team', plans: ['care-leaver'], assesses: false },
  { name: "Disabled Children's Team", plans: ['cin'], assesses: true },
  { name: 'Fostering Team', plans: ['foster-carer', 'adopter'], assesses: false },
  { name: 'Oakwell House (residential)', plans: [], assesses: false, residential: true },
];

/**
 * Adult social care: locality and specialist teams of social workers, and an occupational
 * therapy team whose manager is a social worker, so that its therapists need professional
 * supervision from their own profession.
 */
const ADULT_TEAMS: TeamKind[] = [
  { name: 'Locality Team East', plans: ['adult-care'], assesses: false },
  { name: 'Occupational Therapy Team', plans: ['adult-care'], assesses: false, therapy: true },
  { name: 'Hospital Discharge Team', plans: ['adult-care'], assesses: false },
  { name: 'Learning Disabilities Team', plans: ['adult-care'], assesses: false },
  { name: 'Locality Team West', plans: ['adult-care'], assesses: false },
];

type StaffPost = Pick<GenWorker, 'title' | 'role' | 'profession'>;

/** The post of the i-th member of an adult team. */
function adultPost(team: TeamKind, i: number): StaffPost {
  if (team.therapy) {
    if (i % 4 === 3) return { title: 'Occupational Therapy Assistant', role: 'support-worker', profession: 'Other' };
    return { title: i === 0 ? 'Senior Occupational Therapist' : 'Occupational Therapist', role: 'occupational-therapist', profession: 'Occupational Therapy' };
  }
  if (i === 0) return { title: 'Senior Practitioner', role: 'senior-practitioner', profession: 'Social Work' };
  if (i % 5 === 3) return { title: 'ASYE Social Worker', role: 'asye', profession: 'Social Work' };
  if (i % 5 === 4) return { title: 'Assistant Practitioner', role: 'support-worker', profession: 'Other' };
  return { title: i % 2 === 0 ? 'Adult Social Worker' : 'Locality Social Worker', role: 'practitioner', profession: 'Social Work' };
}

const NO_FLAGS: Record<PlanFlag, boolean> = { permanence: false, stablePlacement: false, disabilityOnly: false, longTermPlacement: false };

class Ids {
  private n: Record<string, number> = { worker: 10_000, person: 500_000, step: 9_000_000 };
  next(kind: 'worker' | 'person' | 'step'): string {
    this.n[kind]! += 1;
    return String(this.n[kind]);
  }
}

const iso = formatDay;
function at(day: Day, minutes: number): string {
  return `${iso(day)} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function makeScenario(options: ScenarioOptions): GenDataset {
  const rnd = new Random(options.seed);
  const ids = new Ids();
  const asOf = parseIsoDay(options.asOf)!;
  const dataStart = addMonths(asOf, -options.months);
  const dataEnd = asOf + 10;
  const out: GenDataset = { asOf: options.asOf, workers: [], assignments: [], sessions: [], agreements: [], allocations: [], plans: [], caseSteps: [], residences: [], incidents: [] };

  const person = (): { first: string; last: string } => ({ first: rnd.pick(FIRST), last: rnd.pick(LAST) });
  const adults = options.service === 'adults';
  const teams = adults ? ADULT_TEAMS : TEAMS;
  const leadership = adults ? 'Adult Social Care Leadership' : 'Children’s Services Leadership';
  const addWorker = (w: Omit<GenWorker, 'id' | 'firstNames' | 'lastNames' | 'service' | 'profession'> & Partial<GenWorker>): GenWorker => {
    const { first, last } = person();
    const service = adults ? 'Adult Social Care' : "Children's Social Care";
    const worker: GenWorker = { id: ids.next('worker'), firstNames: first, lastNames: last, service, profession: 'Social Work', ...w };
    out.workers.push(worker);
    return worker;
  };
  const longAgo = (): Day => dataStart - rnd.int(200, 2500);

  // ---- The organisation --------------------------------------------------------------------
  const head = addWorker({ title: 'Head of Service', role: 'head-of-service', team: leadership, start: iso(longAgo()), end: null, asyeStart: null });
  // The head of service is supervised by the director, who is not in the case management system.
  out.assignments.push({ workerId: head.id, supervisorId: '10000', start: iso(parseIsoDay(head.start)!), end: null });

  const teamsWanted = Math.max(1, Math.min(teams.length, Math.round(options.workers / 6)));
  const perTeam = Math.max(3, Math.round((options.workers - 1 - Math.ceil(teamsWanted / 3)) / teamsWanted) - 1);
  const serviceManagers: GenWorker[] = [];
  for (let i = 0; i < Math.ceil(teamsWanted / 3); i++) {
    const sm = addWorker({ title: 'Service Manager', role: 'service-manager', team: leadership, start: iso(longAgo()), end: null, asyeStart: null });
    serviceManagers.push(sm);
    out.assignments.push({ workerId: sm.id, supervisorId: head.id, start: sm.start, end: null });
  }

  const caseHolders: Array<{ worker: GenWorker; team: TeamKind; from: Day; to: Day }> = [];
  for (let t = 0; t < teamsWanted; t++) {
    const team = teams[t % teams.length]!;
    const teamName = t < teams.length ? team.name : `${team.name} ${Math.floor(t / teams.length) + 1}`;
    const sm = serviceManagers[Math.floor(t / 3)]!;
    const manager = addWorker({ title: team.residential ? 'Residential Manager' : 'Team Manager', role: 'team-manager', team: teamName, start: iso(longAgo()), end: null, asyeStart: null });
    out.assignments.push({ workerId: manager.id, supervisorId: sm.id, start: manager.start, end: null });

    // In the second team the manager leaves mid-way and a new one takes over the team.
    const managers: Array<{ id: string; from: Day; to: Day | null }> = [{ id: manager.id, from: parseIsoDay(manager.start)!, to: null }];
    if (t === 1) {
      const handover = addMonths(dataStart, Math.floor(options.months / 2));
      manager.end = iso(handover - 1);
      out.assignments[out.assignments.length - 1]!.end = manager.end;
      managers[0]!.to = handover - 1;
      const next = addWorker({ title: 'Team Manager', role: 'team-manager', team: teamName, start: iso(handover - 14), end: null, asyeStart: null });
      out.assignments.push({ workerId: next.id, supervisorId: sm.id, start: next.start, end: null });
      managers.push({ id: next.id, from: handover, to: null });
    }

    for (let i = 0; i < perTeam; i++) {
      if (adults) {
        const post = adultPost(team, i);
        const starter = post.role === 'asye' || rnd.chance(0.12);
        const start = starter ? dataStart + rnd.int(10, Math.max(11, asOf - dataStart - 120)) : longAgo();
        const end = !starter && rnd.chance(0.1) ? rnd.int(dataStart + 60, asOf - 20) : null;
        const worker = addWorker({ ...post, team: teamName, start: iso(start), end: end === null ? null : iso(end), asyeStart: post.role === 'asye' ? iso(start) : null });
        for (const m of managers) {
          const from = Math.max(start, m.from);
          const to = m.to === null ? end : end === null ? m.to : Math.min(m.to, end);
          if (to !== null && to < from) continue;
          out.assignments.push({ workerId: worker.id, supervisorId: m.id, start: iso(from), end: to === null ? null : iso(to) });
        }
        if (post.role !== 'support-worker') caseHolders.push({ worker, team, from: Math.max(start + (post.role === 'asye' ? 60 : 0), dataStart - 200), to: end ?? dataEnd });
        continue;
      }
      const kind = team.residential
        ? rnd.pick(['Residential Care Worker', 'Residential Care Worker', 'Senior Residential Care Worker'] as const)
        : i === 0
          ? 'Senior Social Worker'
          : i % 5 === 3
            ? 'ASYE Social Worker'
            : i % 5 === 4
              ? 'Family Support Worker'
              : 'Social Worker';
      const role = kind === 'ASYE Social Worker' ? 'asye' : kind === 'Senior Social Worker' ? 'senior-practitioner' : kind === 'Family Support Worker' ? 'support-worker' : kind.includes('Residential') ? 'residential-worker' : 'practitioner';
      const starter = role === 'asye' || rnd.chance(0.12);
      const start = starter ? dataStart + rnd.int(10, Math.max(11, asOf - dataStart - 120)) : longAgo();
      const leaves = !starter && rnd.chance(0.1);
      const end = leaves ? rnd.int(dataStart + 60, asOf - 20) : null;
      const worker = addWorker({
        title: kind,
        role,
        team: teamName,
        start: iso(start),
        end: end === null ? null : iso(end),
        asyeStart: role === 'asye' ? iso(start) : null,
        profession: role === 'support-worker' || role === 'residential-worker' ? 'Other' : 'Social Work',
      });
      for (const m of managers) {
        const from = Math.max(start, m.from);
        const to = m.to === null ? end : end === null ? m.to : Math.min(m.to, end);
        if (to !== null && to < from) continue;
        out.assignments.push({ workerId: worker.id, supervisorId: m.id, start: iso(from), end: to === null ? null : iso(to) });
      }
      if (!team.residential && role !== 'support-worker') {
        caseHolders.push({ worker, team, from: Math.max(start + (role === 'asye' ? 60 : 0), dataStart - 200), to: end ?? dataEnd });
      }
    }
    // A student on placement in every other children's team.
    if (t % 2 === 0 && !team.residential && !adults) {
      const placementStart = dataStart + rnd.int(30, Math.max(31, asOf - dataStart - 150));
      const student = addWorker({ title: 'Student Social Worker', role: 'student', team: teamName, start: iso(placementStart), end: iso(placementStart + 100), asyeStart: null });
      for (const m of managers) {
        if (m.to !== null && m.to < placementStart) continue;
        out.assignments.push({ workerId: student.id, supervisorId: m.id, start: student.start, end: student.end });
        break;
      }
    }
  }

  // ---- Supervision sessions and agreements -----------------------------------------------------
  const byWorker = new Map(out.workers.map((w) => [w.id, w]));
  for (const a of out.assignments) {
    const worker = byWorker.get(a.workerId)!;
    const from = Math.max(parseIsoDay(a.start)!, dataStart);
    const to = Math.min(a.end ? parseIsoDay(a.end)! : dataEnd, dataEnd);
    if (to < from) continue;
    makeAgreements(rnd, out, a, dataEnd, options.agreementReviewMonths ?? 12);
    makeSessions(rnd, ids, out, worker, a.supervisorId, from, to);
  }

  // ---- Professional supervision for therapists managed by a social worker ----------------------
  if (adults) makeProfessionalSessions(rnd, ids, out, dataStart, dataEnd);

  // ---- Cases -----------------------------------------------------------------------------------
  const casesFrom = out.plans.length;
  for (const holder of caseHolders) {
    const { worker, team } = holder;
    const load = Math.max(1, Math.round(options.caseload * (worker.role === 'asye' ? 0.6 : 1)));
    for (let c = 0; c < load * 2; c++) {
      const start = c < load ? rnd.int(holder.from - 300, holder.from + 60) : rnd.int(holder.from, Math.max(holder.from + 1, Math.min(holder.to, asOf) - 30));
      makeCase(rnd, ids, out, worker, team, Math.max(start, dataStart - 400), holder.to, asOf, dataEnd, caseHolders);
    }
  }
  if (options.fileAudits) makeFileAudits(new Random(options.seed + 1), ids, out, casesFrom, dataEnd);
  if (options.residents) makeResidents(new Random(options.seed + 2), ids, out, dataStart, dataEnd);
  if (options.incidents) makeIncidents(new Random(options.seed + 3), ids, out, dataStart, asOf);
  return out;
}

/**
 * Occupational therapists whose manager is a social worker have professional supervision from
 * the team's senior therapist (the senior therapist from outside the council) about every
 * three months, now and then much later.
 */
function makeProfessionalSessions(rnd: Random, ids: Ids, out: GenDataset, dataStart: Day, dataEnd: Day): void {
  const therapists = out.workers.filter((w) => w.profession === 'Occupational Therapy');
  for (const worker of therapists) {
    const senior = therapists.find((t) => t.team === worker.team && t.title.startsWith('Senior') && t !== worker);
    const supervisorId = senior?.id ?? '10000';
    const end = Math.min(worker.end ? parseIsoDay(worker.end)! : dataEnd, dataEnd);
    let day = Math.max(parseIsoDay(worker.start)!, dataStart) + rnd.int(5, 40);
    while (day <= end) {
      out.sessions.push({ ...session(rnd, ids, worker, supervisorId, day, 14 * 60, 'held'), kind: 'professional', durationMinutes: 60, topics: [] });
      day += rnd.chance(0.15) ? rnd.int(100, 160) : rnd.int(70, 92);
    }
  }
}

/**
 * A manager audits each case file about yearly, now and then late; its own random stream, so
 * that asking for audits changes nothing else in the data.
 */
function makeFileAudits(rnd: Random, ids: Ids, out: GenDataset, casesFrom: number, dataEnd: Day): void {
  const spans = new Map<string, { from: Day; to: Day }>();
  for (const plan of out.plans.slice(casesFrom)) {
    const from = parseIsoDay(plan.start)!;
    const to = plan.end ? parseIsoDay(plan.end)! : dataEnd;
    const span = spans.get(plan.personId);
    spans.set(plan.personId, span ? { from: Math.min(span.from, from), to: Math.max(span.to, to) } : { from, to });
  }
  const auditorOf = new Map<string, string>();
  for (const step of out.caseSteps) if (step.supervisorId && !auditorOf.has(step.personId)) auditorOf.set(step.personId, step.supervisorId);
  for (const [personId, { from, to }] of spans) {
    const auditor = auditorOf.get(personId) ?? '10000';
    let day = from + rnd.int(30, 300);
    while (day <= Math.min(to, dataEnd)) {
      out.caseSteps.push({
        id: ids.next('step'), personId, kind: { audit: 'case-file' }, workerId: auditor, supervisorId: auditor, status: 'held',
        at: at(day, 14 * 60), recorded: at(day, 15 * 60), supervisorSigned: null, workerSigned: null, sessionId: null, notes: 'File audited.',
      });
      day += rnd.chance(0.15) ? rnd.int(380, 480) : rnd.int(300, 364);
    }
  }
}

/**
 * Children living in each residential home, a few arriving and leaving, each discussed at
 * every supervision session of the home's staff, now and then forgotten; its own random stream.
 */
function makeResidents(rnd: Random, ids: Ids, out: GenDataset, dataStart: Day, dataEnd: Day): void {
  const homes = [...new Set(out.workers.filter((w) => w.role === 'residential-worker').map((w) => w.team))];
  for (const home of homes) {
    const residents: GenResidence[] = [];
    const count = rnd.int(4, 6);
    for (let i = 0; i < count; i++) {
      const personId = ids.next('person');
      const start = rnd.chance(0.7) ? dataStart - rnd.int(30, 400) : dataStart + rnd.int(30, dataEnd - dataStart - 60);
      const end = rnd.chance(0.25) ? start + rnd.int(90, 300) : null;
      residents.push({ personId, home, start: formatDay(start), end: end === null || end > dataEnd ? null : formatDay(end) });
      out.plans.push({ personId, type: 'cic', start: formatDay(start), end: end === null || end > dataEnd ? null : formatDay(end), flags: { ...NO_FLAGS, stablePlacement: true } });
    }
    out.residences.push(...residents);
    const staff = new Set(out.workers.filter((w) => w.team === home && w.role === 'residential-worker').map((w) => w.id));
    for (const session of out.sessions) {
      if (!staff.has(session.workerId) || session.status !== 'held' || session.kind !== 'planned') continue;
      const day = session.at.slice(0, 10);
      for (const r of residents) {
        if (r.start > day || (r.end !== null && r.end < day) || rnd.chance(0.04)) continue;
        out.caseSteps.push({
          id: ids.next('step'), personId: r.personId, kind: { discussion: 'supervision' }, workerId: session.workerId, supervisorId: session.supervisorId,
          status: 'held', at: session.at, recorded: session.recorded, supervisorSigned: session.supervisorSigned, workerSigned: session.workerSigned, sessionId: session.id,
          notes: 'Discussed in supervision.',
        });
      }
    }
  }
}

const INCIDENT_TYPES = ['Allegation', 'Complaint', 'Concern', 'Incident'];

/**
 * Now and then an incident about a foster carer household, resolved weeks or months later (or
 * still open), discussed at each session of the carer's worker meanwhile, now and then not;
 * its own random stream.
 */
function makeIncidents(rnd: Random, ids: Ids, out: GenDataset, dataStart: Day, asOf: Day): void {
  const carers = out.plans.filter((p) => p.type === 'foster-carer');
  for (const carer of carers) {
    if (!rnd.chance(0.35)) continue;
    const holder = out.allocations.find((a) => a.personId === carer.personId && a.allocated);
    if (!holder) continue;
    const date = Math.max(parseIsoDay(carer.start)!, dataStart) + rnd.int(10, 300);
    if (date > asOf) continue;
    const resolved = rnd.chance(0.7) ? date + rnd.int(20, 120) : null;
    const incident = { id: ids.next('step'), personId: carer.personId, date: formatDay(date), resolved: resolved === null || resolved > asOf ? null : formatDay(resolved), type: rnd.pick(INCIDENT_TYPES) };
    out.incidents.push(incident);
    for (const session of out.sessions) {
      if (session.workerId !== holder.workerId || session.status !== 'held' || session.kind !== 'planned') continue;
      const day = parseIsoDay(session.at.slice(0, 10))!;
      if (day <= date || (resolved !== null && day >= resolved) || rnd.chance(0.08)) continue;
      out.caseSteps.push({
        id: ids.next('step'), personId: carer.personId, kind: { discussion: 'supervision' }, workerId: session.workerId, supervisorId: session.supervisorId,
        status: 'held', at: session.at, recorded: session.recorded, supervisorSigned: session.supervisorSigned, workerSigned: session.workerSigned, sessionId: session.id,
        notes: 'Incident followed up.',
      });
    }
  }
}

function makeAgreements(rnd: Random, out: GenDataset, a: GenAssignment, dataEnd: Day, reviewMonths: number): void {
  const cycle = Math.round((reviewMonths * 365) / 12);
  if (rnd.chance(0.03)) return; // never signed
  const end = Math.min(a.end ? parseIsoDay(a.end)! : dataEnd, dataEnd);
  let signed = parseIsoDay(a.start)! + (rnd.chance(0.06) ? rnd.int(35, 70) : rnd.int(-5, 20));
  if (signed > end) return;
  // Reviewed about yearly (sometimes late), now and then re-signed instead. The export holds a
  // row per review, repeating the signing date, and a row for a signing not yet reviewed.
  const row = (reviewed: Day | null): void => {
    out.agreements.push({ workerId: a.workerId, supervisorId: a.supervisorId, signed: formatDay(signed), reviewed: reviewed === null ? null : formatDay(reviewed) });
  };
  let reviewed: Day | null = null;
  for (;;) {
    const next: Day = (reviewed ?? signed) + (rnd.chance(0.08) ? rnd.int(cycle + 15, cycle + 95) : rnd.int(cycle - 65, cycle - 3));
    if (next > end) break;
    if (rnd.chance(0.25)) {
      if (reviewed === null) row(null);
      signed = next;
      reviewed = null;
    } else {
      reviewed = next;
      row(reviewed);
    }
  }
  if (reviewed === null) row(null);
}

/** The rhythm a worker's sessions are booked at: weekly, fortnightly, or four-weekly. */
function bookingInterval(worker: GenWorker, day: Day): number {
  const asye = worker.asyeStart ? parseIsoDay(worker.asyeStart)! : null;
  if (worker.role === 'student') return 7;
  if (asye !== null && day < addMonths(asye, 3)) return 7;
  if (asye !== null && day < addMonths(asye, 6)) return 14;
  return 28;
}

/**
 * Sessions are booked on a regular rhythm; a booking is now and then cancelled (and held a few
 * days later) or slips; the next booking keeps to the rhythm.
 */
function makeSessions(rnd: Random, ids: Ids, out: GenDataset, worker: GenWorker, supervisorId: string, from: Day, to: Day): void {
  const reliability = rnd.pick([0.995, 0.99, 0.99, 0.97, 0.9]);
  let booked = from + rnd.int(0, 10);
  while (booked <= to) {
    const interval = bookingInterval(worker, booked);
    const minutes = rnd.pick([9 * 60 + 30, 10 * 60, 11 * 60, 13 * 60 + 30, 14 * 60]);
    let day = booked;
    if (rnd.chance(0.05)) {
      out.sessions.push(session(rnd, ids, worker, supervisorId, day, minutes, rnd.chance(0.3) ? 'postponed' : 'cancelled'));
      day += rnd.chance(0.85) ? rnd.int(1, Math.max(1, Math.round(interval / 9))) : rnd.int(15, 25);
    } else if (!rnd.chance(reliability)) {
      day += rnd.int(3, Math.max(6, Math.round(interval * 0.7)));
    }
    if (day <= to) {
      out.sessions.push(session(rnd, ids, worker, supervisorId, day, minutes, rnd.chance(0.015) ? 'incomplete' : 'held'));
      if (rnd.chance(0.25)) {
        const adhoc = day + rnd.int(2, 10);
        if (adhoc <= to) out.sessions.push({ ...session(rnd, ids, worker, supervisorId, adhoc, rnd.int(9 * 60, 17 * 60), 'held'), kind: 'ad-hoc', durationMinutes: rnd.int(10, 40), topics: [] });
      }
    }
    // The next booking runs from the session actually held, a few days early for the longer rhythms.
    booked = day + interval - (interval > 7 ? rnd.int(0, 3) : 0);
  }
}

function session(rnd: Random, ids: Ids, worker: GenWorker, supervisorId: string, day: Day, minutes: number, status: GenSession['status']): GenSession {
  const held = status === 'held';
  const recordedDay = day + (rnd.chance(0.07) ? rnd.int(4, 15) : rnd.int(0, 2));
  const recorded = held ? at(recordedDay, rnd.int(9 * 60, 17 * 60 + 30)) : null;
  const duration = rnd.chance(0.03) ? null : rnd.chance(0.06) ? rnd.pick([45, 60, 75, 80]) : rnd.pick([90, 90, 95, 100, 105, 120]);
  return {
    id: ids.next('step'),
    kind: 'planned',
    workerId: worker.id,
    supervisorId,
    status,
    at: at(day, minutes),
    durationMinutes: held ? duration : null,
    cancelReason: status === 'cancelled' || status === 'postponed' ? (rnd.chance(0.85) ? rnd.pick(CANCEL_REASONS) : null) : null,
    recorded,
    supervisorSigned: recorded,
    workerSigned: held && rnd.chance(0.9) ? formatDay(recordedDay + rnd.int(0, 10)) : null,
    diversity: held ? (rnd.chance(0.88) ? true : rnd.chance(0.4) ? false : null) : null,
    topics: held ? rnd.some(TOPICS, 0.55) : [],
    notes: held ? `Reflective discussion with ${worker.firstNames}; actions agreed on caseload and training.` : '',
    wellbeing: held && rnd.chance(0.3) ? `${worker.firstNames} spoke about pressures at home.` : '',
  };
}

const CASE_RHYTHM: Record<PlanType, [number, number]> = {
  assessment: [12, 28],
  cin: [20, 30],
  cp: [18, 29],
  cic: [20, 30],
  'care-leaver': [20, 30],
  'adoption-placement': [40, 60],
  'adoption-support': [40, 60],
  'private-fostering': [20, 30],
  'early-help': [20, 30],
  adopter: [20, 30],
  'foster-carer': [22, 30],
  'adult-care': [40, 85],
};

function makeCase(
  rnd: Random,
  ids: Ids,
  out: GenDataset,
  worker: GenWorker,
  team: TeamKind,
  start: Day,
  holderEnd: Day,
  asOf: Day,
  dataEnd: Day,
  holders: Array<{ worker: GenWorker; team: TeamKind; from: Day; to: Day }>,
): void {
  const personId = ids.next('person');
  const episodes: GenPlan[] = [];
  let day = start;
  if (team.assesses) {
    const end = addWorkingDays(day, rnd.int(20, 45));
    episodes.push({ personId, type: 'assessment', start: formatDay(day), end: formatDay(end), flags: { ...NO_FLAGS } });
    day = end + 1;
  }
  const type = rnd.pick(team.plans);
  const disabled = team.name.startsWith('Disabled');
  const flags = {
    permanence: (type === 'cic' || type === 'care-leaver' || type === 'foster-carer') && rnd.chance(0.5),
    stablePlacement: (disabled || type === 'cic' || type === 'care-leaver' || type === 'foster-carer') && rnd.chance(0.6),
    disabilityOnly: disabled && rnd.chance(0.7),
    longTermPlacement: type === 'cic' && rnd.chance(0.4),
  };
  const closes = rnd.chance(0.35);
  const planEnd = closes ? day + rnd.int(60, 400) : null;
  if (!(team.assesses && rnd.chance(0.3))) {
    episodes.push({ personId, type, start: formatDay(day), end: planEnd === null ? null : formatDay(planEnd), flags });
  }
  const caseEnd = episodes.at(-1)!.end ? parseIsoDay(episodes.at(-1)!.end!)! : null;
  if (caseEnd !== null && caseEnd < start) return;
  out.plans.push(...episodes);

  // Allocation: this worker from shortly after the start; a colleague in the team when they leave.
  const allocated = start + rnd.int(0, 2);
  const handover = holderEnd < (caseEnd ?? dataEnd) ? holderEnd : null;
  const firstEnd = handover ?? caseEnd;
  const allocations: GenAllocation[] = [{ personId, workerId: worker.id, start: formatDay(allocated), end: firstEnd === null ? null : formatDay(firstEnd), allocated: true }];
  if (handover !== null) {
    const colleague = holders.find((h) => h.team === team && h.worker !== worker && h.to > handover && h.from <= handover);
    if (colleague) allocations.push({ personId, workerId: colleague.worker.id, start: formatDay(handover + 1), end: caseEnd === null ? null : formatDay(caseEnd), allocated: true });
  }
  if (rnd.chance(0.2)) allocations.push({ personId, workerId: worker.id, start: formatDay(allocated), end: null, allocated: false });
  out.allocations.push(...allocations);

  // Case discussions on the plan's rhythm, sometimes late; some management oversight between.
  for (const episode of episodes) {
    const [low, high] = CASE_RHYTHM[episode.type];
    const stable = episode.flags.permanence && episode.flags.stablePlacement;
    const from = parseIsoDay(episode.start)!;
    const to = Math.min(episode.end ? parseIsoDay(episode.end)! : dataEnd, dataEnd);
    let d = from + (episode.type === 'assessment' ? rnd.int(2, 16) : rnd.int(low, high));
    while (d <= to) {
      const holder = allocations.find((a) => a.allocated && parseIsoDay(a.start)! <= d && (a.end === null || parseIsoDay(a.end)! >= d)) ?? allocations[0]!;
      const supervisorId = out.assignments.find((a) => a.workerId === holder.workerId && parseIsoDay(a.start)! <= d && (a.end === null || parseIsoDay(a.end)! >= d))?.supervisorId ?? '10000';
      const recorded = d + (rnd.chance(0.08) ? rnd.int(3, 12) : rnd.int(0, 1));
      const step = (kind: 'supervision' | 'management-oversight', when: Day): GenCaseStep => ({
        id: ids.next('step'),
        personId,
        kind: { discussion: kind },
        workerId: holder.workerId,
        supervisorId,
        status: kind === 'supervision' && rnd.chance(0.01) ? 'incomplete' : 'held',
        at: at(when, rnd.int(9 * 60, 16 * 60)),
        recorded: at(recorded, rnd.int(9 * 60, 17 * 60)),
        supervisorSigned: at(recorded, 17 * 60 + 30),
        workerSigned: rnd.chance(0.85) ? formatDay(recorded + rnd.int(0, 14)) : null,
        sessionId: null,
        notes: `Case reviewed; plan progressing. Next steps agreed with ${holder.workerId}.`,
      });
      out.caseSteps.push(step('supervision', d));
      // A manager's oversight note now and then, between discussions.
      if (rnd.chance(0.1)) out.caseSteps.push(step('management-oversight', d + rnd.int(3, 12)));
      const gap = rnd.chance(0.04) ? rnd.int(high + 3, high + 35) : rnd.int(low, high);
      d += stable ? gap * 2 : episode.flags.disabilityOnly && episode.flags.stablePlacement ? Math.round(gap * 2.7) : gap;
    }
  }
  if (caseEnd !== null && caseEnd <= asOf && rnd.chance(0.7)) {
    out.caseSteps.push({
      id: ids.next('step'),
      personId,
      kind: { decision: 'closure' },
      workerId: allocations.at(-1)!.workerId,
      supervisorId: '',
      status: 'held',
      at: at(caseEnd, 12 * 60),
      recorded: at(caseEnd, 15 * 60),
      supervisorSigned: null,
      workerSigned: null,
      sessionId: null,
      notes: 'Closure agreed.',
    });
  }
}
