/**
 * A report's findings held compactly until they are written. A finding put into words (its
 * message, its dates as text, its rows as objects) costs about 500 bytes, and a big authority's
 * audit keeps a quarter of a million of them; here each is what its check found (status, ids,
 * dates as day numbers, the values its message uses) in columns, and is put into words only as
 * a reporter reads it, the same words every time.
 */
import { formatDay, type Day } from '../time/calendar.js';
import type { CheckFinding, FindingSink } from '../checks/check.js';
import type { Rule } from '../policy/load.js';
import type { SubjectKind } from '../model/records.js';
import type { Finding } from './report.js';

/** A report's findings as every reporter reads them: an array (a report read from a file) or a store. */
export interface FindingList extends Iterable<Finding> {
  readonly length: number;
  /** The finding at an index from 0, none outside the list (an array counts back from its end for a negative one: never asked). */
  at(index: number): Finding | undefined;
}

/** A list that tells some parts of a finding, as its words give them, without putting it into words. */
interface PartsAt {
  teamAt(index: number): string | null;
  workerIdAt(index: number): string | null;
  dueDateAt(index: number): string | null;
}

const tellsParts = (list: FindingList): list is FindingList & PartsAt => typeof (list as Partial<PartsAt>).teamAt === 'function';

/** The team of the `index`th finding of a list, as the finding gives it (null: none known). */
export function teamAt(list: FindingList, index: number): string | null {
  return tellsParts(list) ? list.teamAt(index) : list.at(index)!.team;
}

/** The worker of the `index`th finding of a list, as the finding gives it. */
export function workerIdAt(list: FindingList, index: number): string | null {
  return tellsParts(list) ? list.workerIdAt(index) : list.at(index)!.workerId;
}

/** The due date of the `index`th finding of a list, as the finding gives it (YYYY-MM-DD, or null). */
export function dueDateAt(list: FindingList, index: number): string | null {
  return tellsParts(list) ? list.dueDateAt(index) : list.at(index)!.dueDate;
}

/** Some findings of a list, by their indexes there, in that order: none copied, each put into words as read. */
export function someFindings(list: FindingList, indexes: ArrayLike<number>): FindingList {
  return new SomeFindings(list, indexes);
}

/** A finding's message, from the rule's words for its status; its dates already as text. */
function findingWords(rule: Rule, f: Pick<CheckFinding, 'status' | 'daysOverdue' | 'details'>, dueDate: string | null, lastDate: string | null): string {
  const words = rule.check.messages[f.status];
  return words ? words({ status: f.status, dueDate, lastDate, daysOverdue: f.daysOverdue, details: f.details }) : f.status;
}

/** A finding as the report gives it: cited with its rule's requirement and clause, in words. */
export function wordedFinding(rule: Rule, f: CheckFinding, workerName: string | null, supervisorName: string | null): Finding {
  const dueDate = f.dueDate === null ? null : formatDay(f.dueDate);
  const lastDate = f.lastDate === null ? null : formatDay(f.lastDate);
  return {
    requirement: rule.requirement,
    check: rule.check.id,
    status: f.status,
    subject: f.subject,
    workerId: f.workerId,
    supervisorId: f.supervisorId,
    team: f.team,
    workerName,
    supervisorName,
    ...(f.part !== undefined ? { part: f.part } : {}),
    dueDate,
    lastDate,
    daysOverdue: f.daysOverdue,
    message: findingWords(rule, f, dueDate, lastDate),
    clause: rule.clause,
    source: f.source.map(({ file, line }) => ({ file, line })),
  };
}

/** The fewest and the most findings a block has room for: a rule's first block is small, each next one twice the last, up to the most. */
export const FIRST_BLOCK = 64;
export const BLOCK_FINDINGS = 4096;

/** No date: below every day a calendar gives. */
const NO_DAY = -0x80000000;

/**
 * The findings of an audit's rules, in the order added, each put into words as it is read
 * (`at`, or in order). `inOrder` gives them in another order without copying them. A rule's
 * findings are taken into columns one by one as its check finds them (`sinkFor`), so that none
 * is held whole for longer than it takes to find the next. The columns are blocks of a fixed
 * room, each next block of a rule twice the last up to BLOCK_FINDINGS: columns grown and copied
 * would leave their outgrown copies to the collector, a big audit's worth at a time.
 */
