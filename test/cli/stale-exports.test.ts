/** Exports that end well before the audit date (src/cli/stale-exports.ts): said, with the date to audit to. */
import { describe, expect, it } from 'vitest';
import { latestSupervision, STALE_AFTER_DAYS, staleExportsLine } from '../../src/cli/stale-exports.js';
import { dataset, day, discussion, held, worker } from '../helpers/records.js';

/** Sessions every other day through September and into October 2026, as a team's exports hold them. */
const everyOtherDay = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2026, 8, 1 + 2 * i)).toISOString().slice(0, 10));

describe('exports that end before the audit date', () => {
  const data = dataset({ workers: [worker({ id: 'W1' })], sessions: held('W1', ...everyOtherDay), discussions: [discussion('C1', '2026-10-10')] });

  it('are told by the latest session or case discussion, and the longest quiet spell before it', () => {
    expect(latestSupervision(data)).toEqual({ latest: day('2026-10-10'), longestQuiet: 2 });
    expect(latestSupervision(dataset({ workers: [worker({ id: 'W1' })], sessions: held('W1', '2026-06-02', '2026-07-02', '2026-10-02') }))).toEqual({ latest: day('2026-10-02'), longestQuiet: 92 });
    expect(latestSupervision(dataset({}))).toBeNull();
  });

  it.each([
    ['2026-10-10', null],
    [`2026-10-${10 + STALE_AFTER_DAYS}`, null],
    [`2026-10-${11 + STALE_AFTER_DAYS}`, 'the exports\' latest supervision session or case discussion is on 2026-10-10, 15 days before the audit date 2026-10-25: if they were downloaded then, audit to that day (--as-of 2026-10-10), as anything due since reads as overdue'],
  ])('audited to %s: %s', (asOf, words) => {
    expect(staleExportsLine(data, day(asOf))).toBe(words === null ? null : `supervision-audit: ${words}\n`);
  });

  it('say nothing where the exports were as quiet before (a service that meets monthly), or hold no supervision', () => {
    const monthly = dataset({ workers: [worker({ id: 'W1' })], sessions: held('W1', '2026-07-10', '2026-08-10', '2026-09-10', '2026-10-10') });
    expect(staleExportsLine(monthly, day('2026-10-31'))).toBeNull();
    expect(staleExportsLine(monthly, day('2026-11-11'))).toBe(
      "supervision-audit: the exports' latest supervision session or case discussion is on 2026-10-10, 32 days before the audit date 2026-11-11: if they were downloaded then, audit to that day (--as-of 2026-10-10), as anything due since reads as overdue\n",
    );
    expect(staleExportsLine(dataset({}), day('2026-10-31'))).toBeNull();
  });
});
