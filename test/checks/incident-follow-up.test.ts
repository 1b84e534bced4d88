import { describe, expect, it } from 'vitest';
import { incidentFollowUp } from '../../src/checks/incident-follow-up.js';
import { allocation, dataset, discussion, incident, run, session, worker } from '../helpers/records.js';

const window = { from: '2026-09-01', asOf: '2026-10-31' };
const sessions = ['2026-09-08', '2026-10-06', '2026-10-27'].map((on, i) => session({ id: `S${i + 1}`, worker: 'W1', on: `${on} 10:00` }));

function withIncident(resolved: string | undefined, discussedOn: string[], on = '2026-09-02') {
  return dataset({
    workers: [worker({ id: 'W1', team: 'Fostering Team' })],
    allocations: [allocation('FC1', 'W1', '2024-01-01')],
    sessions,
    incidents: [incident('I1', 'FC1', on, resolved)],
    discussions: discussedOn.map((d) => discussion('FC1', `${d} 10:30`, { workerId: 'W1' })),
  });
}

const missing = (sessionDate: string, state = 'still open') => ({
  status: 'missing',
  subject: 'I1',
  dueDate: sessionDate,
  message: `the incident of 2026-09-02 on case FC1 (${state}) was not discussed at the session on ${sessionDate}`,
});

describe('incident-follow-up', () => {
  it.each([
    { name: 'discussed at every session while open', resolved: undefined, discussed: ['2026-09-08', '2026-10-06', '2026-10-27'], expected: [] },
    { name: 'not discussed at the next session', resolved: undefined, discussed: ['2026-10-06', '2026-10-27'], expected: [missing('2026-09-08')] },
    { name: 'dropped before it was resolved', resolved: undefined, discussed: ['2026-09-08'], expected: [missing('2026-10-06'), missing('2026-10-27')] },
    { name: 'resolved: later sessions need not discuss it', resolved: '2026-09-20', discussed: ['2026-09-08'], expected: [] },
    { name: 'resolved on the day of a session: that session need not', resolved: '2026-10-06', discussed: ['2026-09-08'], expected: [] },
    {
      name: 'resolved the day after a session: that session must',
      resolved: '2026-10-07',
      discussed: ['2026-09-08'],
      expected: [missing('2026-10-06', 'resolved on 2026-10-07')],
    },
  ])('$name', ({ resolved, discussed, expected }) => {
    expect(run(incidentFollowUp, {}, withIncident(resolved, discussed), window)).toEqual({ subjects: 1, findings: expected });
  });

  it('a session on the day of the incident is not the next one; a session after the audit date is not known', () => {
    const data = withIncident(undefined, ['2026-10-06', '2026-10-27'], '2026-09-08');
    expect(run(incidentFollowUp, {}, data, window).findings).toEqual([]);
    expect(run(incidentFollowUp, {}, withIncident(undefined, [], '2026-10-20'), window).findings.map((f) => f.dueDate)).toEqual(['2026-10-27']);
    expect(run(incidentFollowUp, {}, withIncident(undefined, [], '2026-10-20'), { from: '2026-09-01', asOf: '2026-10-26' }).findings).toEqual([]);
  });

  it('an incident resolved before the window is not a subject', () => {
    expect(run(incidentFollowUp, {}, withIncident('2026-08-30', [], '2026-08-01'), window)).toEqual({ subjects: 0, findings: [] });
  });
});
