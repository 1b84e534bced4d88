/**
 * What falls due next (REQUIREMENTS.md, "What falls due next (look-ahead)"): every rule whose
 * check keeps chains of due dates is run as the audit runs it, over the same window, and each
 * chain hands back its open item: the due date after its last event on or before the audit date.
 * An item is listed when its subject is in post or open on the audit date, it is due on or before
 * the audit date plus `within` days, and before the subject's known end. It is `overdue` when its
 * due date is before the audit date, exactly when the audit reports that chain overdue.
 */
import type { FindingSink, OpenItem } from '../checks/check.js';
import type { Dataset } from '../model/dataset.js';
import type { DataIssue } from '../model/issues.js';
import type { InputSummary } from '../model/inputs.js';
import type { Policy } from '../policy/load.js';
import { addDays, formatDay, type Day } from '../time/calendar.js';
import type { AuditWindow } from '../time/window.js';
import { compareText, notRunReason } from './audit.js';
import { SCHEMA_VERSION, type Report } from './report.js';
import { makeScope } from './scope.js';
import { NO_TEAM } from './teams.js';

/** A run's findings where only its open items are wanted. */
const LET_GO: FindingSink = { push() {} };

export const DEFAULT_WITHIN = 14;

/** One thing that falls due (the look-ahead contract in DESIGN.md). */
export interface DueItem {
  requirement: string;
  check: string;
  clause: string;
  status: 'overdue' | 'due';
  subject: { kind: 'worker' | 'case'; id: string };
  part: string | null;
  workerId: string | null;
  workerName: string | null;
  supervisorId: string | null;
  supervisorName: string | null;
  /** The team that can act on it; never null (NO_TEAM for a case no one holds). */
  team: string;
  what: string;
  dueDate: string;
  lastDate: string | null;
  daysOverdue: number | null;
  daysLeft: number | null;
  source: Array<{ file: string; line: number }>;
}

export interface TeamDue {
  team: string;
  overdue: number;
  due: number;
}

export interface DueReport {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: Report['tool'];
  madeOn: string;
  policy: Report['policy'];
  asOf: string;
  within: number;
  until: string;
  window: Report['window'];
  scope: Report['scope'];
  inputs: InputSummary[];
  summary: { overdue: number; due: number; byTeam: TeamDue[] };
  items: DueItem[];
  notRun: Array<{ requirement: string; check: string; reason: string }>;
  dataIssues: DataIssue[];
}

export interface LookAheadInput {
  policy: Policy;
  dataset: Dataset;
  inputs: InputSummary[];
  issues: DataIssue[];
  window: AuditWindow;
  within: number;
  scopeWords: { team: string | null; worker: string | null };
  toolVersion: string;
  today: Day;
}

/** Whether an open item is listed: its subject in post or open on the audit date, due soon enough, and before its end. */
function listed(item: OpenItem, asOf: Day, until: Day): boolean {
  const inPost = item.start <= asOf && (item.end === null || item.end >= asOf);
  return inPost && item.dueDate <= until && (item.end === null || item.dueDate < item.end);
}

export function lookAhead(input: LookAheadInput): DueReport {
  const { policy, dataset, window, within } = input;
  const until = addDays(window.asOf, within);
  const scope = makeScope(dataset, window, { team: input.scopeWords.team ?? undefined, worker: input.scopeWords.worker ?? undefined });
  const nameOf = (id: string | null): string | null => (id === null ? null : (dataset.workerById.get(id)?.name ?? null));
  const items: DueItem[] = [];
  const notRun: DueReport['notRun'] = [];
  for (const rule of policy.rules) {
    if (!rule.check.chains) continue;
    const reason = notRunReason(rule, dataset);
    if (reason !== null) {
      notRun.push({ requirement: rule.requirement, check: rule.check.id, reason });
      continue;
    }
    const open = (item: OpenItem): void => {
      if (!listed(item, window.asOf, until)) return;
      const overdue = item.dueDate < window.asOf;
      items.push({
        requirement: rule.requirement,
        check: rule.check.id,
        clause: rule.clause,
        status: overdue ? 'overdue' : 'due',
        subject: item.subject as DueItem['subject'],
        part: item.part ?? null,
        workerId: item.workerId,
        workerName: nameOf(item.workerId),
        supervisorId: item.supervisorId,
        supervisorName: nameOf(item.supervisorId),
        team: item.team ?? NO_TEAM,
        what: item.what,
        dueDate: formatDay(item.dueDate),
        lastDate: item.lastDate === null ? null : formatDay(item.lastDate),
        daysOverdue: overdue ? window.asOf - item.dueDate : null,
        daysLeft: overdue ? null : item.dueDate - window.asOf,
        source: item.source.map(({ file, line }) => ({ file, line })),
      });
    };
    // Only the open items are wanted: the findings are kept as figures, and let go.
    rule.check.evaluate(dataset, rule.params, { window, scope, open, findings: LET_GO, keep: 'figures' });
  }
  items.sort((a, b) => compareText(a.team, b.team) || compareText(a.dueDate, b.dueDate) || compareText(a.workerId, b.workerId) || compareText(a.subject.id, b.subject.id) || compareText(a.part, b.part));
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'supervision-audit', version: input.toolVersion },
    madeOn: formatDay(input.today),
    policy: { id: policy.id, title: policy.title, version: policy.version, authority: policy.authority, source: policy.source },
    asOf: formatDay(window.asOf),
    within,
    until: formatDay(until),
    window: { from: formatDay(window.from), asOf: formatDay(window.asOf) },
    scope: input.scopeWords,
    inputs: input.inputs.map((i) => ({ ...i })),
    summary: { overdue: items.filter((i) => i.status === 'overdue').length, due: items.filter((i) => i.status === 'due').length, byTeam: dueByTeam(items) },
    items,
    notRun,
    dataIssues: input.issues,
  };
}

/** Each team's counts, in team order. */
export function dueByTeam(items: readonly DueItem[]): TeamDue[] {
  const byTeam = new Map<string, TeamDue>();
  for (const item of items) {
    const counts = byTeam.get(item.team) ?? { team: item.team, overdue: 0, due: 0 };
    counts[item.status] += 1;
    byTeam.set(item.team, counts);
  }
  return [...byTeam.values()].sort((a, b) => compareText(a.team, b.team));
}
