import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { formatFinding, type NameOf } from '../../src/audit/audit.js';
import { FindingStore, findingsBy } from '../../src/audit/finding-store.js';
import { renderJson } from '../../src/report/json.js';
import type { AuditReport, Report } from '../../src/audit/report.js';
import type { Check, CheckFinding, FormattedFinding } from '../../src/checks/check.js';
import type { Rule } from '../../src/policy/load.js';

/** A rule whose message shows everything a message can read, details in their order too. */
const ruleNamed = (requirement: string): Rule => {
  const words = (f: FormattedFinding) => JSON.stringify(f);
  const check = { id: `check-${requirement}`, description: '', needs: [], subject: 'worker', params: z.object({}), messages: { late: words, overdue: words }, evaluate: () => ({ subjects: 0, findings: [] }) } satisfies Check;
  return { requirement, clause: `clause ${requirement}`, words: '', reading: null, check, params: {} };
};
const RULES = [ruleNamed('A'), ruleNamed('B'), ruleNamed('C')];

const id = fc.constantFrom('1', '007', '10001', 'W-2', '');
const day = fc.option(fc.integer({ min: -50_000, max: 80_000 }));
const text = fc.constantFrom('2026-02-14', '4 weeks', 'cin', 'the case supervision of 529850', '', 'x'.repeat(300));
const detailValue = fc.oneof(text, fc.double({ noNaN: true }), fc.integer(), fc.constant(null));
const findingArb: fc.Arbitrary<CheckFinding> = fc.record(
  {
    status: fc.constantFrom('late', 'overdue', 'unknown-status'),
    subject: fc.record({ kind: fc.constantFrom('worker', 'case', 'session', 'case-discussion', 'incident'), id }),
    workerId: fc.option(id),
    supervisorId: fc.option(id),
    team: fc.option(fc.constantFrom('Team North', 'Children’s Services', '')),
    dueDate: day,
    lastDate: day,
    daysOverdue: fc.option(fc.oneof(fc.integer({ min: -400, max: 4000 }), fc.double({ noNaN: true }))),
    part: fc.constantFrom('supervisor', 'topic DIV', 'child 12'),
    // Keys as checks write them, in any order; one that looks like a number goes first in any object.
    details: fc.dictionary(fc.constantFrom('every', 'eventDate', 'plan', 'what', 'within', 'late', '2'), detailValue, { maxKeys: 5 }),
    source: fc.array(fc.record({ file: fc.constantFrom('a.csv', 'b/c.csv', 'staff.xlsx'), line: fc.integer({ min: 1, max: 2_000_000 }) }), { maxLength: 4 }),
  },
  { requiredKeys: ['status', 'subject', 'workerId', 'supervisorId', 'team', 'dueDate', 'lastDate', 'daysOverdue', 'details', 'source'] },
);
const names: NameOf = (workerId) => (workerId === null || workerId === '' ? null : `Name of ${workerId}`);

/** Findings of each rule, put into a store, and as the audit put each into words before the store. */
function stored(byRule: CheckFinding[][]): { store: FindingStore; expected: ReturnType<typeof formatFinding>[] } {
  const store = new FindingStore();
  const expected = byRule.flatMap((findings, r) => {
    store.add(RULES[r]!, findings, names);
    return findings.map((f) => formatFinding(RULES[r]!, f, names));
  });
  return { store, expected };
}

const byRuleArb = fc.array(fc.array(findingArb, { maxLength: 8 }), { minLength: 0, maxLength: 3 });

describe('FindingStore', () => {
  it('gives back every finding in the words the audit gives it, field for field and in field order', () => {
    fc.assert(
      fc.property(byRuleArb, (byRule) => {
        const { store, expected } = stored(byRule);
        expect(store.length).toBe(expected.length);
        expect(JSON.stringify([...store])).toBe(JSON.stringify(expected));
        expect(JSON.stringify(store)).toBe(JSON.stringify(expected));
        expected.forEach((f, i) => expect(JSON.stringify(store.at(i))).toBe(JSON.stringify(f)));
        for (const outside of [-1, expected.length, 0.5, NaN]) expect(store.at(outside)).toBeUndefined();
        // Words made again are the same words.
        expect(JSON.stringify([...store])).toBe(JSON.stringify(expected));
      }),
    );
  });

  it('reads the keys the audit sorts by without putting findings into words, and lists them in any order', () => {
    fc.assert(
      fc.property(byRuleArb.chain((byRule) => fc.tuple(fc.constant(byRule), fc.shuffledSubarray([...Array(byRule.flat().length).keys()], { minLength: byRule.flat().length }))), ([byRule, order]) => {
        const { store, expected } = stored(byRule);
        expected.forEach((f, i) => {
          expect(store.ruleAt(i).requirement).toBe(f.requirement);
          expect(store.subjectIdAt(i)).toBe(f.subject.id);
          expect(store.statusAt(i)).toBe(f.status);
          // The report's dates (none as '') and the keys sort alike.
          const dateOf = (g: (typeof expected)[number]) => g.dueDate ?? g.lastDate ?? '';
          expected.forEach((g, j) => expect(Math.sign(store.dateKeyAt(i) - store.dateKeyAt(j))).toBe(dateOf(f) === dateOf(g) ? 0 : dateOf(f) < dateOf(g) ? -1 : 1));
        });
        const ordered = store.inOrder(Int32Array.from(order));
        expect(JSON.stringify([...ordered])).toBe(JSON.stringify(order.map((i) => expected[i])));
        expect(JSON.stringify(ordered.at(0))).toBe(JSON.stringify(expected[order[0]!]));
      }),
    );
  });

  it('refuses an order that does not cover every finding, and a date that is not a day number', () => {
    const { store } = stored([[fc.sample(findingArb, { numRuns: 1, seed: 3 })[0]!]]);
    expect(() => store.inOrder(new Int32Array(0))).toThrow('an order of 0 findings given for 1');
    const finding = { ...fc.sample(findingArb, { numRuns: 1, seed: 4 })[0]!, dueDate: 20000.5 };
    expect(() => new FindingStore().add(RULES[0]!, [finding], names)).toThrow("a finding's date 20000.5 is not a day number");
  });

  it('sorts findings by a key once, each group in the list’s order (findingsBy)', () => {
    fc.assert(
      fc.property(byRuleArb, (byRule) => {
        const { store, expected } = stored(byRule);
        const groups = findingsBy(store, (f) => f.team ?? '(none)');
        const teams = [...new Set(expected.map((f) => f.team ?? '(none)'))];
        expect([...groups.keys()]).toEqual(teams);
        for (const team of teams) {
          const own = expected.filter((f) => (f.team ?? '(none)') === team);
          const group = groups.get(team)!;
          expect(group.length).toBe(own.length);
          expect(JSON.stringify([...group])).toBe(JSON.stringify(own));
          expect(JSON.stringify(group.at(own.length - 1))).toBe(JSON.stringify(own[own.length - 1]));
          expect(group.at(own.length)).toBeUndefined();
        }
      }),
    );
  });

  it('is written to the JSON report exactly as the same findings in an array', () => {
    fc.assert(
      fc.property(fc.array(fc.array(findingArb, { maxLength: 40 }), { maxLength: 3 }), (byRule) => {
        const { store, expected } = stored(byRule);
        const report = { schemaVersion: 1, findings: store, dataIssues: [] } as unknown as AuditReport;
        const same = { ...report, findings: expected } as unknown as Report;
        expect(renderJson(report)).toBe(`${JSON.stringify(same, null, 2)}\n`);
      }),
      { numRuns: 30 },
    );
  });
});
