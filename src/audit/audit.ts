/**
 * Runs a policy over a dataset: every rule through its check, each finding cited with the
 * rule's requirement and clause (held compactly, put into words as a reporter reads it:
 * finding-store.ts); a rule whose records are not in the input is reported as not run, never
 * as compliant.
 */
import { addMonths, firstOfMonth, formatDay, lastOfMonth, ymdFromDay, type Day } from '../time/calendar.js';
import type { AuditWindow } from '../time/window.js';
import { KeepingTally, type CheckFinding, type FindingSink, type Scope } from '../checks/check.js';
import { needsOf } from '../checks/registry.js';
import { forget } from '../checks/held.js';
import type { InputSummary, SkippedInput } from '../model/inputs.js';
import type { SubjectKind } from '../model/records.js';
import { carries, covers, type Dataset } from '../model/dataset.js';
import type { DataIssue } from '../model/issues.js';
import type { Policy, Rule } from '../policy/load.js';
import { compliancePercent, SCHEMA_VERSION, type Figures, type Finding, type MonthFigures, type Report, type AuditReport, type RuleSummary, type TeamFigures } from './report.js';
import { makeScope } from './scope.js';
import { inPostOn } from '../model/workers.js';
import { teamResolver, type TeamOf } from './teams.js';
import { inPhase } from '../time/phases.js';
import { FindingStore, wordedFinding, type FindingList } from './finding-store.js';

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
  'staff-records': 'staff records (the HR export)',
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

/** A worker's name as the workers export gives it, or null. */
export type NameOf = (workerId: string | null) => string | null;

const NO_NAMES: NameOf = () => null;

/** A check's finding as the report gives it: cited with its rule's requirement and clause, in words. */
export function formatFinding(rule: Rule, f: CheckFinding, nameOf: NameOf = NO_NAMES): Finding {
  return wordedFinding(rule, f, nameOf(f.workerId), nameOf(f.supervisorId));
}

export interface RuleRun {
  summary: RuleSummary;
  /** The rule's findings, as held in the store the options give (the audit's, for every rule) or in one of the rule's own. */
  findings: FindingList;
}

/** Distinct subjects, told apart by kind and id without building a key for each. */
class SubjectSet {
  private readonly byKind = new Map<SubjectKind, Set<string>>();
  size = 0;

  add(kind: SubjectKind, id: string): void {
    let ids = this.byKind.get(kind);
    if (!ids) this.byKind.set(kind, (ids = new Set()));
    if (ids.has(id)) return;
    ids.add(id);
    this.size += 1;
  }
}

/** Why a rule cannot run on this input, or null when it can. */
export function notRunReason(rule: Rule, dataset: Dataset): string | null {
  const missing = needsOf(rule.check, rule.params).filter((kind) => !dataset.provided.has(kind));
  if (missing.length > 0) return `no ${missing.map((k) => RECORD_WORDS[k] ?? k).join(' or ')} in input`;
  const absent = (rule.check.needsFields?.(rule.params) ?? []).filter(([kind, field]) => !carries(dataset, kind, field));
  if (absent.length > 0) {
    return `the ${absent.map(([kind, field]) => `${RECORD_WORDS[kind] ?? kind} have no ${FIELD_WORDS[field] ?? field}`).join(', and the ')} in the input`;
  }
  return noPlanOfItsTypes(rule.params, dataset);
}

/**
 * A case rule whose plan types no plan in the input has (a children's policy run on adults'
 * data) would run with no subject and read as nothing wrong: it is not run, and says why.
 */
function noPlanOfItsTypes(params: unknown, dataset: Dataset): string | null {
  const types = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'plans' && Array.isArray(inner)) for (const t of inner) types.add(String(t));
        else collect(inner);
      }
    }
  };
  collect(params);
  if (types.size === 0 || !dataset.provided.has('plans')) return null;
  const present = new Set<string>();
  for (const plan of dataset.plans) {
    if (types.has(plan.type)) return null;
    present.add(plan.type);
  }
  const has = present.size === 0 ? 'has no plans' : `has only ${[...present].sort().join(', ')}`;
  return `no plan in the input is of its types (${[...types].join(', ')}): the plans export ${has}`;
}

