/** Parameter schemas and helpers that several checks share. */
import { z } from 'zod';
import { memo, rememberedRows, type HeldRows } from './held.js';
import { addInterval, describeInterval, intervalSchema, type Interval } from '../time/interval.js';
import type { CheckContext } from './check.js';
import { dayFromYmd, type Day, type Instant } from '../time/calendar.js';
import { activeInWindow } from './chain.js';
import type { Dataset } from '../model/dataset.js';
import { firstAsyeDay, inRoles, periodOn, stretchesOf, stretchOn, type Stretch } from '../model/workers.js';
import {
  DISCUSSION_KINDS,
  ROLES,
  SESSION_KINDS,
  type DiscussionKind,
  type Role,
  type SessionKind,
  type SourceRef,
  type Worker,
} from '../model/records.js';

export const roles = z.array(z.enum(ROLES)).min(1);
export const sessionKinds = z.array(z.enum(SESSION_KINDS)).min(1);
export const discussionKinds = z.array(z.enum(DISCUSSION_KINDS)).min(1);
export const calendarInterval = intervalSchema('days', 'weeks', 'months');

/**
 * Stages by time since a worker's ASYE start (or start in post): each stage applies before
 * the given time has passed; the last stage, with no `before`, applies from then on.
 */
export function stagesSchema<S extends z.ZodRawShape>(shape: S) {
  return z
    .array(z.object({ before: calendarInterval.optional(), ...shape }).strict())
    .min(1)
    .superRefine((stages, ctx) => {
      const ordered = stages as Array<{ before?: Interval }>;
      ordered.forEach((stage, i) => {
        const last = i === stages.length - 1;
        if (last && stage.before !== undefined) {
          ctx.addIssue({ code: 'custom', path: [i, 'before'], message: 'the last stage applies from then on: leave out "before"' });
        }
        if (!last && stage.before === undefined) {
          ctx.addIssue({ code: 'custom', path: [i, 'before'], message: 'every stage but the last needs "before"' });
        }
        // Stages apply in their order: one that ends no later than the stage before it would never apply.
        const previous = ordered[i - 1]?.before;
        if (stage.before !== undefined && previous !== undefined && addInterval(STAGE_ORIGIN, stage.before) <= addInterval(STAGE_ORIGIN, previous)) {
          ctx.addIssue({ code: 'custom', path: [i, 'before'], message: `stages must be in order of time: "before: ${describeInterval(stage.before)}" is listed after "before: ${describeInterval(previous)}" but ends no later, so this stage would never apply` });
        }
      });
    });
}

/** A day stages are compared from (a month's last day, where months and weeks differ most). */
const STAGE_ORIGIN = dayFromYmd(2024, 1, 31);

export const stageFrom = z.enum(['asye-start', 'start']).default('asye-start');
export type StageFrom = z.infer<typeof stageFrom>;

/**
 * The day a rule's stages count from, for a stretch of a worker's time in post: their ASYE start
 * (the first their rows give, else the first day of their first ASYE period), or the stretch's
 * own start, as for a worker who started in post that day.
 */
export function stageOrigin(stretch: Stretch, from: StageFrom): Day {
  return from === 'asye-start' ? (stretch.worker.asyeStart ?? firstAsyeDay(stretch.worker) ?? stretch.start) : stretch.start;
}

/** The stage in force on a day, its time counted from `origin` (see stageOrigin). */
export function stageOn<T extends { before?: Interval | undefined }>(stages: readonly T[], origin: Day, day: Day): T {
  for (const stage of stages) {
    if (stage.before === undefined || day < addInterval(origin, stage.before)) return stage;
  }
  return stages[stages.length - 1]!;
}

/** Whether a worker was in one of the roles on a day (in the period periodOn finds). */
export function hadRoleOn(worker: Worker, wanted: readonly Role[], day: Day): boolean {
  return wanted.includes(periodOn(worker, day).role);
}

/** Each worker's stretches in a set of roles, and all of them in worker order, worked out once per audit for the set. */
interface RoleStretches {
  all: Stretch[];
  byWorker: Map<string, Stretch[]>;
}

function roleStretches(dataset: Dataset, wanted: readonly Role[]): RoleStretches {
  return memo(dataset, `stretches in roles ${wanted.join(',')}`, () => {
    const applies = inRoles(wanted);
    const all: Stretch[] = [];
    const byWorker = new Map<string, Stretch[]>();
    for (const worker of dataset.workers) {
      const stretches = stretchesOf(worker, applies);
      if (stretches.length === 0) continue;
      byWorker.set(worker.id, stretches);
      for (const stretch of stretches) all.push(stretch);
    }
    return { all, byWorker };
  });
}

/**
 * Each worker's stretches in the rule's roles (model/workers.ts): a worker with one row has at
 * most one, their whole time in post.
 */
export function stretchesInRoles(dataset: Dataset, wanted: readonly Role[]): (worker: Worker) => readonly Stretch[] {
  const { byWorker } = roleStretches(dataset, wanted);
  return (worker) => byWorker.get(worker.id) ?? [];
}

