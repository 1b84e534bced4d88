/**
 * What a check is: a declared module with its id, the record kinds it needs, a zod schema
 * for its parameters (validated once, when the policy is loaded), the words of its findings,
 * and a function from the dataset to findings, each put into `context.findings` as it is found
 * (as an ESLint rule reports to its context). A check never reads files or prints.
 */
import type { z } from 'zod';
import type { Day } from '../time/calendar.js';
import type { AuditWindow } from '../time/window.js';
import type { Dataset } from '../model/dataset.js';
import { SUBJECT_KINDS, type RecordKind, type SourceRef, type SubjectKind } from '../model/records.js';
import { grown, IdColumn } from '../model/record-table.js';

/** A finding as a check reports it: data, not prose; the audit adds the rule's citation. */
export interface CheckFinding {
  status: string;
  subject: { kind: SubjectKind; id: string };
  workerId: string | null;
  supervisorId: string | null;
  team: string | null;
  dueDate: Day | null;
  lastDate: Day | null;
  daysOverdue: number | null;
  /** The part of the subject a finding is about, where a check reports parts apart (a signing party, a topic, a resident child). */
  part?: string;
  /** Values the message for this status uses (dates as day numbers are formatted by the audit). */
  details: Record<string, string | number | null>;
  /**
   * The rows this finding rests on, most relevant first: the records themselves (every record
   * knows its file and line), or places; the report keeps only file and line.
   */
  source: SourceRef[];
}

export interface CheckResult {
  /** How many subjects the rule applied to (workers, cases, sessions...). */
  subjects: number;
}

/**
 * Where a check puts each finding as it finds it (`context.findings`): a list, or the run's
 * store, which holds it compactly at once, so that a rule's findings are never all held whole.
 */
export interface FindingSink {
  push(...findings: CheckFinding[]): void;
}

/** Which workers and cases an audit is narrowed to (--team, --worker). */
export interface Scope {
  worker(workerId: string): boolean;
  case(caseId: string): boolean;
}

export interface CheckContext {
  window: AuditWindow;
  scope: Scope;
  /** Where the check puts its findings. */
  findings: FindingSink;
  /** Where the check counts its subjects; the audit gives one that keeps them, to tell their teams. */
  subjects?: SubjectTally;
  /**
   * What the run keeps of each finding: whole (the default), or its status and subject alone
   * where only figures are wanted (a month's audit, the look-ahead). The audit's choice, never
   * the check's: a check describes a finding through `found`, which asks for its parts only
   * where they are kept.
   */
  keep?: 'whole' | 'figures';
  /**
   * Where the run takes the open item of each chain (Check.chains): what falls due next after
   * the last event on or before the audit date. The look-ahead (`due`) gives one; an audit does
   * not. A check hands its items through `offer`, which describes one only where it is taken.
   */
  open?: (item: OpenItem) => void;
}

/** A finding's parts beside its status and subject. */
export type FindingParts = Omit<CheckFinding, 'status' | 'subject'>;

/** A finding of a check: its parts described only where the run keeps findings whole. */
export function found(context: CheckContext, status: string, subject: CheckFinding['subject'], parts: () => FindingParts): CheckFinding {
  if (context.keep === 'figures') return countedFinding(status, subject);
  // Parts made by a shared helper (chainFinding) carry a status and subject too: they must be these.
  const whole: FindingParts & Partial<Pick<CheckFinding, 'status' | 'subject'>> = parts();
  if ((whole.status !== undefined && whole.status !== status) || (whole.subject !== undefined && (whole.subject.kind !== subject.kind || whole.subject.id !== subject.id))) {
    throw new Error(`a finding's parts say ${whole.status} ${whole.subject?.kind} ${whole.subject?.id}, its check ${status} ${subject.kind} ${subject.id}`);
  }
  // Already a whole finding, and this one: taken as it is rather than copied.
  if (whole.status !== undefined && whole.subject !== undefined) return whole as CheckFinding;
  return { ...whole, status, subject };
}

/** The open item of a chain, described only where the run takes open items (the look-ahead). */
export function offer(context: CheckContext, item: () => OpenItem): void {
  context.open?.(item());
}

/**
 * The open item of a chain (REQUIREMENTS.md, "What falls due next"): the due date that follows
 * the last qualifying event on or before the audit date, as the audit finds it. Whether it is
 * listed (due soon enough, the subject in post or open on the audit date) is the look-ahead's.
 */
export interface OpenItem {
  subject: CheckFinding['subject'];
  /** The part of the subject it is about, where a check reports parts apart (a topic). */
  part?: string;
  workerId: string | null;
  supervisorId: string | null;
  team: string | null;
  /** What falls due, in words: "monthly supervision", "case discussion for case 500123". */
  what: string;
  dueDate: Day;
  /** The event (or start) the due date runs from; null where there is none (a registration never held). */
  lastDate: Day | null;
  /** The subject's first and last days (null: goes on): it is listed only when in post or open on the audit date, and due before its end. */
  start: Day;
  end: Day | null;
  source: SourceRef[];
}

/** A finding's message, from its data; dates in `f` are already formatted as YYYY-MM-DD. */
export type MessageFn = (f: FormattedFinding) => string;

