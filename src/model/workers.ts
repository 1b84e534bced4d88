/**
 * Workers over time (REQUIREMENTS.md, "Workers over time: several rows for one worker"). Every
 * row of a workers export is a period in a role and a team; a worker is their periods in order
 * of start. These functions answer what a worker was on a day, and cut a worker's time in post
 * into the unbroken stretches a rule judges.
 */
import { dayFromYmd, type Day } from '../time/calendar.js';
import type { Role, Worker, WorkerPeriod } from './records.js';
import { runsOf } from '../time/stretches.js';

/**
 * The start in post of a worker whose start was never recorded (REQUIREMENTS.md, "Workers with
 * no start date"): in post since long before any audit window, so every rule judges them from
 * their events alone, and nothing is due from a start that is not known.
 */
export const START_UNKNOWN: Day = dayFromYmd(1900, 1, 1);

/**
 * Each worker from their rows, in the order workers are first met. Periods are taken in order
 * of start (rows of one start in source order, the first kept: the loader has already rejected
 * the others); where one starts on or before the previous one's end, the earlier ends the day
 * before. The worker's own fields are the latest period's, but for the start (the first
 * period's), the ASYE start (the first given) and the name and staff number (the latest given).
 */
export function workerHistories(rows: readonly WorkerPeriod[]): Worker[] {
  const byId = new Map<string, WorkerPeriod[]>();
  for (const row of rows) {
    const list = byId.get(row.id);
    if (list) list.push(row);
    else byId.set(row.id, [row]);
  }
  const workers: Worker[] = [];
  for (const list of byId.values()) workers.push(list.length === 1 ? workerOf(list[0]!, list[0]!, list) : history(list));
  return workers;
}

/**
 * A worker, its fields always in one order: objects spread from their rows each got a shape of
 * their own, and every read of a worker's periods (for each session, finding and subject) then
 * went the slow way.
 */
function workerOf(latest: WorkerPeriod, own: Pick<Worker, 'staffNumber' | 'name' | 'start' | 'asyeStart' | 'file' | 'line'>, periods: WorkerPeriod[]): Worker {
  return {
    id: latest.id,
    staffNumber: own.staffNumber,
    name: own.name,
    role: latest.role,
    profession: latest.profession,
    team: latest.team,
    service: latest.service,
    start: own.start,
    asyeStart: own.asyeStart,
    end: latest.end,
    file: own.file,
    line: own.line,
    periods,
  };
}

function history(rows: WorkerPeriod[]): Worker {
  const sorted = [...rows].sort((a, b) => a.start - b.start || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const periods: WorkerPeriod[] = [];
  for (const row of sorted) {
    const previous = periods.at(-1);
    if (previous && previous.start === row.start) continue;
    if (previous && (previous.end === null || previous.end >= row.start)) periods[periods.length - 1] = { ...previous, end: row.start - 1 };
    periods.push(row);
  }
  const latest = periods.at(-1)!;
  const given = <K extends 'name' | 'staffNumber' | 'asyeStart'>(key: K, from: 'first' | 'latest'): WorkerPeriod[K] => {
    const ordered = from === 'first' ? periods : [...periods].reverse();
    return ordered.find((p) => p[key] !== null)?.[key] ?? null;
  };
  return workerOf(
    latest,
    {
      name: given('name', 'latest'),
      staffNumber: given('staffNumber', 'latest'),
      asyeStart: given('asyeStart', 'first'),
      start: periods[0]!.start,
      file: periods[0]!.file,
      line: periods[0]!.line,
    },
    periods,
  );
}

/**
 * The period that says what a worker was on a day: the one covering it; on a day outside every
 * period, the last one that began before it (before the first, the first), so that a session a
 * day after the recorded end still has a role and a team.
 */
export function periodOn(worker: Worker, day: Day): WorkerPeriod {
  const { periods } = worker;
  // Asked for every session, finding and subject: most workers have one row.
  if (periods.length === 1) return periods[0]!;
  let found = periods[0]!;
  for (let i = 1; i < periods.length && periods[i]!.start <= day; i++) found = periods[i]!;
  return found;
}

/** Whether a day falls inside one of the worker's periods (between two of them is not in post). */
export function inPostOn(worker: Worker, day: Day): boolean {
  const period = periodOn(worker, day);
  return period.start <= day && (period.end === null || period.end >= day);
}

/**
 * The worker's team on a day (for figures and --team, the audit date): the period in force then,
 * or, when not in post, the one of their last day in post before it.
 */
export const teamOn = (worker: Worker, day: Day): string => periodOn(worker, day).team;

/** An unbroken run of days in post on which a rule applies to the worker. */
export interface Stretch {
  worker: Worker;
  start: Day;
  /** The stretch's last day; null while it goes on. */
  end: Day | null;
  /** Its periods, in order. */
  periods: WorkerPeriod[];
}

/**
 * The stretches of a worker's time in post whose periods a rule applies to: consecutive
 * matching periods with no day between them make one stretch (a promotion within the rule's
 * roles restarts nothing); a period it does not apply to, or a day out of post, ends one.
 * `sameStretch` may keep two matching periods apart (a change of the register they answer to).
 */
export function stretchesOf(worker: Worker, applies: (period: WorkerPeriod) => boolean, sameStretch?: (a: WorkerPeriod, b: WorkerPeriod) => boolean): Stretch[] {
  // Periods never overlap (workerHistories ends each before the next), so a period the rule does not apply to leaves a day uncovered.
  const matching = worker.periods.length === 1 ? (applies(worker.periods[0]!) ? worker.periods : []) : worker.periods.filter(applies);
  return runsOf(matching, (period) => period, sameStretch).map((run) => ({ worker, start: run.start, end: run.end, periods: run.items }));
}

/** The stretch a day belongs to, as periodOn finds its period (null when that period is not in one). */
export function stretchOn(stretches: readonly Stretch[], day: Day, worker: Worker): Stretch | null {
  if (worker.periods.length === 1) return stretches[0] ?? null;
  const period = periodOn(worker, day);
  return stretches.find((s) => s.periods.includes(period)) ?? null;
}

/** A rule that names roles applies to the periods in one of them. */
export const inRoles =
  (roles: readonly Role[]) =>
  (period: WorkerPeriod): boolean =>
    roles.includes(period.role);

/** The first day of the worker's first ASYE period, for a worker whose rows give no ASYE start. */
export function firstAsyeDay(worker: Worker): Day | null {
  return worker.periods.find((p) => p.role === 'asye')?.start ?? null;
}
