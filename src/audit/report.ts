/**
 * The audit report: the JSON report contract (schemaVersion 1, see README), which every
 * reporter renders. Dates are YYYY-MM-DD strings.
 */
import type { SubjectKind } from '../model/records.js';
import type { InputSummary, SkippedInput } from '../model/inputs.js';
import type { DataIssue } from '../model/issues.js';
import type { SourceRef } from '../model/records.js';
import type { FindingList } from './finding-store.js';

export const SCHEMA_VERSION = 1;

/** Compliance as a report gives it: compliant subjects as a percentage of subjects, one decimal; null with no subjects. */
export function compliancePercent(compliant: number, subjects: number): number | null {
  return subjects === 0 ? null : Math.round((1000 * compliant) / subjects) / 10;
}

/** The rows a finding rests on, as every report writes them: `file:line; file:line`. */
/** What an input file was read as, for people: the HR export says how its records were joined to workers. */
export function entityWords(input: Pick<InputSummary, 'entity' | 'matchedOn'>): string {
  if (input.matchedOn === undefined) return input.entity;
  const { workerId, staffNumber } = input.matchedOn;
  if (staffNumber === 0) return `${input.entity} by worker id`;
  if (workerId === 0) return `${input.entity} by staff number`;
  return `${input.entity} by worker id (${workerId}) and staff number (${staffNumber})`;
}

export function sourcesText(source: ReadonlyArray<{ file: string; line: number }>): string {
  return source.map((s) => `${s.file}:${s.line}`).join('; ');
}

export interface Finding {
  requirement: string;
  check: string;
  status: string;
  subject: { kind: SubjectKind; id: string };
  workerId: string | null;
  supervisorId: string | null;
  team: string | null;
  /** The worker's and supervisor's names as the workers export gives them (staff only; never a person receiving a service). */
  workerName: string | null;
  supervisorName: string | null;
  /** The part of the subject it is about, where a check reports parts apart: `supervisor` or `supervisee` (sign-off), `topic CODE`, `child ID`. */
  part?: string;
  dueDate: string | null;
  lastDate: string | null;
  daysOverdue: number | null;
  message: string;
  clause: string;
  source: SourceRef[];
}

export interface RuleSummary {
  requirement: string;
  check: string;
  clause: string;
  /** The policy's words the rule enforces, as the policy file quotes them. */
  words: string;
  status: 'run' | 'not-run';
  /** Why a rule did not run. */
  reason?: string;
  subjects: number;
  compliant: number;
  exceptions: number;
  /** Compliant subjects as a percentage of subjects, one decimal; null with no subjects. */
  compliance: number | null;
  /** The rule's figures per team of its subjects; they add up to its totals. Empty when not run. */
  byTeam: Array<TeamFigures>;
  /** The figures of each calendar month of the window, as a `--month` audit of it gives them. Empty when not run. */
  byMonth: Array<MonthFigures>;
}

export interface Figures {
  subjects: number;
  compliant: number;
  exceptions: number;
  /** As the rule's compliance: a percentage, one decimal; null with no subjects. */
  compliance: number | null;
}

export interface TeamFigures extends Figures {
  team: string;
}

export interface MonthFigures extends Figures {
  /** YYYY-MM. */
  month: string;
}

/**
 * A report as the audit makes it and every reporter reads it: the findings held until they are
 * written, put into words as they are read (audit/finding-store.ts). A report read back from its
 * JSON is one too.
 */
export type AuditReport = Omit<Report, 'findings'> & { findings: FindingList };

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: string; version: string };
  /** The day the report was made, in Europe/London. */
  madeOn: string;
  policy: { id: string; title: string; version: string; authority: string; source: string };
  window: { from: string; asOf: string };
  scope: { team: string | null; worker: string | null };
  inputs: InputSummary[];
  /** What was given but not read, and why: a folder's README, an Excel lock file, a workbook's empty sheet. */
  skipped: SkippedInput[];
  summary: {
    exceptions: number;
    rowsRead: number;
    rowsUsed: number;
    rowsRejected: number;
    dataIssues: number;
    rules: RuleSummary[];
  };
  findings: Finding[];
  dataIssues: DataIssue[];
  notCheckable: Array<{ clause: string; words?: string; reason: string }>;
  /** How the policy reads vague words, per requirement, so nobody mistakes them for the policy's own. */
  readings: Array<{ requirement: string; reading: string }>;
  /**
   * The workers in post and the cases open on the audit date, within --team and --worker: what
   * a later report is compared against, to tell a resolved exception from one whose worker left
   * or whose case closed.
   */
  inScope: { workers: string[]; cases: string[] };
}