export class FindingStore implements FindingList, PartsAt {
  private readonly blocks: RuleFindings[] = [];
  /** The index of each block's first finding, and then the count. */
  private readonly starts: number[] = [0];
  /** Texts of the findings' details, each held once: dates, intervals and words repeat across thousands. */
  private readonly texts = new Map<string, string>();
  /** The names of the details of each shape met (a check's are the same few), by those names joined. */
  private readonly shapes = new Map<string, readonly string[]>();

  get length(): number {
    return this.starts[this.starts.length - 1]!;
  }

  /** Adds a rule's findings; `nameOf` gives a worker's name as the workers export gives it. */
  add(rule: Rule, findings: readonly CheckFinding[], nameOf: (workerId: string | null) => string | null): void {
    const sink = this.sinkFor(rule, nameOf);
    // One at a time: there may be more than a call's arguments can hold.
    for (const finding of findings) sink.push(finding);
  }

  /** Where a rule's findings go as its check finds them: each into the store's columns at once. */
  sinkFor(rule: Rule, nameOf: (workerId: string | null) => string | null): FindingSink {
    let block: RuleFindings | null = null;
    return {
      push: (...findings) => {
        for (const finding of findings) {
          // A new block when the rule's is full, or when another rule's findings came in between.
          if (block === null || block.length === block.room || this.blocks[this.blocks.length - 1] !== block) {
            const room = block === null ? FIRST_BLOCK : Math.min(2 * block.room, BLOCK_FINDINGS);
            block = new RuleFindings(rule, room, this.texts, this.shapes);
            this.blocks.push(block);
            this.starts.push(this.length);
          }
          // Names are looked up as each finding comes in: the store keeps no hold on the dataset they come from.
          block.push(finding, nameOf(finding.workerId), nameOf(finding.supervisorId));
          this.starts[this.starts.length - 1]! += 1;
        }
      },
    };
  }

  /** The subject and worker of each finding from the `start`th on, in the order added, read without putting any into words. */
  forEachSubject(start: number, visit: (kind: SubjectKind, id: string, workerId: string | null) => void): void {
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b]!;
      for (let i = Math.max(0, start - this.starts[b]!); i < block.length; i++) visit(block.subjectKinds[i]!, block.subjectIds[i]!, block.workerIds[i]!);
    }
  }

  /**
   * What every finding is sorted by, in the order added, read block by block (no search for each):
   * its rule's place (`ruleIndex`), subject id, date key (RuleFindings.dateKey) and status.
   */
  sortKeys(ruleIndex: (rule: Rule) => number): { rules: Int32Array; subjectIds: string[]; dates: Int32Array; statuses: string[] } {
    const rules = new Int32Array(this.length);
    const dates = new Int32Array(this.length);
    const subjectIds = new Array<string>(this.length);
    const statuses = new Array<string>(this.length);
    let at = 0;
    for (const block of this.blocks) {
      const rule = ruleIndex(block.rule);
      for (let i = 0; i < block.length; i++, at++) {
        rules[at] = rule;
        dates[at] = block.dateKey(i);
        subjectIds[at] = block.subjectIds[i]!;
        statuses[at] = block.statuses[i]!;
      }
    }
    return { rules, subjectIds, dates, statuses };
  }

  /** The finding added `index`th, in words. */
  at(index: number): Finding | undefined {
    const [block, i] = this.find(index);
    return block?.at(i);
  }

  *[Symbol.iterator](): Iterator<Finding> {
    for (const block of this.blocks) for (let i = 0; i < block.length; i++) yield block.at(i);
  }

  /** What a finding is sorted and grouped by, read without putting it into words. */
  teamAt = (index: number): string | null => this.part(index, (block, i) => block.teams[i]!);
  workerIdAt = (index: number): string | null => this.part(index, (block, i) => block.workerIds[i]!);
  dueDateAt = (index: number): string | null => this.part(index, (block, i) => (block.dueDates[i] === NO_DAY ? null : formatDay(block.dueDates[i]!)));
  ruleAt = (index: number): Rule => this.part(index, (block) => block.rule);

  /** The findings in the order given (each index once), put into words as read. */
  inOrder(order: Int32Array): FindingList {
    if (order.length !== this.length) throw new Error(`an order of ${order.length} findings given for ${this.length}`);
    const seen = new Uint8Array(order.length);
    for (const i of order) {
      if (!(i >= 0 && i < order.length) || seen[i] === 1) throw new Error(`an order of ${order.length} findings that gives finding ${i} ${seen[i] === 1 ? 'twice' : 'though there is none'}`);
      seen[i] = 1;
    }
    return new SomeFindings(this, order);
  }

  /** The findings added from the `start`th on (a rule's, added last). */
  since(start: number): FindingList {
    return new SomeFindings(this, Int32Array.from({ length: Math.max(0, this.length - start) }, (_, i) => start + i));
  }

  /** As JSON.stringify writes an array: every finding, in words. */
  toJSON(): Finding[] {
    return Array.from(this);
  }

  /** The block holding the `index`th finding, and its place there; none when out of range. */
  private find(index: number): [RuleFindings | undefined, number] {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return [undefined, 0];
    // The last block whose start is at or before the index.
    let low = 0;
    let high = this.blocks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= index) low = middle;
      else high = middle - 1;
    }
    return [this.blocks[low]!, index - this.starts[low]!];
  }

  private part<T>(index: number, read: (block: RuleFindings, i: number) => T): T {
    const [block, i] = this.find(index);
    if (block === undefined) throw new Error(`no finding ${index} of ${this.length}`);
    return read(block, i);
  }
}