/** Visits the subject and worker of each of a rule's findings, in the order found. */
type EachFinding = (visit: (kind: SubjectKind, id: string, workerId: string | null) => void) => void;

/** A run's findings as its figures need them: how many, and how many subjects they are about. */
class FindingCount implements FindingSink {
  private readonly failing = new SubjectSet();
  private exceptions = 0;

  push(...findings: CheckFinding[]): void {
    for (const f of findings) this.add(f.subject.kind, f.subject.id);
  }

  add(kind: SubjectKind, id: string): void {
    this.failing.add(kind, id);
    this.exceptions += 1;
  }

  /** Subjects, compliant subjects and exceptions of the run that counted `subjects`. */
  figures(subjects: number): Figures {
    const compliant = subjects - this.failing.size;
    return { subjects, compliant, exceptions: this.exceptions, compliance: compliancePercent(compliant, subjects) };
  }
}

/** The rule's figures per team: each subject, failing or not, and each finding counted in its subject's team. */
function teamFigures(tally: KeepingTally, eachFinding: EachFinding, teamOf: TeamOf): TeamFigures[] {
  const byTeam = new Map<string, { subjects: number; failing: SubjectSet; exceptions: number }>();
  const of = (team: string) => {
    let figures = byTeam.get(team);
    if (!figures) byTeam.set(team, (figures = { subjects: 0, failing: new SubjectSet(), exceptions: 0 }));
    return figures;
  };
  // A failing subject's findings go to the team it was counted in.
  const failingTeams = new Map<SubjectKind, Map<string, string | null>>();
  eachFinding((kind, id) => {
    let teams = failingTeams.get(kind);
    if (!teams) failingTeams.set(kind, (teams = new Map()));
    teams.set(id, null);
  });
  // Subjects come in runs of one kind and, often, one team: each is looked up when it changes.
  let kind: SubjectKind | null = null;
  let failing: Map<string, string | null> | undefined;
  let team: string | null = null;
  let figures: ReturnType<typeof of> | null = null;
  for (let i = 0; i < tally.size; i++) {
    if (tally.kindAt(i) !== kind) {
      kind = tally.kindAt(i);
      failing = failingTeams.get(kind);
    }
    const id = tally.idAt(i);
    const subjectTeam = teamOf(kind, id, tally.workerIdAt(i), tally.dateAt(i));
    if (subjectTeam !== team) {
      team = subjectTeam;
      figures = of(team);
    }
    figures!.subjects += 1;
    if (failing?.has(id)) failing.set(id, team);
  }
  eachFinding((kind, id, workerId) => {
    const figures = of(failingTeams.get(kind)!.get(id) ?? teamOf(kind, id, workerId));
    figures.exceptions += 1;
    figures.failing.add(kind, id);
  });
  return [...byTeam]
    .map(([team, f]) => ({ team, subjects: f.subjects, compliant: f.subjects - f.failing.size, exceptions: f.exceptions, compliance: compliancePercent(f.subjects - f.failing.size, f.subjects) }))
    .sort((a, b) => compareText(a.team, b.team));
}

/** What a rule's month-by-month figures need: a window and scope for each calendar month of the audit window. */
export interface MonthAudit {
  month: string;
  window: AuditWindow;
  scope: Scope;
}

export interface RuleOptions {
  nameOf?: NameOf;
  teamOf?: TeamOf;
  months?: readonly MonthAudit[];
  /** Where the rule's findings are put; a store of its own when not given. */
  findings?: FindingStore;
}