/**
 * The stretches a staff rule judges: of workers in scope, in one of its roles, that overlap the
 * window. Each is judged as a worker who started in post on its first day and left on its last.
 */
export function stretchesInWindow(dataset: Dataset, wanted: readonly Role[], { window, scope }: CheckContext): Stretch[] {
  return roleStretches(dataset, wanted).all.filter((s) => activeInWindow(s.start, s.end, window) && scope.worker(s.worker.id));
}

/**
 * Visits the held sessions of the counted kinds dated in the window (rows of the sessions
 * table), of workers in scope who were in one of the wanted roles on the session's date, in date
 * order, each with its worker and the stretch it falls in.
 */
export function forEachHeldSessionInWindow(
  dataset: Dataset,
  kinds: readonly SessionKind[],
  wanted: readonly Role[],
  { window, scope }: CheckContext,
  visit: (row: number, worker: Worker, stretch: Stretch) => void,
): void {
  const { sessions } = dataset;
  // The held sessions of the kinds (rows, in date order), and their workers, are found once;
  // each month's audit takes its own dates.
  const { held, workers } = memo(dataset, `held sessions ${kinds.join(',')}`, () => {
    const rows = sessions.inDateOrder().filter((row) => sessions.isHeld(row) && kinds.includes(sessions.kindOf(row)));
    return { held: rows, workers: Array.from(rows, (row) => dataset.workerById.get(sessions.workerIdOf(row))) };
  });
  const stretchesOfWorker = stretchesInRoles(dataset, wanted);
  const [first, end] = sessions.placesWithin(held, window);
  for (let i = first; i < end; i++) {
    const worker = workers[i];
    const row = held[i]!;
    const date = sessions.dateOf(row);
    if (!worker || !hadRoleOn(worker, wanted, date) || !scope.worker(worker.id)) continue;
    const stretch = stretchOn(stretchesOfWorker(worker), date, worker);
    if (stretch) visit(row, worker, stretch);
  }
}

/** Each worker's held sessions of the counted kinds (rows), in date order: a lookup by worker id. */
export function heldSessionsOf(dataset: Dataset, kinds: readonly SessionKind[]): (workerId: string) => HeldRows {
  const { sessions } = dataset;
  return rememberedRows(dataset, 'held sessions of worker', kinds, sessions, (workerId) =>
    sessions.ofWorker(workerId).filter((row) => sessions.isHeld(row) && kinds.includes(sessions.kindOf(row))),
  );
}

/** The records a rule about recording or signing covers: staff sessions, case discussions, or both. */
export const recordChoice = z.array(z.enum(['sessions', 'case-discussions'])).min(1).default(['sessions']);

interface RecordRule {
  records: ReadonlyArray<'sessions' | 'case-discussions'>;
  sessionKinds: readonly SessionKind[];
  discussionKinds: readonly DiscussionKind[];
}

/** What a rule about recording or signing reads of a session or case discussion: its table's columns, by row (model/record-table.ts). */
export interface RecordRows {
  dateOf(row: number): Day;
  idOf(row: number): string;
  workerIdOf(row: number): string;
  startOf(row: number): Instant;
  recordedAtOf(row: number): Instant | null;
  supervisorSignedAtOf(row: number): Instant | null;
  superviseeSignedAtOf(row: number): Instant | null;
  superviseeDisagreedOf(row: number): boolean;
  supervisorIdOf(row: number): string | null;
  kindOf(row: number): string;
  /** The case a case discussion is about; null for a session, which is about none. */
  caseIdOf(row: number): string | null;
  /** Where the record was read, for a finding to cite. */
  sourceOf(row: number): SourceRef;
}

/**
 * Each session and case discussion a rule covers (a row of its table), in date order, with its
 * subject kind: of the rule's kinds and the given statuses, dated in the window, of a worker in scope.
 */
export function forEachRecordOfRule(
  dataset: Dataset,
  p: RecordRule,
  statuses: readonly string[],
  { window, scope }: CheckContext,
  visit: (records: RecordRows, row: number, kind: 'session' | 'case-discussion') => void,
): void {
  if (p.records.includes('sessions')) {
    const { sessions } = dataset;
    sessions.forEachWithin(window, p.sessionKinds, statuses, (id) => scope.worker(id), (row) => visit(sessions, row, 'session'));
  }
  if (p.records.includes('case-discussions')) {
    const { discussions } = dataset;
    discussions.forEachWithin(window, p.discussionKinds, statuses, (id) => scope.worker(id), (row) => visit(discussions, row, 'case-discussion'));
  }
}

/** What a record of a rule is, in a finding's words: "planned supervision", "case supervision of 599001". */
export function recordWords(records: RecordRows, row: number): string {
  const caseId = records.caseIdOf(row);
  return caseId !== null ? `case ${records.kindOf(row)} of ${caseId}` : `${records.kindOf(row)} supervision`;
}
