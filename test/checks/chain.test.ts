import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateChain, type Gap } from '../../src/checks/chain.js';
import { addMonths, formatDay, parseIsoDay } from '../../src/time/calendar.js';

const d = (iso: string): number => parseIsoDay(iso)!;
const monthly = (anchor: number): number => addMonths(anchor, 1);

interface Case {
  name: string;
  start: string;
  end?: string;
  events: string[];
  from: string;
  asOf: string;
  expected: Array<Partial<Record<keyof Gap, string | number | null>>>;
}

const show = (g: Gap) => ({
  status: g.status,
  lastDate: formatDay(g.lastDate),
  dueDate: formatDay(g.dueDate),
  eventDate: g.eventDate === null ? null : formatDay(g.eventDate),
  daysOverdue: g.daysOverdue,
});

const cases: Case[] = [
  {
    name: 'monthly events all in time: no gap',
    start: '2025-01-01', events: ['2026-01-10', '2026-02-10', '2026-03-09'], from: '2026-02-01', asOf: '2026-03-31',
    expected: [],
  },
  {
    name: 'due on the day itself is in time',
    start: '2025-01-01', events: ['2026-01-10', '2026-02-10', '2026-03-10'], from: '2026-02-01', asOf: '2026-04-10',
    expected: [],
  },
  {
    name: 'one day late',
    start: '2025-01-01', events: ['2026-01-10', '2026-02-11'], from: '2026-02-01', asOf: '2026-02-28',
    expected: [{ status: 'late', lastDate: '2026-01-10', dueDate: '2026-02-10', eventDate: '2026-02-11', daysOverdue: 1 }],
  },
  {
    name: 'overdue at the audit date',
    start: '2025-01-01', events: ['2026-01-10'], from: '2026-02-01', asOf: '2026-03-01',
    expected: [{ status: 'overdue', lastDate: '2026-01-10', dueDate: '2026-02-10', eventDate: null, daysOverdue: 19 }],
  },
  {
    name: '31 January + 1 month is due 28 February',
    start: '2025-01-01', events: ['2026-01-31', '2026-03-01'], from: '2026-02-01', asOf: '2026-03-31',
    expected: [{ status: 'late', lastDate: '2026-01-31', dueDate: '2026-02-28', eventDate: '2026-03-01', daysOverdue: 1 }],
  },
  {
    name: 'leap year: 31 January 2024 + 1 month is due 29 February',
    start: '2023-01-01', events: ['2024-01-31', '2024-02-29', '2024-03-29'], from: '2024-02-01', asOf: '2024-03-31',
    expected: [],
  },
  {
    name: 'no event at all: the chain runs from the window start',
    start: '2025-01-01', events: [], from: '2026-02-01', asOf: '2026-03-15',
    expected: [{ status: 'overdue', lastDate: '2026-02-01', dueDate: '2026-03-01', eventDate: null, daysOverdue: 14 }],
  },
  {
    name: 'a subject that starts inside the window runs from its start',
    start: '2026-02-15', events: ['2026-03-20'], from: '2026-02-01', asOf: '2026-03-31',
    expected: [{ status: 'late', lastDate: '2026-02-15', dueDate: '2026-03-15', eventDate: '2026-03-20', daysOverdue: 5 }],
  },
  {
    name: 'a subject that ends inside the window: nothing falls due after its end',
    start: '2025-01-01', end: '2026-02-12', events: ['2026-01-10'], from: '2026-02-01', asOf: '2026-06-30',
    expected: [{ status: 'overdue', lastDate: '2026-01-10', dueDate: '2026-02-10', eventDate: null, daysOverdue: 2 }],
  },
  {
    name: 'a subject ending on its due date is compliant',
    start: '2025-01-01', end: '2026-02-10', events: ['2026-01-10'], from: '2026-02-01', asOf: '2026-06-30',
    expected: [],
  },
  {
    name: 'events after the audit date are ignored',
    start: '2025-01-01', events: ['2026-01-10', '2026-03-05'], from: '2026-02-01', asOf: '2026-02-20',
    expected: [{ status: 'overdue', lastDate: '2026-01-10', dueDate: '2026-02-10', eventDate: null, daysOverdue: 10 }],
  },
  {
    name: 'an old anchor before the window: overdue from long ago',
    start: '2024-01-01', events: ['2025-01-01', '2026-02-15'], from: '2026-02-01', asOf: '2026-02-28',
    expected: [{ status: 'late', lastDate: '2025-01-01', dueDate: '2025-02-01', eventDate: '2026-02-15', daysOverdue: 379 }],
  },
  {
    name: 'a late gap wholly before the window is not reported',
    start: '2024-01-01', events: ['2025-11-01', '2025-12-20', '2026-01-15', '2026-02-10'], from: '2026-02-01', asOf: '2026-02-28',
    expected: [],
  },
  {
    name: 'a subject ended before the window is not a subject',
    start: '2024-01-01', end: '2026-01-15', events: [], from: '2026-02-01', asOf: '2026-02-28',
    expected: [],
  },
  {
    name: 'a subject starting after the audit date is not a subject',
    start: '2026-03-01', events: [], from: '2026-02-01', asOf: '2026-02-28',
    expected: [],
  },
  {
    name: 'two events on one day count once',
    start: '2025-01-01', events: ['2026-01-10', '2026-01-10', '2026-02-12'], from: '2026-02-01', asOf: '2026-02-28',
    expected: [{ status: 'late', lastDate: '2026-01-10', dueDate: '2026-02-10', eventDate: '2026-02-12', daysOverdue: 2 }],
  },
  {
    name: 'late then overdue',
    start: '2025-01-01', events: ['2026-01-10', '2026-02-20'], from: '2026-02-01', asOf: '2026-04-30',
    expected: [
      { status: 'late', lastDate: '2026-01-10', dueDate: '2026-02-10', eventDate: '2026-02-20', daysOverdue: 10 },
      { status: 'overdue', lastDate: '2026-02-20', dueDate: '2026-03-20', eventDate: null, daysOverdue: 41 },
    ],
  },
  {
    name: 'events before the subject started do not anchor it',
    start: '2026-02-10', events: ['2026-01-05'], from: '2026-02-01', asOf: '2026-03-31',
    expected: [{ status: 'overdue', lastDate: '2026-02-10', dueDate: '2026-03-10', eventDate: null, daysOverdue: 21 }],
  },
];