export function runRule(rule: Rule, dataset: Dataset, window: AuditWindow, scope: Scope, options: RuleOptions = {}): RuleRun {
  const base = { requirement: rule.requirement, check: rule.check.id, clause: rule.clause, words: rule.words };
  const findings = options.findings ?? new FindingStore();
  const first = findings.length;
  const reason = notRunReason(rule, dataset);
  if (reason !== null) {
    return {
      summary: { ...base, status: 'not-run', reason, subjects: 0, compliant: 0, exceptions: 0, compliance: null, byTeam: [], byMonth: [] },
      findings: findings.since(first),
    };
  }
  const months = options.months ?? [];
  const { figures, byTeam, byMonth: counted } = inPhase('rules', () => wholeWindow(rule, dataset, window, scope, options, findings));
  // Where the window's run did not count them (Check.datedSubjects), each month is an audit of
  // its own: the check is run again with that month's window and audit date, once the whole
  // window's raw findings are done with, so that both are never held at once.
  const byMonth =
    counted ??
    inPhase('month figures', () =>
      months.map(({ month, window: monthWindow, scope: monthScope }) => {
        const count = new FindingCount();
        const run = rule.check.evaluate(dataset, rule.params, { window: monthWindow, scope: monthScope, findings: count, keep: 'figures' });
        return { month, ...count.figures(run.subjects) };
      }),
    );
  return { summary: { ...base, status: 'run', ...figures, byTeam, byMonth }, findings: findings.since(first) };
}

/**
 * The rule over the whole window: its figures, per team, and its findings, put into `store`;
 * and its month figures, where its subjects are dated records judged alone (Check.datedSubjects).
 */
function wholeWindow(
  rule: Rule,
  dataset: Dataset,
  window: AuditWindow,
  scope: Scope,
  options: RuleOptions,
  store: FindingStore,
): { figures: Figures; byTeam: TeamFigures[]; byMonth: MonthFigures[] | null } {
  const months = options.months ?? [];
  // Each month's figures are counted from the window's run only where every month audits the
  // same people: with --team, a worker who moved team is in some months' scope and not others'.
  const datedSubjects = months.length > 0 && rule.check.datedSubjects?.(rule.params) === true && months.every((m) => m.scope === scope);
  const tally = options.teamOf || datedSubjects ? new KeepingTally() : undefined;
  const first = store.length;
  const findings = store.sinkFor(rule, options.nameOf ?? NO_NAMES);
  const result = rule.check.evaluate(dataset, rule.params, { window, scope, subjects: tally, findings });
  const eachFinding: EachFinding = (visit) => store.forEachSubject(first, visit);
  const count = new FindingCount();
  eachFinding((kind, id) => count.add(kind, id));
  return {
    figures: count.figures(result.subjects),
    byTeam: options.teamOf ? teamFigures(tally!, eachFinding, options.teamOf) : [],
    byMonth: datedSubjects ? monthsOfDatedSubjects(months, tally!, eachFinding) : null,
  };
}

/** Each month's figures from the window's own run: each subject, and its findings, counted in the month of its date. */
function monthsOfDatedSubjects(months: readonly MonthAudit[], tally: KeepingTally, eachFinding: EachFinding): MonthFigures[] {
  const counts = months.map(({ month }) => ({ month, subjects: 0, failing: new SubjectSet(), exceptions: 0 }));
  // The months are consecutive: a table from each day of the window to its month.
  const first = months[0]!.window.from;
  const monthOfDay = new Uint16Array(months[months.length - 1]!.window.asOf - first + 1);
  months.forEach(({ window: w }, i) => monthOfDay.fill(i, w.from - first, w.asOf - first + 1));
  // Only the month of a subject with findings needs remembering.
  const failingMonth = new Map<SubjectKind, Map<string, number>>();
  eachFinding((kind, id) => {
    let ids = failingMonth.get(kind);
    if (!ids) failingMonth.set(kind, (ids = new Map()));
    ids.set(id, -1);
  });
  for (let i = 0; i < tally.size; i++) {
    const date = tally.dateAt(i);
    if (date === null) throw new Error(`a check with dated subjects counted ${tally.kindAt(i)} ${tally.idAt(i)} without its date`);
    const month = monthOfDay[date - first]!;
    counts[month]!.subjects += 1;
    const ids = failingMonth.get(tally.kindAt(i));
    if (ids !== undefined) {
      const id = tally.idAt(i);
      if (ids.has(id)) ids.set(id, month);
    }
  }
  eachFinding((kind, id) => {
    const month = counts[failingMonth.get(kind)!.get(id)!]!;
    month.exceptions += 1;
    month.failing.add(kind, id);
  });
  return counts.map(({ month, subjects, failing, exceptions }) => ({
    month,
    subjects,
    compliant: subjects - failing.size,
    exceptions,
    compliance: compliancePercent(subjects - failing.size, subjects),
  }));
}

