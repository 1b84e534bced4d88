import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { BLOCK_FINDINGS, dueDateAt, FIRST_BLOCK, FindingStore, teamAt, workerIdAt } from '../../src/audit/finding-store.js';
import { findingsByTeam } from '../../src/audit/teams.js';
import { renderJsonChunks } from '../../src/report/json.js';
import { formatDay } from '../../src/time/calendar.js';
import type { AuditReport, Finding, Report } from '../../src/audit/report.js';
import type { Check, CheckFinding, FormattedFinding } from '../../src/checks/check.js';
import type { Rule } from '../../src/policy/load.js';

/** The report as the pieces it is written in make it. */
const renderJson = (report: Parameters<typeof renderJsonChunks>[0]): string => [...renderJsonChunks(report)].join('');

/** A rule whose message shows everything a message can read, details in their order too. */
const ruleNamed = (requirement: string): Rule => {
  const words = (f: FormattedFinding) => JSON.stringify(f);
  const check = { id: `check-${requirement}`, description: '', needs: [], subject: 'worker', params: z.object({}), messages: { late: words, overdue: words }, evaluate: () => ({ subjects: 0 }) } satisfies Check;
  return { requirement, clause: `clause ${requirement}`, words: '', reading: null, check, params: {} };
};
const RULES = [ruleNamed('A'), ruleNamed('B'), ruleNamed('C'), ruleNamed('D')];

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
const names = (workerId: string | null): string | null => (workerId === null || workerId === '' ? null : `Name of ${workerId}`);

/** A finding in words as the audit made it before findings were stored (the report's field order), kept here as the oracle. */
function inWords(rule: Rule, f: CheckFinding): Finding {
  const dueDate = f.dueDate === null ? null : formatDay(f.dueDate);
  const lastDate = f.lastDate === null ? null : formatDay(f.lastDate);
  const words = rule.check.messages[f.status];
  return {
    requirement: rule.requirement,
    check: rule.check.id,
    status: f.status,
    subject: f.subject,
    workerId: f.workerId,
    supervisorId: f.supervisorId,
    team: f.team,
    workerName: names(f.workerId),
    supervisorName: names(f.supervisorId),
    ...(f.part !== undefined ? { part: f.part } : {}),
    dueDate,
    lastDate,
    daysOverdue: f.daysOverdue,
    message: words ? words({ status: f.status, dueDate, lastDate, daysOverdue: f.daysOverdue, details: f.details }) : f.status,
    clause: rule.clause,
    source: f.source.map(({ file, line }) => ({ file, line })),
  };
}

