import { describe, expect, it } from 'vitest';
import { residentialEachChild } from '../../src/checks/residential-each-child.js';
import { dataset, discussion, residence, run, session, worker } from '../helpers/records.js';

const window = { from: '2026-10-01', asOf: '2026-10-31' };
const home = 'Oakwell House';
const staff = worker({ id: 'R1', role: 'residential-worker', team: home });

function at(discussions: Array<[string, string, Partial<Parameters<typeof discussion>[2]>?]>, residents = [residence('C1', home, '2026-01-01'), residence('C2', home, '2026-01-01', '2026-10-10')]) {
  return dataset({
    workers: [staff],
    sessions: [session({ id: 'S1', worker: 'R1', on: '2026-10-05 10:00' }), session({ id: 'S2', worker: 'R1', on: '2026-10-20 10:00' })],
    residences: residents,
    discussions: discussions.map(([caseId, on, more]) => discussion(caseId, on, { workerId: 'R1', ...more })),
  });
}

describe('residential-each-child', () => {
  it.each([
    {
      name: 'every resident discussed at each session, linked to it or the same day',
      discussions: [['C1', '2026-10-05 10:30', { sessionId: 'S1' }], ['C2', '2026-10-05 11:00'], ['C1', '2026-10-20 10:30', { sessionId: 'S2' }]] as Array<[string, string, object?]>,
      expected: [],
    },
    {
      name: 'a resident not discussed; a child who has left is not due',
      discussions: [['C1', '2026-10-05 10:30', { sessionId: 'S1' }], ['C1', '2026-10-20 10:30', { sessionId: 'S2' }]] as Array<[string, string, object?]>,
      expected: [{ status: 'missing', subject: 'S1', message: 'child C2, resident at Oakwell House, was not discussed at the session on 2026-10-05' }],
    },
    {
      name: 'a discussion on another day, or cancelled, does not count',
      discussions: [['C1', '2026-10-04 10:30'], ['C2', '2026-10-05 10:30', { status: 'cancelled' }], ['C1', '2026-10-20 10:30']] as Array<[string, string, object?]>,
      expected: [
        { status: 'missing', subject: 'S1', message: 'child C1, resident at Oakwell House, was not discussed at the session on 2026-10-05' },
        { status: 'missing', subject: 'S1', message: 'child C2, resident at Oakwell House, was not discussed at the session on 2026-10-05' },
      ],
    },
  ])('$name', ({ discussions, expected }) => {
    expect(run(residentialEachChild, {}, at(discussions as never), window)).toEqual({ subjects: 2, findings: expected });
  });

  it('a home with no residents that day has no sessions to judge; other teams are not homes', () => {
    const data = at([], [residence('C1', home, '2026-10-25')]);
    expect(run(residentialEachChild, {}, data, window)).toEqual({ subjects: 0, findings: [] });
    const other = dataset({ workers: [worker({ id: 'W1', team: 'Team A' })], sessions: [session({ worker: 'W1', on: '2026-10-05' })], residences: [residence('C1', home, '2026-01-01')] });
    expect(run(residentialEachChild, { roles: ['practitioner'] }, other, window)).toEqual({ subjects: 0, findings: [] });
  });
});
