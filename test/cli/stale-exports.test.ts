/** Exports that end well before the audit date (src/cli/stale-exports.ts): said, with the date to audit to. */
import { describe, expect, it } from 'vitest';
import { latestSupervision, STALE_AFTER_DAYS, staleExportsLine } from '../../src/cli/stale-exports.js';
import { dataset, day, discussion, held, worker } from '../helpers/records.js';

describe('exports that end before the audit date', () => {
  const data = dataset({ workers: [worker({ id: 'W1' })], sessions: held('W1', '2026-09-01', '2026-10-02'), discussions: [discussion('C1', '2026-10-10')] });

  it('are told by the latest session or case discussion', () => {
    expect(latestSupervision(data)).toBe(day('2026-10-10'));
    expect(latestSupervision(dataset({ workers: [worker({ id: 'W1' })], sessions: held('W1', '2026-10-02') }))).toBe(day('2026-10-02'));
    expect(latestSupervision(dataset({}))).toBeNull();
  });

  it.each([
    ['2026-10-10', null],
    [`2026-10-${10 + STALE_AFTER_DAYS}`, null],
    [`2026-10-${11 + STALE_AFTER_DAYS}`, 'the exports\' latest supervision session or case discussion is on 2026-10-10, 15 days before the audit date 2026-10-25: if they were downloaded then, audit to that day (--as-of 2026-10-10), as anything due since reads as overdue'],
  ])('audited to %s: %s', (asOf, words) => {
    const line = staleExportsLine(data, day(asOf));
    expect(line).toBe(words === null ? null : `supervision-audit: ${words}\n`);
  });

  it('say nothing where there is no supervision at all', () => {
    expect(staleExportsLine(dataset({}), day('2026-10-31'))).toBeNull();
  });
});