describe('the chain of due dates', () => {
  it.each(cases)('$name', (c) => {
    const gaps = evaluateChain(
      { start: d(c.start), end: c.end ? d(c.end) : null, events: c.events.map(d), dueAfter: monthly },
      { from: d(c.from), asOf: d(c.asOf) },
    );
    expect(gaps.map(show)).toEqual(c.expected);
  });

  it('uses the interval in force on the anchor date', () => {
    // Weekly before 2026-03-01, monthly from then on.
    const dueAfter = (anchor: number) => (anchor < d('2026-03-01') ? anchor + 7 : addMonths(anchor, 1));
    const gaps = evaluateChain(
      { start: d('2026-02-01'), end: null, events: ['2026-02-07', '2026-02-14', '2026-02-28', '2026-03-30'].map(d), dueAfter },
      { from: d('2026-02-01'), asOf: d('2026-04-30') },
    );
    expect(gaps.map(show)).toEqual([
      // 28 February was due a week after 14 February: 21 February.
      { status: 'late', lastDate: '2026-02-14', dueDate: '2026-02-21', eventDate: '2026-02-28', daysOverdue: 7 },
      // From 28 February (still weekly on that anchor): due 7 March.
      { status: 'late', lastDate: '2026-02-28', dueDate: '2026-03-07', eventDate: '2026-03-30', daysOverdue: 23 },
    ]);
  });
});

describe('chain invariants', () => {
  const day = fc.integer({ min: d('2025-01-01'), max: d('2026-12-31') });
  const setup = fc.record({
    start: day,
    events: fc.array(day, { maxLength: 30 }).map((a) => a.sort((x, y) => x - y)),
    from: day,
    length: fc.integer({ min: 0, max: 400 }),
  });

  // An event before the window may legitimately reveal a gap: it moves the anchor earlier than
  // the window start (the anchor rule of "Timing semantics"). Inside the window it never can.
  it('adding an event inside the window never adds days out of compliance', () => {
    fc.assert(
      fc.property(setup, fc.integer({ min: 1, max: 400 }), ({ start, events, from, length }, offset) => {
        const window = { from, asOf: from + length };
        const extra = from + offset;
        const before = evaluateChain({ start, end: null, events, dueAfter: monthly }, window);
        const more = [...events, extra].sort((x, y) => x - y);
        const after = evaluateChain({ start, end: null, events: more, dueAfter: monthly }, window);
        const totalBefore = before.reduce((s, g) => s + g.daysOverdue, 0);
        const totalAfter = after.reduce((s, g) => s + g.daysOverdue, 0);
        expect(totalAfter).toBeLessThanOrEqual(totalBefore);
      }),
      { numRuns: 2000 },
    );
  });

  it('every gap overlaps the window and exceeds its due date', () => {
    fc.assert(
      fc.property(setup, ({ start, events, from, length }) => {
        const window = { from, asOf: from + length };
        for (const g of evaluateChain({ start, end: null, events, dueAfter: monthly }, window)) {
          expect(g.daysOverdue).toBeGreaterThan(0);
          expect(g.dueDate + 1).toBeLessThanOrEqual(window.asOf);
          expect(g.eventDate ?? window.asOf).toBeGreaterThanOrEqual(window.from);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
