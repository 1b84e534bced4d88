/**
 * Invariants of the audit, for any data fast-check makes up: adding a held, compliant session
 * never adds a finding for that worker, moving the audit date forward never removes an
 * overdue finding that nothing has resolved, and the month figures a check with dated subjects
 * counts from the whole window are those of running it again for each month.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRule } from '../../src/audit/audit.js';
import { addMonths, firstOfMonth, lastOfMonth, type Day } from '../../src/time/calendar.js';
import { EVERYONE } from '../../src/audit/scope.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { SupervisionSession } from '../../src/model/records.js';
import { agreement, assignment, dataset, day, session, worker } from '../helpers/records.js';
import { formatDay } from '../helpers/records.js';

const { policy } = await loadPolicy('barnsley');
const FROM = day('2025-11-01');
const AS_OF = day('2026-10-31');

/** Held planned sessions of W1 on some days from 14 months before the audit date, some short, late-recorded or without diversity. */
const sessionsArb = fc.array(
  fc.record({
    offset: fc.integer({ min: -430, max: 0 }),
    minutes: fc.constantFrom(45, 60, 90, 120),
    recordedAfterDays: fc.constantFrom(0, 1, 5),
    diversity: fc.boolean(),
    status: fc.constantFrom('held', 'held', 'held', 'cancelled'),
  }),
  { maxLength: 16 },
);

type SessionSpec = { offset: number; minutes: number; recordedAfterDays: number; diversity: boolean; status: string };

/** Recorded some days after, or never when that would be after the audit date: nothing happens after it. */
function sessionOf(spec: SessionSpec): SupervisionSession {
  const on = formatDay(AS_OF + spec.offset);
  const recordedOn = AS_OF + spec.offset + spec.recordedAfterDays;
  return session({
    worker: 'W1',
    on: `${on} 10:00`,
    durationMinutes: spec.minutes,
    diversityDiscussed: spec.diversity,
    status: spec.status as SupervisionSession['status'],
    cancelReasonGiven: true,
    ...(recordedOn <= AS_OF ? { recorded: `${formatDay(recordedOn)} 16:00` } : {}),
  });
}

function audit(sessions: SupervisionSession[], asOf: Day = AS_OF) {
  const data = dataset({
    workers: [worker({ id: 'W1', start: '2024-06-01' }), worker({ id: 'M1', role: 'team-manager', start: '2015-01-01' })],
    supervisors: [assignment('W1', 'M1', '2024-06-01')],
    agreements: [agreement('W1', 'M1', '2024-06-10', '2025-06-01')],
    sessions,
  });
  return policy.rules.flatMap((rule) => [...runRule(rule, data, { from: FROM, asOf }, EVERYONE).findings]).filter((f) => f.workerId === 'W1');
}

/** The latest held planned session on or before a day, or the worker's start. */
function anchorBefore(sessions: SupervisionSession[], d: Day): Day {
  const held = sessions.filter((s) => s.status === 'held' && s.kind === 'planned' && s.date <= d).map((s) => s.date);
  return held.length > 0 ? Math.max(...held) : Math.max(day('2024-06-01'), FROM);
}

describe('properties of the audit', () => {
  it('adding a held, compliant session never adds a finding for that worker, nor days overdue', () => {
    fc.assert(
      fc.property(sessionsArb, fc.integer({ min: 0, max: AS_OF - FROM }), (specs, at) => {
        const sessions = specs.map(sessionOf);
        // Compliant: on time after the session before it (or the start), full length, recorded at once, diversity discussed.
        const d = Math.min(FROM + at, addMonths(anchorBefore(sessions, FROM + at), 1));
        const added = session({ worker: 'W1', on: `${formatDay(d)} 10:00`, durationMinutes: 120, diversityDiscussed: true, recorded: `${formatDay(d)} 16:00` });
        const before = audit(sessions);
        const after = audit([...sessions, added]);
        const overdue = (fs: typeof before) => fs.reduce((n, f) => n + (f.daysOverdue ?? 0), 0);
        expect(after.length).toBeLessThanOrEqual(before.length);
        expect(overdue(after)).toBeLessThanOrEqual(overdue(before));
      }),
      { numRuns: 300 },
    );
  });

  it('moving the audit date forward never removes an overdue finding that nothing has resolved', () => {
    fc.assert(
      fc.property(sessionsArb, fc.integer({ min: 1, max: 200 }), (specs, forward) => {
        const sessions = specs.map(sessionOf);
        const later = AS_OF + forward;
        // Nothing in between: no session after the first audit date.
        const overdueAt = (asOf: Day) =>
          audit(sessions, asOf)
            .filter((f) => f.status === 'overdue' || f.status === 'unrecorded' || f.status === 'missing')
            .map((f) => `${f.requirement} ${f.check} ${f.status} ${f.subject.id} ${f.dueDate}`);
        const now = overdueAt(AS_OF);
        const then = new Set(overdueAt(later));
        for (const finding of now) expect(then.has(finding), finding).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('counts the month figures of a check with dated subjects from the window as running it again for each month would', () => {
    const months = Array.from({ length: 12 }, (_, i) => {
      const first = addMonths(FROM, i);
      const window = { from: first, asOf: lastOfMonth(2025 + Math.floor((10 + i) / 12), ((10 + i) % 12) + 1) };
      return { month: formatDay(first).slice(0, 7), window, scope: EVERYONE };
    });
    expect(months[11]!.window).toEqual({ from: firstOfMonth(2026, 10), asOf: AS_OF });
    const dated = policy.rules.filter((rule) => rule.check.datedSubjects?.(rule.params));
    expect(dated.map((r) => r.check.id)).toEqual(['staff-duration', 'staff-duration', 'staff-duration', 'diversity-evidenced']);
    fc.assert(
      fc.property(sessionsArb, (specs) => {
        const data = dataset({
          workers: [worker({ id: 'W1', start: '2024-06-01' }), worker({ id: 'M1', role: 'team-manager', start: '2015-01-01' })],
          supervisors: [assignment('W1', 'M1', '2024-06-01')],
          sessions: specs.map(sessionOf),
        });
        for (const rule of dated) {
          const counted = runRule(rule, data, { from: FROM, asOf: AS_OF }, EVERYONE, { months }).summary;
          const again = runRule({ ...rule, check: { ...rule.check, datedSubjects: undefined } }, data, { from: FROM, asOf: AS_OF }, EVERYONE, { months }).summary;
          expect(counted.byMonth, rule.requirement).toEqual(again.byMonth);
        }
      }),
      { numRuns: 200 },
    );
  });
});