export interface FormattedFinding {
  status: string;
  dueDate: string | null;
  lastDate: string | null;
  daysOverdue: number | null;
  details: Record<string, string | number | null>;
}

export interface Check<P extends z.ZodType = z.ZodType> {
  id: string;
  description: string;
  /** The record kinds the check reads; a rule whose kinds are not in the input does not run. */
  needs: readonly RecordKind[] | ((params: z.output<P>) => readonly RecordKind[]);
  /**
   * Optional fields the check judges (a signature, a duration): where no input file carries one,
   * the rule does not run rather than report every record as lacking it.
   */
  needsFields?: (params: z.output<P>) => ReadonlyArray<readonly [RecordKind, string]>;
  /** The kind of subject it counts. */
  subject: SubjectKind;
  /** The check keeps chains of due dates and hands their open items to `context.open` (the look-ahead). */
  chains?: true;
  /**
   * Each subject is a record dated in the window (a session) and judged on that record alone,
   * whatever the window's bounds and audit date, and counted with its date; every finding is
   * about a subject so counted. A month's figures are then the window's own, counted by each
   * record's date: the check is not run again for each month. A function of the rule's
   * parameters, as a variant of a check may count other subjects.
   */
  datedSubjects?: (params: z.output<P>) => boolean;
  params: P;
  /** One message per finding status. */
  messages: Record<string, MessageFn>;
  /** Judges the dataset: puts each finding into `context.findings` as it is found, and says how many subjects it judged. */
  evaluate(dataset: Dataset, params: z.output<P>, context: CheckContext): CheckResult;
}

/** Declares a check; typing its evaluate function's parameters from its schema. */
export function defineCheck<P extends z.ZodType>(check: Check<P>): Check<P> {
  return check;
}

/** A check's run with its findings gathered in a list, in the order found. */
export function evaluateToList<P extends z.ZodType>(
  check: Check<P>,
  dataset: Dataset,
  params: z.output<P>,
  context: Omit<CheckContext, 'findings'>,
): { subjects: number; findings: CheckFinding[] } {
  const findings: CheckFinding[] = [];
  const { subjects } = check.evaluate(dataset, params, { ...context, findings });
  return { subjects, findings };
}

/**
 * Counts the subjects of a rule as a check walks them. A subject met once by construction (a
 * session in a loop over sessions) is counted with `one`; one that may be met again (a case
 * with several episodes) with `add`, which counts it once. A session or case discussion is
 * counted with its worker, whose team it belongs to.
 */
export class SubjectTally {
  private count = 0;
  private readonly seen = new Set<string>();

  one(_kind: SubjectKind, _id: string, _workerId?: string, _date?: Day): void {
    this.count += 1;
  }

  add(kind: SubjectKind, id: string): void {
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.one(kind, id);
  }

  get size(): number {
    return this.count;
  }
}

/**
 * A tally that also keeps every subject, in the order met, so the audit can tell each one's
 * team: a rule over a big authority's case discussions keeps a million, their kinds, dates and
 * ids as numbers (an id that is a plain number, as most are: model/ids.ts), so that the rule's
 * run leaves no million strings behind it.
 */
export class KeepingTally extends SubjectTally {
  private kinds = new Uint8Array(0);
  private readonly ids = new IdColumn();
  /** The worker of a session or case discussion; null for other subjects. */
  private readonly workerIds: Array<string | null> = [];
  /** The date of a subject that is a dated record, where the check gives it (see Check.datedSubjects); NaN where not. */
  private dates = new Float64Array(0);

  override one(kind: SubjectKind, id: string, workerId?: string, date?: Day): void {
    const i = this.size;
    super.one(kind, id);
    if (i === this.kinds.length) {
      const size = Math.max(1024, 2 * i);
      this.kinds = grown(this.kinds, size);
      this.ids.resize(size);
      this.dates = grown(this.dates, size);
    }
    this.kinds[i] = SUBJECT_KINDS.indexOf(kind);
    this.ids.set(i, id);
    this.workerIds.push(workerId ?? null);
    this.dates[i] = date ?? NaN;
  }

  kindAt(i: number): SubjectKind {
    return SUBJECT_KINDS[this.kinds[i]!]!;
  }

  /** The subject's id, the same text as given (made afresh where it is a number). */
  idAt(i: number): string {
    return this.ids.get(i);
  }

  workerIdAt(i: number): string | null {
    return this.workerIds[i]!;
  }

  dateAt(i: number): Day | null {
    const date = this.dates[i]!;
    return date !== date ? null : date;
  }
}

const NO_DETAILS: CheckFinding['details'] = Object.freeze({}) as CheckFinding['details'];
const NO_SOURCE: SourceRef[] = Object.freeze([]) as unknown as SourceRef[];

/** A finding of a run that keeps figures alone: its status and subject, nothing a message or report needs. */
function countedFinding(status: string, subject: CheckFinding['subject']): CheckFinding {
  return { status, subject, workerId: null, supervisorId: null, team: null, dueDate: null, lastDate: null, daysOverdue: null, details: NO_DETAILS, source: NO_SOURCE };
}

/** The tally a check counts into: the audit's, or its own. */
export const tallyOf = (context: CheckContext): SubjectTally => context.subjects ?? new SubjectTally();

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