/** Findings of each rule, put into a store, and in words as the oracle gives them. */
function stored(byRule: CheckFinding[][]): { store: FindingStore; expected: Finding[] } {
  const store = new FindingStore();
  const expected = byRule.flatMap((findings, r) => {
    store.add(RULES[r]!, findings, names);
    return findings.map((f) => inWords(RULES[r]!, f));
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
        // Every finding's keys at once, read block by block.
        const ruleNumbers = new Map<unknown, number>();
        const keys = store.sortKeys((rule) => ruleNumbers.get(rule) ?? ruleNumbers.set(rule, ruleNumbers.size).size - 1);
        expect([keys.rules.length, keys.subjectIds.length, keys.dates.length, keys.statuses.length]).toEqual(Array(4).fill(expected.length));
        expected.forEach((f, i) => {
          expect(store.ruleAt(i).requirement).toBe(f.requirement);
          expect(keys.rules[i]).toBe(ruleNumbers.get(store.ruleAt(i)));
          expect(keys.subjectIds[i]).toBe(f.subject.id);
          expect(keys.statuses[i]).toBe(f.status);
          expect(store.workerIdAt(i)).toBe(f.workerId);
          expect(store.dueDateAt(i)).toBe(f.dueDate);
          // The report's dates (none as '') and the keys sort alike.
          const dateOf = (g: (typeof expected)[number]) => g.dueDate ?? g.lastDate ?? '';
          expected.forEach((g, j) => expect(Math.sign(keys.dates[i]! - keys.dates[j]!)).toBe(dateOf(f) === dateOf(g) ? 0 : dateOf(f) < dateOf(g) ? -1 : 1));
        });
        const ordered = store.inOrder(Int32Array.from(order));
        expect(JSON.stringify([...ordered])).toBe(JSON.stringify(order.map((i) => expected[i])));
        // The parts a list tells without words, from an ordered store and from an array alike.
        for (const list of [ordered, order.map((i) => expected[i]!)]) {
          order.forEach((k, i) => {
            expect(workerIdAt(list, i)).toBe(expected[k]!.workerId);
            expect(dueDateAt(list, i)).toBe(expected[k]!.dueDate);
            expect(teamAt(list, i)).toBe(expected[k]!.team);
          });
        }
        expect(JSON.stringify(ordered.at(0))).toBe(JSON.stringify(expected[order[0]!]));
      }),
    );
  });

  it('takes a rule’s findings one by one as its check finds them, across blocks, and reads them back as if added at once', () => {
    const first = fc.sample(findingArb, { numRuns: 3, seed: 5 });
    const many = fc.sample(findingArb, { numRuns: 2 * BLOCK_FINDINGS + 5, seed: 6 });
    const store = new FindingStore();
    store.add(RULES[0]!, first, names);
    const sink = store.sinkFor(RULES[1]!, names);
    // Pushed one at a time and several at once, across blocks; each is in the store at once.
    for (let i = 0; i < many.length; i += 3) {
      sink.push(...many.slice(i, i + 3));
      expect(store.length).toBe(first.length + Math.min(i + 3, many.length));
    }
    const expected = [...first.map((f) => inWords(RULES[0]!, f)), ...many.map((f) => inWords(RULES[1]!, f))];
    expect(store.length).toBe(expected.length);
    expect(JSON.stringify([...store])).toBe(JSON.stringify(expected));
    // Either side of each block's bounds: the rule's blocks have room for 64, 128, ... findings, then BLOCK_FINDINGS each.
    const bounds = [0];
    for (let room = FIRST_BLOCK; bounds.at(-1)! < many.length; room = Math.min(2 * room, BLOCK_FINDINGS)) bounds.push(bounds.at(-1)! + room);
    for (const i of [0, 2, ...bounds.flatMap((b) => [first.length + b - 1, first.length + b]).filter((i) => i > 0 && i < expected.length)]) {
      expect(JSON.stringify(store.at(i))).toBe(JSON.stringify(expected[i]));
      expect(store.ruleAt(i).requirement).toBe(expected[i]!.requirement);
    }
    expect(JSON.stringify([...store.since(first.length)])).toBe(JSON.stringify(expected.slice(first.length)));
    for (const start of [0, first.length, first.length + FIRST_BLOCK, BLOCK_FINDINGS + 3, expected.length]) {
      const seen: string[] = [];
      store.forEachSubject(start, (kind, id, workerId) => seen.push(`${kind} ${id} ${workerId}`));
      expect(seen).toEqual(expected.slice(start).map((f) => `${f.subject.kind} ${f.subject.id} ${f.workerId}`));
    }
  });

  it('keeps findings in the order added when two rules’ findings come in turn', () => {
    const [x, y, z] = fc.sample(findingArb, { numRuns: 3, seed: 7 });
    const store = new FindingStore();
    const sink = store.sinkFor(RULES[0]!, names);
    sink.push(x!);
    store.add(RULES[1]!, [y!], names);
    sink.push(z!);
    expect(JSON.stringify([...store])).toBe(JSON.stringify([inWords(RULES[0]!, x!), inWords(RULES[1]!, y!), inWords(RULES[0]!, z!)]));
    expect([0, 1, 2].map((i) => store.ruleAt(i).requirement)).toEqual(['A', 'B', 'A']);
  });

  it('refuses an order that does not give every finding once, a date that is not a day number and a line that is not a line', () => {
    const [one, two] = fc.sample(findingArb, { numRuns: 2, seed: 3 });
    const { store } = stored([[one!, two!]]);
    expect(() => store.inOrder(new Int32Array(0))).toThrow('an order of 0 findings given for 2');
    expect(() => store.inOrder(Int32Array.of(1, 1))).toThrow('an order of 2 findings that gives finding 1 twice');
    expect(() => store.inOrder(Int32Array.of(0, 2))).toThrow('an order of 2 findings that gives finding 2 though there is none');
    const far = { ...one!, source: [{ file: 'a.csv', line: 2 ** 31 }] };
    expect(() => new FindingStore().add(RULES[0]!, [far], names)).toThrow("a finding's source line 2147483648 in a.csv is not a line number");
    const finding = { ...fc.sample(findingArb, { numRuns: 1, seed: 4 })[0]!, dueDate: 20000.5 };
    expect(() => new FindingStore().add(RULES[0]!, [finding], names)).toThrow("a finding's date 20000.5 is not a day number");
  });

  it('groups findings by team, each team in the list’s order, from a store, an ordered store or an array alike', () => {
    fc.assert(
      fc.property(byRuleArb.chain((byRule) => fc.tuple(fc.constant(byRule), fc.shuffledSubarray([...Array(byRule.flat().length).keys()], { minLength: byRule.flat().length }))), ([byRule, order]) => {
        const { store, expected } = stored(byRule);
        const ordered = order.map((i) => expected[i]!);
        for (const [list, findings] of [[store, expected], [store.inOrder(Int32Array.from(order)), ordered], [ordered, ordered]] as const) {
          findings.forEach((f, i) => expect(teamAt(list, i)).toBe(f.team));
          const groups = findingsByTeam(list);
          const teams = [...new Set(findings.map((f) => f.team ?? '(no team)'))];
          expect([...groups.keys()]).toEqual(teams);
          for (const team of teams) {
            const own = findings.filter((f) => (f.team ?? '(no team)') === team);
            const group = groups.get(team)!;
            expect(group.length).toBe(own.length);
            expect(JSON.stringify([...group])).toBe(JSON.stringify(own));
            expect(JSON.stringify(group.at(own.length - 1))).toBe(JSON.stringify(own[own.length - 1]));
            expect(group.at(own.length)).toBeUndefined();
            own.forEach((f, i) => expect(teamAt(group, i)).toBe(f.team));
          }
        }
      }),
    );
  });

  it('gives a rule’s findings, added last, apart from the others', () => {
    const { store, expected } = stored([fc.sample(findingArb, { numRuns: 3, seed: 5 }), fc.sample(findingArb, { numRuns: 2, seed: 6 })]);
    expect(JSON.stringify([...store.since(3)])).toBe(JSON.stringify(expected.slice(3)));
    expect(store.since(5).length).toBe(0);
  });

  it('is written to the JSON report exactly as the same findings in an array', () => {
    fc.assert(
      // Enough findings to be written in several pieces (the writer's blocks are of 32).
      fc.property(fc.array(fc.array(findingArb, { maxLength: 50 }), { maxLength: 3 }), fc.integer({ min: 0, max: 80 }), (byRule, more) => {
        byRule.push(fc.sample(findingArb, { numRuns: more, seed: more }));
        const { store, expected } = stored(byRule);
        const report = { schemaVersion: 1, findings: store, dataIssues: [] } as unknown as AuditReport;
        const same = { ...report, findings: expected } as unknown as Report;
        expect(renderJson(report)).toBe(`${JSON.stringify(same, null, 2)}\n`);
      }),
      { numRuns: 30 },
    );
  });
});