/** Every calendar month that overlaps the window, cut to it: the window of each month's audit. */
function monthWindows(window: AuditWindow): Array<{ month: string; window: AuditWindow }> {
  const months: Array<{ month: string; window: AuditWindow }> = [];
  const start = ymdFromDay(window.from);
  for (let first = firstOfMonth(start.year, start.month); first <= window.asOf; first = addMonths(first, 1)) {
    const { year, month } = ymdFromDay(first);
    months.push({ month: formatDay(first).slice(0, 7), window: { from: Math.max(first, window.from), asOf: Math.min(lastOfMonth(year, month), window.asOf) } });
  }
  return months;
}

/** Ids in natural order (W2 before W10); one collator, as a fresh localeCompare per pair is slow. */
const collator = new Intl.Collator('en', { numeric: true });
export const compareText = (a: string | null, b: string | null): number => collator.compare(a ?? '', b ?? '');

/** A whole number written without leading zeros (most ids), and a date as reports write it. */
const PLAIN_NUMBER = /^(?:0|[1-9]\d{0,14})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const plainNumber = (value: string | null): boolean => value === null || PLAIN_NUMBER.test(value);
const isoDay = (value: string | null): boolean => value === null || ISO_DAY.test(value);

/**
 * Distinct values sorted in compareText's order (null read as '', so that the two tie), and
 * whether two of them may compare equal. Where every value is a plain whole number, or every one
 * a date, their own order is the collator's and no two distinct ones tie: they are compared
 * directly, as the collator is slow and a big audit sorts a few hundred thousand ids.
 */
export function sortDistinct(values: Array<string | null>): { sorted: Array<string | null>; ties: boolean } {
  if (values.every(plainNumber)) return { sorted: values.sort((a, b) => (a === null ? -1 : Number(a)) - (b === null ? -1 : Number(b))), ties: false };
  if (values.every(isoDay)) return { sorted: values.sort((a, b) => (a === b ? 0 : a === null || (b !== null && a < b) ? -1 : 1)), ties: false };
  return { sorted: values.sort(compareText), ties: true };
}

/**
 * The one order of findings every format uses: rule order, then subject, then date, then status.
 * Each key is read from the store without putting the finding into words, and ids and statuses
 * are turned into ranks first (the collator is slow, and a big audit sorts a few hundred thousand
 * findings), dates taken as day numbers, so that the sort itself compares numbers.
 */
function sortFindings(findings: FindingStore, ruleOrder: Map<string, number>): FindingList {
  const indexes = Array.from({ length: findings.length }, (_, i) => i);
  // Dates as day numbers are in the order of the dates the report writes, none first.
  const { rules: rule, subjectIds, dates: date, statuses } = findings.sortKeys(({ requirement, check }) => ruleOrder.get(`${requirement} ${check.id}`)!);
  const subject = ranks(subjectIds);
  const status = ranks(statuses);
  const order = indexes.sort((a, b) => rule[a]! - rule[b]! || subject[a]! - subject[b]! || date[a]! - date[b]! || status[a]! - status[b]!);
  return findings.inOrder(Int32Array.from(order));
}

