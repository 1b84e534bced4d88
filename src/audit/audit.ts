/**
 * Runs a policy over a dataset: every rule through its check, each finding cited with the
 * rule's requirement and clause and put into words; a rule whose records are not in the
 * input is reported as not run, never as compliant.
 */
import { formatDay } from '../time/calendar.js';
import { ownCopy } from '../model/text.js';
import type { AuditWindow } from '../time/window.js';
import type { CheckFinding, Scope } from '../checks/check.js';
import { needsOf } from '../checks/registry.js';
import type { InputSummary } from '../model/inputs.js';
import { carries, type Dataset } from '../model/dataset.js';
import type { DataIssue } from '../model/issues.js';
import type { Policy, Rule } from '../policy/load.js';
import { SCHEMA_VERSION, type Finding, type Report, type RuleSummary } from './report.js';

const RECORD_WORDS: Record<string, string> = {
  workers: 'workers',
  supervisors: 'supervisor assignments',
  sessions: 'supervision sessions',
  agreements: 'supervision agreements',
  allocations: 'allocations',
  plans: 'plans',
  'case-discussions': 'case discussions',
  'case-decisions': 'case decisions',
  'case-file-audits': 'case file audits',
  residences: 'residences in a children’s home',
  incidents: 'incidents',
};

/** The optional fields checks judge, as a reason for not running a rule names them. */
const FIELD_WORDS: Record<string, string> = {
  supervisorSignedAt: 'supervisor signature column',
  superviseeSignedAt: 'supervisee signature column',
  recordedAt: 'recorded date column',
  durationMinutes: 'duration column',
  diversityDiscussed: 'diversity discussed column',
  topics: 'topics column',
  cancelReason: 'cancellation reason column',
};

export function formatFinding(rule: Rule, f: CheckFinding): Finding {
  const dueDate = f.dueDate === null ? null : formatDay(f.dueDate);
  const lastDate = f.lastDate === null ? null : formatDay(f.lastDate);
  const words = rule.check.messages[f.status];
  // Kept until the report is written, perhaps for a hundred thousand findings: made flat.
  const message = ownCopy(words ? words({ status: f.status, dueDate, lastDate, daysOverdue: f.daysOverdue, details: f.details }) : f.status);
  return {
    requirement: rule.requirement,
    check: rule.check.id,
    status: f.status,
    subject: f.subject,
    workerId: f.workerId,
    supervisorId: f.supervisorId,
    team: f.team,
    dueDate,
    lastDate,
    daysOverdue: f.daysOverdue,
    message,
    clause: rule.clause,
    source: f.source.map(({ file, line }) => ({ file, line })),
  };
}

export interface RuleRun {
  summary: RuleSummary;
  findings: Finding[];
}

export function runRule(rule: Rule, dataset: Dataset, window: AuditWindow, scope: Scope): RuleRun {
  const base = { requirement: rule.requirement, check: rule.check.id, clause: rule.clause };
  const missing = needsOf(rule.check, rule.params).filter((kind) => !dataset.provided.has(kind));
  const notRun = (reason: string): RuleRun => ({
    summary: { ...base, status: 'not-run', reason, subjects: 0, compliant: 0, exceptions: 0, compliance: null },
    findings: [],
  });
  if (missing.length > 0) return notRun(`no ${missing.map((k) => RECORD_WORDS[k] ?? k).join(' or ')} in input`);
  const absent = (rule.check.needsFields?.(rule.params) ?? []).filter(([kind, field]) => !carries(dataset, kind, field));
  if (absent.length > 0) {
    return notRun(`the ${absent.map(([kind, field]) => `${RECORD_WORDS[kind] ?? kind} have no ${FIELD_WORDS[field] ?? field}`).join(', and the ')} in the input`);
  }
  const result = rule.check.evaluate(dataset, rule.params, { window, scope });
  const failing = new Set(result.findings.map((f) => `${f.subject.kind} ${f.subject.id}`));
  const compliant = result.subjects - failing.size;
  return {
    summary: {
      ...base,
      status: 'run',
      subjects: result.subjects,
      compliant,
      exceptions: result.findings.length,
      compliance: result.subjects === 0 ? null : Math.round((1000 * compliant) / result.subjects) / 10,
    },
    findings: result.findings.map((f) => formatFinding(rule, f)),
  };
}

/** Ids in natural order (W2 before W10); one collator, as a fresh localeCompare per pair is slow. */
const collator = new Intl.Collator('en', { numeric: true });
const compareText = (a: string | null, b: string | null): number => collator.compare(a ?? '', b ?? '');

/** The one order of findings every format uses: rule order, then subject, then date. */
function sortFindings(findings: Finding[], ruleOrder: Map<string, number>): Finding[] {
  return findings.sort(
    (a, b) =>
      ruleOrder.get(`${a.requirement} ${a.check}`)! - ruleOrder.get(`${b.requirement} ${b.check}`)! ||
      compareText(a.subject.id, b.subject.id) ||
      compareText(a.dueDate ?? a.lastDate, b.dueDate ?? b.lastDate) ||
      compareText(a.status, b.status),
  );
}

export interface AuditInput {
  policy: Policy;
  dataset: Dataset;
  inputs: InputSummary[];
  issues: DataIssue[];
  window: AuditWindow;
  scope: Scope;
  scopeWords: { team: string | null; worker: string | null };
  toolVersion: string;
}

export function runAudit(input: AuditInput): Report {
  const { policy, dataset, window, scope } = input;
  const runs = policy.rules.map((rule) => runRule(rule, dataset, window, scope));
  const ruleOrder = new Map(policy.rules.map((r, i) => [`${r.requirement} ${r.check.id}`, i]));
  const findings = sortFindings(runs.flatMap((r) => r.findings), ruleOrder);
  const sum = (k: 'rowsRead' | 'rowsUsed' | 'rowsRejected'): number => input.inputs.reduce((s, i) => s + i[k], 0);
  const readings = new Map<string, string>();
  for (const r of policy.rules) if (r.reading) readings.set(r.requirement, r.reading);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'supervision-audit', version: input.toolVersion },
    policy: { id: policy.id, title: policy.title, version: policy.version, authority: policy.authority, source: policy.source },
    window: { from: formatDay(window.from), asOf: formatDay(window.asOf) },
    scope: input.scopeWords,
    inputs: input.inputs.map((i) => ({ ...i })),
    summary: {
      exceptions: findings.length,
      rowsRead: sum('rowsRead'),
      rowsUsed: sum('rowsUsed'),
      rowsRejected: sum('rowsRejected'),
      dataIssues: input.issues.length,
      rules: runs.map((r) => r.summary),
    },
    findings,
    dataIssues: input.issues,
    notCheckable: policy.notCheckable.map((n) => ({ ...n })),
    readings: [...readings].map(([requirement, reading]) => ({ requirement, reading })),
  };
}
