import { describe, expect, it } from 'vitest';
import { diversityEvidenced } from '../../src/checks/diversity-evidenced.js';
import { dataset, run, session, worker } from '../helpers/records.js';

const window = { from: '2026-10-01', asOf: '2026-10-31' };

describe('diversity-evidenced', () => {
  it.each([
    { name: 'recorded as discussed', value: true, expected: [] },
    { name: 'recorded as not discussed', value: false, expected: [{ status: 'missing', subject: 'S', message: 'the record of the session on 2026-10-05 says diversity was not discussed' }] },
    { name: 'left blank', value: null, expected: [{ status: 'missing', subject: 'S', message: 'the record of the session on 2026-10-05 does not say whether diversity was discussed' }] },
  ])('$name', ({ value, expected }) => {
    const data = dataset({ workers: [worker({ id: 'W1' })], sessions: [session({ id: 'S', worker: 'W1', on: '2026-10-05', diversityDiscussed: value })] });
    expect(run(diversityEvidenced, {}, data, window)).toEqual({ subjects: 1, findings: expected });
  });

  it('cancelled and out-of-window sessions are not subjects', () => {
    const sessions = [
      session({ worker: 'W1', on: '2026-10-05', diversityDiscussed: null, status: 'cancelled' }),
      session({ worker: 'W1', on: '2026-09-30', diversityDiscussed: null }),
    ];
    expect(run(diversityEvidenced, {}, dataset({ workers: [worker({ id: 'W1' })], sessions }), window)).toEqual({ subjects: 0, findings: [] });
  });
});
