/**
 * What falls due next (REQUIREMENTS.md, "What falls due next"): table cases with the exact items,
 * and the invariant that ties the look-ahead to the audit, over every sample and several audit
 * dates: every overdue item is one overdue finding of the audit of the same date and window, and
 * every open overdue finding of a subject in post or open that day is one item.
 */
import { describe, expect, it } from 'vitest';
import { loadExports } from '../../src/adapters/load.js';
import { runAudit } from '../../src/audit/audit.js';
import { lookAhead, type DueItem } from '../../src/audit/due.js';
import type { Finding } from '../../src/audit/report.js';
import { adaptersFor, loadPolicy, type Policy } from '../../src/policy/load.js';
import { addDays, formatDay, parseIsoDay } from '../../src/time/calendar.js';
import { resolveWindow } from '../../src/time/window.js';
import type { Dataset } from '../../src/model/dataset.js';
import { agreement, allocation, assignment, dataset, discussion, held, plan, registration, staffRecord as record, worker } from '../helpers/records.js';

const TODAY = parseIsoDay('2026-11-27')!;

function due(policy: Policy, data: Dataset, asOf: string, within = 14): DueItem[] {
  const window = resolveWindow({ asOf, today: TODAY });
  return lookAhead({ policy, dataset: data, inputs: [], issues: [], window, within, scopeWords: { team: null, worker: null }, toolVersion: 'test', today: TODAY }).items;
}

/** A policy of one rule, from a bundled one's rules: its check and parameters as shipped. */
async function ruleOf(id: string, requirement: string, check: string): Promise<Policy> {
  const { policy } = await loadPolicy(id);
  return { ...policy, rules: policy.rules.filter((r) => r.requirement === requirement && r.check.id === check) };
}

const brief = (items: DueItem[]) => items.map((i) => [i.status, i.subject.id, i.what, i.dueDate, i.lastDate, i.daysOverdue ?? i.daysLeft]);

describe('what falls due: table cases', async () => {
  const monthly = await ruleOf('barnsley', 'BAR-6.1-practitioners', 'staff-frequency');
  const asye = await ruleOf('barnsley', 'BAR-6.1-asye', 'staff-frequency');
  const cp = await ruleOf('barnsley', 'BAR-6.1-cp', 'case-frequency');
  const registered = await ruleOf('haringey', 'HAR-4.2-registration', 'registration-current');
  const trained = await ruleOf('barnsley', 'BAR-3.3.2-trained', 'staff-record');
  const contract = await ruleOf('barnsley', 'BAR-5.5-contract', 'agreement');
  const worked = (sessions: string[], o: Parameters<typeof worker>[0] = { id: 'W1' }) => dataset({ workers: [worker(o)], sessions: held(o.id, ...sessions) });

  it('a worker last supervised 20 days ago under a monthly rule: due in about ten days, listed within 14 and not within 7', () => {
    const data = worked(['2026-09-11', '2026-10-11']);
    expect(brief(due(monthly, data, '2026-10-31'))).toEqual([['due', 'W1', 'monthly supervision', '2026-11-11', '2026-10-11', 11]]);
    expect(due(monthly, data, '2026-10-31', 7)).toEqual([]);
  });

  it('due on the day itself: 0 days left, not overdue', () => {
    expect(brief(due(monthly, worked(['2026-09-30']), '2026-10-30'))).toEqual([['due', 'W1', 'monthly supervision', '2026-10-30', '2026-09-30', 0]]);
  });

  it('a day past the due date: overdue by one day', () => {
    expect(brief(due(monthly, worked(['2026-09-30']), '2026-10-31'))).toEqual([['overdue', 'W1', 'monthly supervision', '2026-10-30', '2026-09-30', 1]]);
  });

  it('never supervised in the window: overdue since a month after its start, with no last session to name', () => {
    expect(brief(due(monthly, worked([]), '2026-10-31'))).toEqual([['overdue', 'W1', 'monthly supervision', '2025-12-01', null, 334]]);
  });

  it('a leaver whose last day comes before the due date: nothing is listed', () => {
    expect(due(monthly, worked(['2026-10-15'], { id: 'W1', end: '2026-11-05' }), '2026-10-31')).toEqual([]);
  });

  it('a leaver due on their last day: nothing falls due on it; a day later, it is listed', () => {
    expect(due(monthly, worked(['2026-10-15'], { id: 'W1', end: '2026-11-15' }), '2026-11-01')).toEqual([]);
    expect(brief(due(monthly, worked(['2026-10-15'], { id: 'W1', end: '2026-11-16' }), '2026-11-01'))).toEqual([['due', 'W1', 'monthly supervision', '2026-11-15', '2026-10-15', 14]]);
  });

  it('an ASYE in the weekly stage: a week after the last session', () => {
    const data = worked(['2026-10-02', '2026-10-09', '2026-10-16', '2026-10-23', '2026-10-30'], { id: 'W1', role: 'asye', start: '2026-09-01', asyeStart: '2026-09-01' });
    expect(brief(due(asye, data, '2026-10-31'))).toEqual([['due', 'W1', 'weekly supervision', '2026-11-06', '2026-10-30', 6]]);
  });

  it('a plan that ends before its case discussion falls due: nothing is listed', () => {
    const records = { allocations: [allocation('C1', 'W1', '2026-01-01')], discussions: [discussion('C1', '2026-10-10')] };
    const open = dataset({ workers: [worker({ id: 'W1' })], plans: [plan('C1', 'cp', '2026-01-01')], ...records });
    expect(brief(due(cp, open, '2026-10-31'))).toEqual([['due', 'C1', 'monthly case discussion for case C1', '2026-11-10', '2026-10-10', 10]]);
    const ending = dataset({ workers: [worker({ id: 'W1' })], plans: [plan('C1', 'cp', '2026-01-01', '2026-11-05')], ...records });
    expect(due(cp, ending, '2026-10-31')).toEqual([]);
  });

  it('a registration ending in ten days: its renewal is due by its last valid day', () => {
    const data = dataset({ workers: [worker({ id: 'W1' })], staffRecords: [registration('W1', 'SWE_REGISTRATION', '2025-11-01', '2026-11-10')] });
    expect(brief(due(registered, data, '2026-10-31'))).toEqual([['due', 'W1', 'Social Work England registration renewal', '2026-11-10', '2025-11-01', 10]]);
  });

  it('a lapsed registration: overdue since the last day it covered, as the audit reports it lapsed from the day after', () => {
    const data = dataset({ workers: [worker({ id: 'W1' })], staffRecords: [registration('W1', 'SWE_REGISTRATION', '2025-10-01', '2026-09-30')] });
    expect(brief(due(registered, data, '2026-10-31'))).toEqual([['overdue', 'W1', 'Social Work England registration renewal', '2026-09-30', '2025-10-01', 31]]);
  });

  it('a once-only training record already held: nothing falls due', () => {
    const manager = worker({ id: 'W1', role: 'team-manager', start: '2025-01-01' });
    expect(due(trained, dataset({ workers: [manager], staffRecords: [record('W1', 'TRAINING', '2025-03-01', 'SUPERVISION_SKILLS')] }), '2026-10-31')).toEqual([]);
    expect(brief(due(trained, dataset({ workers: [manager] }), '2026-10-31'))).toEqual([['overdue', 'W1', 'training (SUPERVISION_SKILLS)', '2025-07-01', '2025-01-01', 487]]);
  });

  it('an agreement review: due twelve months after the last review', () => {
    const data = dataset({ workers: [worker({ id: 'W1' }), worker({ id: 'M1', role: 'team-manager' })], supervisors: [assignment('W1', 'M1', '2024-01-01')], agreements: [agreement('W1', 'M1', '2024-01-05', '2025-11-12')] });
    expect(brief(due(contract, data, '2026-10-31'))).toEqual([['due', 'W1', 'supervision agreement review with M1', '2026-11-12', '2025-11-12', 12]]);
  });
});

