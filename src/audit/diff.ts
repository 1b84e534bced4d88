/**
 * What changed between two audit reports of one policy (REQUIREMENTS.md, "Comparing two
 * reports"). Findings are matched by identity: requirement, check, subject, due date (the
 * session's or discussion's date where there is none) and the part of the subject (a signing
 * party, a topic, a resident child). New: in the later report only.
 * Persisting: in both. In the earlier only, a finding is `ended` when its subject is no longer in
 * the later report's scope (a worker who left, a case that closed) or it lies wholly before the
 * later report's window (it aged out of the audit), and `resolved` otherwise.
 */
import { parseIsoDay } from '../time/calendar.js';
import type { Figures, Finding, Report } from './report.js';

export type Change = 'new' | 'persisting' | 'resolved' | 'ended';

export interface ChangedFinding {
  change: Change;
  /** The finding as the later report has it (as the earlier one had it, for resolved and ended). */
  finding: Finding;
  /** Its status in the earlier report, for a persisting finding. */
  statusBefore: string | null;
  /** Why a finding ended: its subject left the scope, or it lies before the later window. */
  endedBecause: string | null;
}

export interface RuleChange {
  requirement: string;
  check: string;
  clause: string;
  then: (Figures & { status: string }) | null;
  now: (Figures & { status: string }) | null;
  /** Compliance now less then, in percentage points; null when either has none. */
  change: number | null;
}

export interface ReportDiff {
  policy: Report['policy'];
  earlier: { window: Report['window']; tool: Report['tool']; exceptions: number };
  later: { window: Report['window']; tool: Report['tool']; exceptions: number };
  counts: Record<Change, number>;
  rules: RuleChange[];
  changes: ChangedFinding[];
}

/** Two reports that cannot be compared: the reason, in a sentence. */
export class DiffError extends Error {
  override name = 'DiffError';
}

/**
 * A finding's subject; a report read from a file may hold a finding whose subject is null (the
 * report contract's reading in `diff` allows it), which is compared by its other fields.
 */
export function subjectOf(f: Finding): { kind: string; id: string } {
  return (f.subject as Finding['subject'] | null) ?? { kind: '', id: '' };
}

/** A finding's identity: no two findings of one report share it. */
export function identityOf(f: Finding): string {
  const subject = subjectOf(f);
  return [f.requirement, f.check, subject.kind, subject.id, f.dueDate ?? f.lastDate ?? '', f.part ?? ''].join('\u0000');
}

/** Statuses of something still outstanding on the audit date: gone later, it was put right (or its subject ended). */
const OUTSTANDING = new Set(['overdue', 'missing', 'unsigned', 'unrecorded', 'not-rearranged', 'unknown-supervisor']);

/** The last day a finding of a past event speaks of (the late event, or the session's date); null for one still outstanding. */
function lastDayOf(f: Finding): number | null {
  if (OUTSTANDING.has(f.status)) return null;
  const due = f.dueDate === null ? null : parseIsoDay(f.dueDate);
  if (due !== null && f.daysOverdue !== null && f.status === 'late') return due + f.daysOverdue;
  const last = f.lastDate === null ? null : parseIsoDay(f.lastDate);
  return due ?? last;
}

export function diffReports(earlier: Report, later: Report): ReportDiff {
  if (earlier.policy.id !== later.policy.id) {
    throw new DiffError(`the reports are of different policies (${earlier.policy.id} and ${later.policy.id}): only two audits of one policy can be compared`);
  }
  // Narrowed otherwise (--team, --worker), the findings of those in one report's scope only would read as new or put right.
  const scopeOf = (r: Report): string => {
    const words = [r.scope?.team == null ? '' : `team "${r.scope.team}"`, r.scope?.worker == null ? '' : `worker ${r.scope.worker}`].filter((w) => w !== '');
    return words.length === 0 ? 'everyone' : words.join(' and ');
  };
  if (scopeOf(earlier) !== scopeOf(later)) {
    throw new DiffError(`the reports are of different scopes (${scopeOf(earlier)} and ${scopeOf(later)}): only two audits of the same --team and --worker can be compared`);
  }
  // Given the other way round, what was put right would read as new and what is new as put right.
  if (earlier.window.asOf > later.window.asOf) {
    throw new DiffError(`the first report is of ${earlier.window.asOf}, after the second (of ${later.window.asOf}): give the earlier report first, as diff <earlier> <later>`);
  }
  const before = new Map(earlier.findings.map((f) => [identityOf(f), f]));
  const after = new Set(later.findings.map(identityOf));
  const workers = new Set(later.inScope?.workers ?? []);
  const cases = new Set(later.inScope?.cases ?? []);
  const laterFrom = parseIsoDay(later.window.from)!;

  const changes: ChangedFinding[] = [];
  for (const f of later.findings) {
    const was = before.get(identityOf(f));
    changes.push({ change: was ? 'persisting' : 'new', finding: f, statusBefore: was ? was.status : null, endedBecause: null });
  }
  for (const f of earlier.findings) {
    if (after.has(identityOf(f))) continue;
    const endedBecause = whyEnded(f, workers, cases, later.inScope !== undefined, laterFrom);
    changes.push({ change: endedBecause === null ? 'resolved' : 'ended', finding: f, statusBefore: null, endedBecause });
  }
  const counts: Record<Change, number> = { new: 0, persisting: 0, resolved: 0, ended: 0 };
  for (const c of changes) counts[c.change] += 1;
  return {
    policy: later.policy,
    earlier: { window: earlier.window, tool: earlier.tool, exceptions: earlier.findings.length },
    later: { window: later.window, tool: later.tool, exceptions: later.findings.length },
    counts,
    rules: ruleChanges(earlier, later),
    changes,
  };
}

function whyEnded(f: Finding, workers: Set<string>, cases: Set<string>, scopeKnown: boolean, laterFrom: number): string | null {
  const subject = subjectOf(f);
  if (scopeKnown && subject.kind === 'worker' && !workers.has(subject.id)) return 'the worker is no longer in post';
  if (scopeKnown && subject.kind === 'case' && !cases.has(subject.id)) return 'the case is no longer open';
  const last = lastDayOf(f);
  if (last !== null && last < laterFrom) return 'it lies before the later audit window';
  return null;
}

function ruleChanges(earlier: Report, later: Report): RuleChange[] {
  const key = (r: { requirement: string; check: string }) => `${r.requirement} ${r.check}`;
  const then = new Map(earlier.summary.rules.map((r) => [key(r), r]));
  const now = new Map(later.summary.rules.map((r) => [key(r), r]));
  const keys = [...now.keys(), ...[...then.keys()].filter((k) => !now.has(k))];
  const figures = (r: Report['summary']['rules'][number] | undefined) =>
    r ? { status: r.status, subjects: r.subjects, compliant: r.compliant, exceptions: r.exceptions, compliance: r.compliance } : null;
  return keys.map((k) => {
    const a = then.get(k);
    const b = now.get(k);
    const rule = (b ?? a)!;
    const before = figures(a);
    const after = figures(b);
    const change = before?.compliance != null && after?.compliance != null ? Math.round(10 * (after.compliance - before.compliance)) / 10 : null;
    return { requirement: rule.requirement, check: rule.check, clause: rule.clause, then: before, now: after, change };
  });
}
