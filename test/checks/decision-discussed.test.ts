import { describe, expect, it } from 'vitest';
import { decisionDiscussed } from '../../src/checks/decision-discussed.js';
import { evaluateToList } from '../../src/checks/check.js';
import { allocation, assignment, dataset, decision, discussion, run, worker } from '../helpers/records.js';

const window = { from: '2026-10-01', asOf: '2026-10-31' };
const params = { before: '28 days', after: '5 working days' };

function around(decidedOn: string, discussedOn: string[], extra: { kind?: 'supervision' | 'management-oversight'; status?: 'held' | 'cancelled' } = {}) {
  return dataset({
    workers: [worker({ id: 'W1', team: 'Team A' })],
    supervisors: [assignment('W1', 'M1', '2020-01-01')],
    decisions: [decision('C1', decidedOn, 'closure')],
    discussions: discussedOn.map((on) => discussion('C1', `${on} 10:00`, { kind: extra.kind ?? 'supervision', status: extra.status ?? 'held' })),
  });
}

const missing = (date: string, from: string, to: string) => ({
  status: 'missing',
  subject: 'C1',
  dueDate: to,
  message: `the closure decision of ${date} was not discussed in case supervision from ${from} to ${to} (28 days before to 5 working days after)`,
});

describe('decision-discussed', () => {
  it.each([
    { name: 'discussed on the day of the decision', decided: '2026-10-05', discussed: ['2026-10-05'], expected: [] },
    { name: 'discussed 28 days before, the first day that counts', decided: '2026-10-05', discussed: ['2026-09-07'], expected: [] },
    { name: 'discussed 29 days before: too early', decided: '2026-10-05', discussed: ['2026-09-06'], expected: [missing('2026-10-05', '2026-09-07', '2026-10-12')] },
    { name: 'discussed on the 5th working day after', decided: '2026-10-05', discussed: ['2026-10-12'], expected: [] },
    { name: 'discussed on the 6th working day after: too late', decided: '2026-10-05', discussed: ['2026-10-13'], expected: [missing('2026-10-05', '2026-09-07', '2026-10-12')] },
    { name: 'not discussed, but the period runs past the audit date: not yet missing', decided: '2026-10-26', discussed: [], expected: [] },
    { name: 'not discussed, period ended the day before the audit date', decided: '2026-10-23', discussed: [], expected: [missing('2026-10-23', '2026-09-25', '2026-10-30')] },
    { name: 'discussed only after the audit date: unknown on it', decided: '2026-10-20', discussed: ['2026-11-02'], expected: [missing('2026-10-20', '2026-09-22', '2026-10-27')] },
  ])('$name', ({ decided, discussed, expected }) => {
    expect(run(decisionDiscussed, params, around(decided, discussed), window)).toEqual({ subjects: 1, findings: expected });
  });

  it('a period that ends on the audit date itself is not yet missed', () => {
    expect(run(decisionDiscussed, params, around('2026-10-23', []), { from: '2026-10-01', asOf: '2026-10-30' }).findings).toEqual([]);
  });

  it('a cancelled discussion, or one of a kind the rule does not count, is no evidence', () => {
    expect(run(decisionDiscussed, params, around('2026-10-05', ['2026-10-05'], { status: 'cancelled' }), window).findings).toHaveLength(1);
    expect(run(decisionDiscussed, params, around('2026-10-05', ['2026-10-05'], { kind: 'management-oversight' }), window).findings).toHaveLength(1);
    const wider = { ...params, discussionKinds: ['supervision', 'management-oversight'] };
    expect(run(decisionDiscussed, wider, around('2026-10-05', ['2026-10-05'], { kind: 'management-oversight' }), window).findings).toEqual([]);
  });

  it('over Christmas, 5 working days after 23 December 2026 is 4 January 2027', () => {
    const data = around('2026-12-23', ['2027-01-04']);
    expect(run(decisionDiscussed, params, data, { from: '2026-12-01', asOf: '2027-01-31' }).findings).toEqual([]);
    const late = around('2026-12-23', ['2027-01-05']);
    expect(run(decisionDiscussed, params, late, { from: '2026-12-01', asOf: '2027-01-31' }).findings.map((f) => f.dueDate)).toEqual(['2027-01-04']);
  });

  it('names the decision’s worker, or else the worker allocated on its date', () => {
    const data = dataset({
      workers: [worker({ id: 'W1' }), worker({ id: 'W2', team: 'Team B' })],
      allocations: [allocation('C2', 'W2', '2026-01-01')],
      decisions: [decision('C2', '2026-10-05', 'transfer', null)],
      discussions: [],
    });
    const parsed = decisionDiscussed.params.parse(params);
    const result = evaluateToList(decisionDiscussed, data, parsed, { window: { from: data.decisions[0]!.date - 4, asOf: data.decisions[0]!.date + 20 }, scope: { worker: () => true, case: () => true } });
    expect(result.findings.map((f) => [f.workerId, f.team])).toEqual([['W2', 'Team B']]);
  });

  it('counts only decisions of the rule’s kinds dated in the window', () => {
    const data = dataset({
      decisions: [decision('C1', '2026-09-30', 'closure'), decision('C1', '2026-10-05', 'legal-planning'), decision('C1', '2026-11-01', 'closure')],
    });
    expect(run(decisionDiscussed, { ...params, decisions: ['closure'] }, data, window)).toEqual({ subjects: 0, findings: [] });
  });
});
