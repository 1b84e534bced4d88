/**
 * The team a subject is counted in (REQUIREMENTS.md, "Monthly and team figures"), case by case.
 */
import { describe, expect, it } from 'vitest';
import { NO_TEAM, teamResolver } from '../../src/audit/teams.js';
import type { SubjectKind } from '../../src/model/records.js';
import { allocation, dataset, day, incident, worker } from '../helpers/records.js';

const data = dataset({
  workers: [worker({ id: 'W1', team: 'North' }), worker({ id: 'W2', team: 'South' }), worker({ id: 'W3', team: 'Leaving Care', end: '2026-06-30' })],
  allocations: [
    allocation('C1', 'W1', '2025-01-01', '2026-05-31'),
    allocation('C1', 'W2', '2026-06-01'),
    allocation('C2', 'W3', '2025-01-01', '2026-06-30'),
    allocation('C4', 'W9', '2025-01-01'),
  ],
  incidents: [incident('I1', 'C1', '2026-03-01'), incident('I2', 'C9', '2026-03-01')],
});
const teamOf = teamResolver(data, day('2026-10-31'));

describe('the team of a subject', () => {
  it.each<[string, SubjectKind, string, string | null, string]>([
    ['a worker: their own team', 'worker', 'W3', null, 'Leaving Care'],
    ['a session: its supervisee’s team', 'session', 'S1', 'W2', 'South'],
    ['a case discussion: its worker’s team', 'case-discussion', 'D1', 'W1', 'North'],
    ['a case: the team of the worker allocated on the audit date', 'case', 'C1', null, 'South'],
    ['a case allocated to nobody on the audit date: the team of the last worker allocated before it', 'case', 'C2', null, 'Leaving Care'],
    ['a case never allocated', 'case', 'C3', null, NO_TEAM],
    ['a case whose worker is in no workers export', 'case', 'C4', null, NO_TEAM],
    ['an incident: its case’s team', 'incident', 'I1', null, 'South'],
    ['an incident of a case never allocated', 'incident', 'I2', null, NO_TEAM],
  ])('%s', (_name, kind, id, workerId, team) => {
    expect(teamOf(kind, id, workerId)).toBe(team);
  });
});
