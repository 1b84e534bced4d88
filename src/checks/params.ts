/** Parameter schemas and helpers that several checks share. */
import { z } from 'zod';
import { datedWithin, inDateOrderOf, memo, remembered, within, type Held } from './held.js';
import type { AuditWindow } from '../time/window.js';
import { addInterval, intervalSchema, type Interval } from '../time/interval.js';
import type { CheckContext } from './check.js';
import type { Day } from '../time/calendar.js';
import { activeInWindow } from './chain.js';
import type { Dataset } from '../model/dataset.js';
import {
  DISCUSSION_KINDS,
  ROLES,
  SESSION_KINDS,
  type CaseDiscussion,
  type DiscussionKind,
  type Role,
  type SessionKind,
  type SupervisionSession,
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
      (stages as Array<{ before?: Interval }>).forEach((stage, i) => {
        const last = i === stages.length - 1;
        if (last && stage.before !== undefined) {
          ctx.addIssue({ code: 'custom', path: [i, 'before'], message: 'the last stage applies from then on: leave out "before"' });
        }
        if (!last && stage.before === undefined) {
          ctx.addIssue({ code: 'custom', path: [i, 'before'], message: 'every stage but the last needs "before"' });
        }
      });
    });
}

export const stageFrom = z.enum(['asye-start', 'start']).default('asye-start');
export type StageFrom = z.infer<typeof stageFrom>;

/** The stage in force on a day for a worker. */
export function stageOn<T extends { before?: Interval | undefined }>(stages: readonly T[], worker: Worker, from: StageFrom, day: Day): T {
  const origin = from === 'asye-start' ? (worker.asyeStart ?? worker.start) : worker.start;
  for (const stage of stages) {
    if (stage.before === undefined || day < addInterval(origin, stage.before)) return stage;
  }
  return stages[stages.length - 1]!;
}

export function hasRole(worker: Worker, wanted: readonly Role[]): boolean {
  return wanted.includes(worker.role);
}

/** The workers a staff rule covers: of one of its roles, in scope, and in post at some time in the window. */
export function workersInRoles(dataset: Dataset, wanted: readonly Role[], { window, scope }: CheckContext): Worker[] {
  return dataset.workers.filter((w) => hasRole(w, wanted) && scope.worker(w.id) && activeInWindow(w.start, w.end, window));
}

/** Held sessions of the counted kinds dated in the window, of workers of the wanted roles in scope, in date order. */
export function heldSessionsInWindow(
  dataset: Dataset,
  kinds: readonly SessionKind[],
  wanted: readonly Role[],
  { window, scope }: CheckContext,
): Array<{ session: SupervisionSession; worker: Worker }> {
  // The held sessions of the kinds, in date order, are found once; each month's audit takes its own dates.
  const held = memo(dataset, `held sessions ${kinds.join(',')}`, () => inDateOrderOf(dataset.sessions).filter((s) => s.status === 'held' && kinds.includes(s.kind)));
  const found: Array<{ session: SupervisionSession; worker: Worker }> = [];
  for (const session of within(held, window)) {
    const worker = dataset.workerById.get(session.workerId);
    if (worker && hasRole(worker, wanted) && scope.worker(worker.id)) found.push({ session, worker });
  }
  return found;
}

/** Each worker's held sessions of the counted kinds, in date order: a lookup by worker id. */
export function heldSessionsOf(dataset: Dataset, kinds: readonly SessionKind[]): (workerId: string) => Held<SupervisionSession> {
  return remembered(dataset, 'held sessions of worker', kinds, (workerId) => (dataset.sessionsByWorker.get(workerId) ?? []).filter((s) => s.status === 'held' && kinds.includes(s.kind)));
}

/** The records a rule about recording or signing covers: staff sessions, case discussions, or both. */
export const recordChoice = z.array(z.enum(['sessions', 'case-discussions'])).min(1).default(['sessions']);

interface RecordRule {
  records: ReadonlyArray<'sessions' | 'case-discussions'>;
  sessionKinds: readonly SessionKind[];
  discussionKinds: readonly DiscussionKind[];
}

/** Each session and case discussion a rule covers, of the given statuses, with its subject kind and its name in messages. */
export function forEachRecordOfRule(
  dataset: Dataset,
  p: RecordRule,
  statuses: readonly string[],
  window: AuditWindow,
  visit: (item: SupervisionSession | CaseDiscussion, kind: 'session' | 'case-discussion') => void,
): void {
  if (p.records.includes('sessions')) {
    for (const s of datedWithin(dataset.sessions, window)) if (statuses.includes(s.status) && p.sessionKinds.includes(s.kind)) visit(s, 'session');
  }
  if (p.records.includes('case-discussions')) {
    for (const d of datedWithin(dataset.discussions, window)) if (statuses.includes(d.status) && p.discussionKinds.includes(d.kind)) visit(d, 'case-discussion');
  }
}

/** What a record of a rule is, in a finding's words: "planned supervision", "case supervision of 599001". */
export function recordWords(item: SupervisionSession | CaseDiscussion): string {
  return 'caseId' in item ? `case ${item.kind} of ${item.caseId}` : `${item.kind} supervision`;
}