/** Each key's rank in compareText's order; keys it holds equal share a rank. */
export function ranks(keys: ReadonlyArray<string | null>): Int32Array {
  const { sorted, ties } = sortDistinct([...new Set(keys)]);
  const rankOf = new Map<string | null, number>();
  let rank = 0;
  sorted.forEach((value, i) => {
    if (i > 0 && (!ties || compareText(sorted[i - 1]!, value) !== 0)) rank += 1;
    rankOf.set(value, rank);
  });
  return Int32Array.from(keys, (key) => rankOf.get(key)!);
}

export interface AuditInput {
  policy: Policy;
  dataset: Dataset;
  inputs: InputSummary[];
  /** What was given but not read, and why; none when left out. */
  skipped?: SkippedInput[];
  issues: DataIssue[];
  window: AuditWindow;
  /** --team and --worker, as given. */
  scopeWords: { team: string | null; worker: string | null };
  toolVersion: string;
  /** The day the audit runs, in Europe/London. */
  today: Day;
  /** Told as each rule starts (with its month figures), so that a long audit can show where it is. */
  onRule?: (index: number, count: number, requirement: string) => void;
}

export function runAudit(input: AuditInput): AuditReport {
  const { policy, dataset, window, scopeWords } = input;
  const scopeOf = (w: AuditWindow): Scope => makeScope(dataset, w, { team: scopeWords.team ?? undefined, worker: scopeWords.worker ?? undefined });
  const options: RuleOptions = {
    nameOf: (id) => (id === null ? null : (dataset.workerById.get(id)?.name ?? null)),
    teamOf: teamResolver(dataset, window.asOf),
    months: monthWindows(window).map(({ month, window: w }) => ({ month, window: w, scope: scopeOf(w) })),
  };
  const scope = scopeOf(window);
  const store = new FindingStore();
  const runs = policy.rules.map((rule, index) => {
    input.onRule?.(index, policy.rules.length, rule.requirement);
    return runRule(rule, dataset, window, scope, { ...options, findings: store });
  });
  // What the checks kept for the month audits is of no use once every rule has run.
  forget(dataset);
  const ruleOrder = new Map(policy.rules.map((r, i) => [`${r.requirement} ${r.check.id}`, i]));
  const findings = sortFindings(store, ruleOrder);
  const sum = (k: 'rowsRead' | 'rowsUsed' | 'rowsRejected'): number => input.inputs.reduce((s, i) => s + i[k], 0);
  const readings = new Map<string, string>();
  for (const r of policy.rules) if (r.reading) readings.set(r.requirement, r.reading);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'supervision-audit', version: input.toolVersion },
    madeOn: formatDay(input.today),
    policy: { id: policy.id, title: policy.title, version: policy.version, authority: policy.authority, source: policy.source },
    window: { from: formatDay(window.from), asOf: formatDay(window.asOf) },
    scope: scopeWords,
    inputs: input.inputs.map((i) => ({ ...i })),
    skipped: (input.skipped ?? []).map((s) => ({ ...s })),
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
    inScope: subjectsInScope(dataset, window.asOf, scope),
  };
}

/** Workers in post and cases open (allocated, or on a plan, and not closed) on the audit date, in scope, in id order. */
function subjectsInScope(dataset: Dataset, asOf: Day, scope: Scope): Report['inScope'] {
  const workers = dataset.workers.filter((w) => inPostOn(w, asOf) && scope.worker(w.id)).map((w) => w.id);
  const open = new Set<string>();
  for (const list of [dataset.allocations, dataset.plans]) {
    for (const item of list) if (covers(item, asOf)) open.add(item.caseId);
  }
  const cases = [...open].filter((id) => {
    const closed = dataset.caseById.get(id)?.closed ?? null;
    return (closed === null || closed >= asOf) && scope.case(id);
  });
  return { workers: sortDistinct(workers).sorted as string[], cases: sortDistinct(cases).sorted as string[] };
}