/** A block of one rule's findings, as columns, each made at the block's room once and filled a finding at a time. */
class RuleFindings {
  length = 0;
  readonly statuses: string[];
  readonly subjectIds: string[];
  readonly dueDates: Int32Array;
  readonly lastDates: Int32Array;
  readonly teams: Array<string | null>;
  readonly subjectKinds: SubjectKind[];
  readonly workerIds: Array<string | null>;
  private readonly supervisorIds: Array<string | null>;
  private readonly workerNames: Array<string | null>;
  private readonly supervisorNames: Array<string | null>;
  private readonly parts: Array<string | undefined>;
  /** NaN where there is none. */
  private readonly daysOverdue: Float64Array;
  /** A finding's details: the names of a shape, and as many values from its predecessor's end to its own. */
  private readonly shapes: Array<readonly string[]>;
  private readonly detailEnds: Int32Array;
  private readonly detailValues: Array<string | number | null> = [];
  /** A finding's rows: files and lines from its predecessor's end to its own. */
  private readonly sourceEnds: Int32Array;
  private readonly sourceFiles: string[] = [];
  private readonly sourceLines: number[] = [];
  /** The shape of the last finding's details: the next one's most often. */
  private lastShape: readonly string[] = [];

  constructor(
    readonly rule: Rule,
    /** How many findings the block has room for. */
    readonly room: number,
    private readonly texts: Map<string, string>,
    private readonly shapesMet: Map<string, readonly string[]>,
  ) {
    this.statuses = new Array<string>(room);
    this.subjectKinds = new Array<SubjectKind>(room);
    this.subjectIds = new Array<string>(room);
    this.workerIds = new Array<string | null>(room);
    this.supervisorIds = new Array<string | null>(room);
    this.teams = new Array<string | null>(room);
    this.workerNames = new Array<string | null>(room);
    this.supervisorNames = new Array<string | null>(room);
    this.parts = new Array<string | undefined>(room);
    this.dueDates = new Int32Array(room);
    this.lastDates = new Int32Array(room);
    this.daysOverdue = new Float64Array(room);
    this.shapes = new Array<readonly string[]>(room);
    this.detailEnds = new Int32Array(room);
    this.sourceEnds = new Int32Array(room);
  }

  push(f: CheckFinding, workerName: string | null, supervisorName: string | null): void {
    const i = this.length;
    if (i === this.room) throw new Error(`a block of ${this.room} findings given one more`);
    // Checked before anything is written, so that a refused finding leaves the block as it was.
    const dueDate = dayOrNone(f.dueDate);
    const lastDate = dayOrNone(f.lastDate);
    for (const { file, line } of f.source) {
      // A line is whole and inside 32 bits in any file a reader takes; anything else is a mistake, not a line to cut short.
      if (!Number.isInteger(line) || line < 1 || line > 0x7fffffff) throw new Error(`a finding's source line ${line} in ${file} is not a line number`);
    }
    this.statuses[i] = f.status;
    this.subjectKinds[i] = f.subject.kind;
    this.subjectIds[i] = f.subject.id;
    this.workerIds[i] = f.workerId;
    this.supervisorIds[i] = f.supervisorId;
    this.teams[i] = f.team;
    this.workerNames[i] = workerName;
    this.supervisorNames[i] = supervisorName;
    this.parts[i] = f.part;
    this.dueDates[i] = dueDate;
    this.lastDates[i] = lastDate;
    this.daysOverdue[i] = f.daysOverdue ?? NaN;
    const shape = (this.lastShape = shapeOf(f.details, this.lastShape, this.shapesMet));
    this.shapes[i] = shape;
    for (const name of shape) {
      const value = f.details[name]!;
      this.detailValues.push(typeof value === 'string' ? heldOnce(this.texts, value) : value);
    }
    this.detailEnds[i] = this.detailValues.length;
    // A row's file is named by its dataset's one string for the file: kept as it is, with no look-up.
    for (const { file, line } of f.source) {
      this.sourceFiles.push(file);
      this.sourceLines.push(line);
    }
    this.sourceEnds[i] = this.sourceFiles.length;
    this.length = i + 1;
  }