/** The finding an overdue item is, in its terms: the audit's date of the gap (a lapse is reported from the day after the last day covered). */
function findingKey(f: Finding): string {
  return `${f.requirement}|${f.check}|${f.subject.id}|${f.part ?? ''}|${f.status === 'lapsed' ? formatDay(addDays(parseIsoDay(f.dueDate!)!, -1)) : (f.dueDate ?? '')}`;
}
const itemKey = (i: DueItem): string => `${i.requirement}|${i.check}|${i.subject.id}|${i.part ?? ''}|${i.check === 'registration-current' && i.lastDate === null ? '' : i.dueDate}`;

describe.each(['barnsley', 'newham', 'haringey', 'portsmouth', 'walsall'])('the look-ahead of the %s sample agrees with its audit', (id) => {
  it.each(['2026-10-31', '2026-07-15', '2026-03-31'])('as of %s', async (asOf) => {
    const loaded = await loadPolicy(id);
    const window = resolveWindow({ asOf, today: TODAY });
    const { dataset: data, inputs, issues } = await loadExports([`samples/${id}`], { adapters: adaptersFor(loaded, undefined), adapterFile: loaded.adapterFile, asOf: window.asOf, today: TODAY });
    const chains = new Set(loaded.policy.rules.filter((r) => r.check.chains).map((r) => `${r.requirement}|${r.check.id}`));
    const report = runAudit({ policy: loaded.policy, dataset: data, inputs, issues, window, scopeWords: { team: null, worker: null }, toolVersion: 'test', today: TODAY });
    const look = lookAhead({ policy: loaded.policy, dataset: data, inputs, issues, window, within: 14, scopeWords: { team: null, worker: null }, toolVersion: 'test', today: TODAY });
    // The open overdue findings: of a chain rule, still open on the audit date.
    const open = [...report.findings].filter((f) => {
      if (!chains.has(`${f.requirement}|${f.check}`)) return false;
      if (f.status === 'missing') return f.check === 'agreement' || f.check === 'registration-current';
      if (f.status === 'lapsed') return formatDay(addDays(parseIsoDay(f.dueDate!)!, f.daysOverdue! - 1)) === asOf;
      return f.status === 'overdue' && formatDay(addDays(parseIsoDay(f.dueDate!)!, f.daysOverdue!)) === asOf;
    });
    const inPost = (f: Finding): boolean => f.subject.kind !== 'worker' || report.inScope.workers.includes(f.subject.id);
    const overdue = look.items.filter((i) => i.status === 'overdue');
    if (asOf === '2026-10-31') expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.map(itemKey).sort()).toEqual(open.filter(inPost).map(findingKey).sort());
    // Every item is unique, of a chain rule, and due by the date it promises.
    expect(new Set(look.items.map(itemKey)).size).toBe(look.items.length);
    expect(look.items.every((i) => i.dueDate <= look.until && chains.has(`${i.requirement}|${i.check}`))).toBe(true);
  }, 60_000);
});
