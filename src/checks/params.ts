/** Parameter schemas and helpers that several checks share. */
import { z } from 'zod';
import { addInterval, intervalSchema, type Interval } from '../engine/interval.js';
import type { Day } from '../engine/calendar.js';
import { DISCUSSION_KINDS, ROLES, SESSION_KINDS, type Role, type Worker } from '../model/records.js';

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