  /** Its due date, or else its last date, as a number that sorts as the report's dates do (none first). */
  dateKey(i: number): number {
    return this.dueDates[i] !== NO_DAY ? this.dueDates[i]! : this.lastDates[i]!;
  }

  at(i: number): Finding {
    const source: CheckFinding['source'] = [];
    for (let s = i === 0 ? 0 : this.sourceEnds[i - 1]!; s < this.sourceEnds[i]!; s++) source.push({ file: this.sourceFiles[s]!, line: this.sourceLines[s]! });
    const details: CheckFinding['details'] = {};
    let v = i === 0 ? 0 : this.detailEnds[i - 1]!;
    for (const name of this.shapes[i]!) details[name] = this.detailValues[v++]!;
    const days = this.daysOverdue[i]!;
    const part = this.parts[i];
    const found: CheckFinding = {
      status: this.statuses[i]!,
      subject: { kind: this.subjectKinds[i]!, id: this.subjectIds[i]! },
      workerId: this.workerIds[i]!,
      supervisorId: this.supervisorIds[i]!,
      team: this.teams[i]!,
      dueDate: dayOrNull(this.dueDates[i]!),
      lastDate: dayOrNull(this.lastDates[i]!),
      daysOverdue: days !== days ? null : days,
      ...(part !== undefined ? { part } : {}),
      details,
      source,
    };
    return wordedFinding(this.rule, found, this.workerNames[i]!, this.supervisorNames[i]!);
  }
}

/**
 * The names of a finding's details, in their order: most often those of the finding before
 * (`last`), else one of those met (`shapes`, by the names joined), so that thousands share one list.
 */
function shapeOf(details: CheckFinding['details'], last: readonly string[], shapes: Map<string, readonly string[]>): readonly string[] {
  let k = 0;
  for (const name in details) if (last[k++] !== name) return shapeMet(Object.keys(details), shapes);
  return k === last.length ? last : shapeMet(Object.keys(details), shapes);
}

function shapeMet(names: string[], shapes: Map<string, readonly string[]>): readonly string[] {
  const key = names.join('\u0000');
  const shape = shapes.get(key);
  if (shape !== undefined) return shape;
  shapes.set(key, names);
  return names;
}

/**
 * The text as first met: one string for every finding that uses it. A text met once (a list of
 * reasons) costs a map entry; those that repeat (dates, intervals, a case's words) save far more.
 */
function heldOnce(texts: Map<string, string>, text: string): string {
  const held = texts.get(text);
  if (held !== undefined) return held;
  texts.set(text, text);
  return text;
}

/** Some findings of a list, by their indexes there. */
class SomeFindings implements FindingList, PartsAt {
  constructor(
    private readonly list: FindingList,
    private readonly indexes: ArrayLike<number>,
  ) {}

  get length(): number {
    return this.indexes.length;
  }

  at(index: number): Finding | undefined {
    return Number.isInteger(index) && index >= 0 && index < this.indexes.length ? this.list.at(this.indexes[index]!) : undefined;
  }

  teamAt(index: number): string | null {
    return teamAt(this.list, this.indexes[index]!);
  }

  workerIdAt(index: number): string | null {
    return workerIdAt(this.list, this.indexes[index]!);
  }

  dueDateAt(index: number): string | null {
    return dueDateAt(this.list, this.indexes[index]!);
  }

  *[Symbol.iterator](): Iterator<Finding> {
    for (let i = 0; i < this.indexes.length; i++) yield this.list.at(this.indexes[i]!)!;
  }

  toJSON(): Finding[] {
    return Array.from(this);
  }
}

function dayOrNone(day: Day | null): number {
  if (day === null) return NO_DAY;
  // A day number is whole and far inside 32 bits; anything else is a check's mistake, not a date to cut short.
  if (!Number.isInteger(day) || day <= NO_DAY || day > 0x7fffffff) throw new Error(`a finding's date ${day} is not a day number`);
  return day;
}

const dayOrNull = (value: number): Day | null => (value === NO_DAY ? null : value);
