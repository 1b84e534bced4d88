/**
 * Forms exported one row per answer (Liquid Logic), put back together into one record each.
 */
import { normaliseCode, Problem, type DateTime } from './convert.js';
import { KeptCells } from './kept-cells.js';
import { ownCopy } from '../model/text.js';
import type { CellSource, ConverterFactory, PlannedField } from './fields.js';
import type { FieldSpec, FormLayout } from './layout.js';
import type { DataIssue } from '../model/issues.js';

/**
 * How the forms of one layout are kept: each form has a run of cells, first the form columns the
 * layout reads (as on the form's first row), then the answers to its questions.
 */
interface FormPlan {
  layout: FormLayout;
  /** Where each form column the layout reads is in a row, in the order of the form's cells. */
  columnIndexes: number[];
  /** For each of the layout's questions (normalised), and each authority's name for one, its answer's place among the answers. */
  questionSlots: Map<string, number>;
  /** Cells per form: the columns, then the answers. */
  width: number;
  fields: PlannedField[];
  /** Where each field is among a form's cells: FORM_ID for the form's id, NO_CELL for a column the file lacks. */
  cellOf: Map<PlannedField, number>;
  /** The cell of the form's completion date (its recorded date), or NO_CELL. */
  completedCell: number;
}

const FORM_ID = -1;
const NO_CELL = -2;

interface FormInProgress {
  id: string;
  type: string;
  /** The first row of the form: the record's source line. */
  line: number;
  rows: number;
  /** The plan of the layout that reads forms of this type; none for other forms, whose rows are only counted. */
  plan: FormPlan | undefined;
  /** The number of its first cell in `FormPivot.cells`. */
  first: number;
  /** The questions it answers that its layout does not read, as written (usually none). */
  unknown: string[] | null;
}

/** A question of a form that no layout reads, and the layout's question that the forms answering it lack (its old name). */
export interface RenamedQuestion {
  file: string;
  /** The line of its first answer. */
  line: number;
  question: string;
  lacks: string;
  /** How many forms answer it. */
  forms: number;
  adapterFile: string;
}

/** A question the layout does not read: where it was first met, and in how many rows and forms. */
interface UnknownQuestion {
  question: string;
  layout: FormLayout;
  line: number;
  rows: number;
  forms: number;
  /** For each of the layout's questions, how many forms with this one lacked it: a renamed question is the one they lack. */
  lacking: number[];
  /** Its first answers (a few), to tell whether they read as the question it may rename. */
  answers: string[];
  /** When each form that answers it was completed, as written (read only should it be asked), of those with a completion date. */
  completed: string[];
}

/**
 * A layout's forms: how many lack each question; and each form's completion as written (read
 * only should a renamed question be asked about) and the questions it answers (a bit each), of
 * those with a completion date.
 */
interface LayoutForms {
  forms: number;
  lacking: number[];
  completed: string[];
  answered: number[];
}

/**
 * Whether the forms answering a layout's question `slot` were completed before those answering
 * another (`later`): some are, and no more than one in twenty of them on or after the day by
 * which one in twenty of the others had been. `when` reads a completion as an instant.
 */
function answeredBefore(all: LayoutForms, slot: number, later: readonly string[], when: (raw: string) => number | null): boolean {
  const sorted = later.map(when).filter((t): t is number => t !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return false;
  const cut = sorted[Math.floor(sorted.length / 20)]!;
  let dated = 0;
  let after = 0;
  for (let i = 0; i < all.completed.length; i++) {
    if ((all.answered[i]! & (1 << slot)) === 0) continue;
    const completed = when(all.completed[i]!);
    if (completed === null) continue;
    dated += 1;
    if (completed >= cut) after += 1;
  }
  return dated > 0 && after * 20 <= dated;
}

/** Answers of a question no layout reads kept to be tried as the question it may rename. */
const ANSWERS_TRIED = 20;

export type CompletedForm =
  | { notRelevant: string; rows: number }
  | {
      layout: FormLayout;
      line: number;
      rows: number;
      fields: PlannedField[];
      cells: CellSource<PlannedField>;
    };

/** The carrier columns that say which form and question a row answers, rather than hold the form's values. */
const ROW_COLUMNS = new Set(['question', 'answer', 'formId', 'formType']);

/**
 * Puts forms exported one row per answer back together: collects each form's answers by
 * question, then hands each form over as one record. An answer given twice with different
 * values, or a form column that differs between the form's rows, is a conflict the record
 * reports rather than a value it guesses.
 */
export class FormPivot {
  private readonly inProgress = new Map<string, FormInProgress>();
  /** The cells every form in progress keeps, until the file ends. */
  private cells: KeptCells;
  private readonly plans: FormPlan[];
  private readonly byType: Map<string, FormPlan>;
  private readonly carrier: Map<string, PlannedField & { index: number }>;
  /** Questions the layouts do not read, by layout and normalised question. */
  private readonly unknownQuestions = new Map<string, UnknownQuestion>();
  /** For each layout, how many forms it read, how many of them lacked each of its questions, and when each was completed. */
  private readonly lackingAll = new Map<FormLayout, LayoutForms>();
  /** Where the answer is in a row (-1 for no answer column). */
  private readonly answerIndex: number;
  /** Form types and questions as written, normalised: every row repeats a few of them. */
  private readonly normalisedCodes = new Map<string, string>();
  /** Form types as written, one copy each. */
  private readonly writtenTypes = new Map<string, string>();

  constructor(
    forms: readonly FormLayout[],
    converters: ConverterFactory,
    carrierFields: ReadonlyArray<PlannedField & { index: number }>,
    private readonly file: string,
  ) {
    this.cells = new KeptCells(file);
    this.carrier = new Map(carrierFields.map((f) => [f.name, f]));
    this.answerIndex = this.carrier.get('answer')?.index ?? -1;
    this.plans = forms.map((form) => this.planOf(form, converters));
    this.byType = new Map(this.plans.map((plan) => [normaliseCode(plan.layout.formType), plan]));
  }

  private planOf(layout: FormLayout, converters: ConverterFactory): FormPlan {
    const questionSlots = new Map(Object.values(layout.answers).map((spec, slot) => [normaliseCode(spec.column), slot]));
    for (const [own, reference] of Object.entries(layout.questions ?? {})) {
      const slot = questionSlots.get(normaliseCode(reference));
      if (slot !== undefined) questionSlots.set(normaliseCode(own), slot);
    }
    // The form columns kept: those the layout reads that the file has (the ones that say which answer a row is aside).
    const kept = [...new Set(Object.values(layout.columns).map((c) => c.from))].filter((from) => this.carrier.has(from) && !ROW_COLUMNS.has(from));
    const cellOf = new Map<PlannedField, number>();
    const fields: PlannedField[] = [];
    for (const [name, c] of Object.entries(layout.columns)) {
      const column = this.carrier.get(c.from)?.spec.column ?? c.from;
      const spec: FieldSpec = { column, type: c.type, required: c.required ?? false };
      const field = { name, spec, convert: converters.of(name, spec) };
      fields.push(field);
      const at = kept.indexOf(c.from);
      cellOf.set(field, c.from === 'formId' ? FORM_ID : at >= 0 ? at : NO_CELL);
    }
    for (const [name, spec] of Object.entries(layout.answers)) {
      const field = { name, spec, convert: converters.of(name, spec) };
      fields.push(field);
      // Where the rows answering its question are filed (add): an authority's name for a question may be another's.
      cellOf.set(field, kept.length + questionSlots.get(normaliseCode(spec.column))!);
    }
    const columnIndexes = kept.map((from) => this.carrier.get(from)!.index);
    const recorded = fields.find((f) => f.name === 'recordedAt');
    const completedCell = recorded === undefined ? NO_CELL : cellOf.get(recorded)!;
    return { layout, columnIndexes, questionSlots, width: kept.length + Object.keys(layout.answers).length, fields, cellOf, completedCell };
  }

  /** The fields of every form type, each with the column or question it is read from. */
  plannedFields(): PlannedField[] {
    return this.plans.flatMap((plan) => plan.fields);
  }

  /** A row's cell of a carrier column: looked at where the row is, copied only where it is kept. */
  private rawOf(values: string[], name: string): string {
    return values[this.carrier.get(name)!.index]!;
  }

  private columnOf(name: string): string {
    return this.carrier.get(name)!.spec.column;
  }

  /** A form type or question normalised (convert.ts). */
  private normalised(code: string): string {
    return remembered(this.normalisedCodes, code, normaliseCode);
  }

  /** A form type as written, one copy for all the forms that write it so. */
  private written(type: string): string {
    return remembered(this.writtenTypes, type, ownCopy);
  }

  /** Where an unknown question of a layout is counted (unknownQuestions). */
  private unknownKey(layout: FormLayout, question: string): string {
    return `${layout.formType}\u0000${this.normalised(question)}`;
  }

  /**
   * Takes one answer row; returns what is wrong with it when it cannot belong to any form. What a
   * form keeps is kept until the end of the file, so copied out of the chunk it was cut from
   * (model/text.ts, kept-cells.ts); what is only compared is not.
   */
  add(values: string[], line: number): { field: string; value: string; message: string } | null {
    const formId = this.rawOf(values, 'formId').trim();
    const type = this.rawOf(values, 'formType').trim();
    const question = this.rawOf(values, 'question').trim();
    if (formId === '') return { field: this.columnOf('formId'), value: '', message: 'a required value is empty: the row belongs to no form' };
    if (type === '') return { field: this.columnOf('formType'), value: '', message: 'a required value is empty: the form type is not known' };
    if (question === '') return { field: this.columnOf('question'), value: '', message: 'a required value is empty: the question is not known' };
    let form = this.inProgress.get(formId);
    if (!form) {
      const plan = this.byType.get(this.normalised(type));
      form = { id: ownCopy(formId), type: this.written(type), line, rows: 0, plan, first: plan ? this.cells.reserve(plan.width) : -1, unknown: null };
      this.inProgress.set(form.id, form);
    } else if (form.type !== type && this.normalised(form.type) !== this.normalised(type)) {
      return { field: this.columnOf('formType'), value: type, message: `form ${formId} is a ${form.type} form at line ${form.line}; this row says ${type}` };
    }
    form.rows += 1;
    // A form no layout reads is only counted; nothing of it is kept.
    const { plan } = form;
    if (plan === undefined) return null;
    const { cells } = this;
    const { columnIndexes } = plan;
    for (let column = 0; column < columnIndexes.length; column++) {
      const raw = values[columnIndexes[column]!]!;
      const cell = form.first + column;
      if (!cells.has(cell)) cells.keep(cell, raw, line);
      else if (!cells.holds(cell, raw)) {
        cells.distrust(cell, () => ownCopy(`the form's rows disagree: "${cells.text(cell)!.trim()}" at line ${cells.line(cell)}, "${raw.trim()}" at line ${line}`));
      }
    }
    // Answers to questions the layout does not read are not kept, but counted: a form version may have renamed one.
    const slot = plan.questionSlots.get(this.normalised(question));
    if (slot === undefined) {
      this.unknownAnswer(form, plan.layout, ownCopy(question), line, this.answerIndex < 0 ? '' : values[this.answerIndex]!);
      return null;
    }
    const answer = this.answerIndex < 0 ? '' : values[this.answerIndex]!;
    const cell = this.answerCell(form, slot);
    if (!cells.has(cell)) cells.keep(cell, answer, line);
    else if (!cells.holds(cell, answer)) cells.distrust(cell, () => ownCopy(`${question} is answered twice, differently, at lines ${cells.line(cell)} and ${line}`));
    return null;
  }

  /** The cell of a form's answer to its layout's question `slot`. */
  private answerCell(form: FormInProgress, slot: number): number {
    return form.first + form.plan!.columnIndexes.length + slot;
  }

  /** When a form was completed as written (its recorded date), where it has one. */
  private completedAt(form: FormInProgress): string | null {
    const at = form.plan!.completedCell;
    if (at < 0) return null;
    const raw = this.cells.text(form.first + at);
    return raw === undefined || raw.trim() === '' ? null : raw;
  }

  /** A completion date as written, read with the layout's converter as one number (day and seconds), or null where it does not read. */
  private completionReader(layout: FormLayout): (raw: string) => number | null {
    const field = this.plans.find((plan) => plan.layout === layout)!.fields.find((f) => f.name === 'recordedAt');
    return (raw) => {
      const value = field?.convert(raw);
      if (value === undefined || value === null || value instanceof Problem || typeof value !== 'object' || !('day' in value)) return null;
      const { day, seconds } = value as DateTime;
      return day * 86_400 + (seconds ?? 0);
    };
  }

  /** Whether a form answers its layout's question `slot`. */
  private answers(form: FormInProgress, slot: number): boolean {
    return this.cells.has(this.answerCell(form, slot));
  }

  private unknownAnswer(form: FormInProgress, layout: FormLayout, question: string, line: number, answer: string): void {
    const key = this.unknownKey(layout, question);
    let seen = this.unknownQuestions.get(key);
    if (seen === undefined) {
      seen = { question, layout, line, rows: 0, forms: 0, lacking: Object.keys(layout.answers).map(() => 0), answers: [], completed: [] };
      this.unknownQuestions.set(key, seen);
    }
    seen.rows += 1;
    if (seen.answers.length < ANSWERS_TRIED && answer.trim() !== '') seen.answers.push(ownCopy(answer));
    form.unknown ??= [];
    if (!form.unknown.includes(question)) {
      form.unknown.push(question);
      seen.forms += 1;
    }
  }

  /** The layout's questions the form lacks, counted for all forms and against each unknown question it answers. */
  private countLacking(form: FormInProgress, layout: FormLayout): void {
    let all = this.lackingAll.get(layout);
    if (all === undefined) this.lackingAll.set(layout, (all = { forms: 0, lacking: Object.keys(layout.answers).map(() => 0), completed: [], answered: [] }));
    all.forms += 1;
    let answered = 0;
    for (let slot = 0; slot < all.lacking.length; slot++) {
      if (!this.answers(form, slot)) all.lacking[slot]! += 1;
      else if (slot < 31) answered |= 1 << slot;
    }
    const completed = this.completedAt(form);
    if (completed !== null) {
      all.completed.push(completed);
      all.answered.push(answered);
    }
    for (const question of form.unknown ?? []) {
      const seen = this.unknownQuestions.get(this.unknownKey(layout, question))!;
      if (completed !== null) seen.completed.push(completed);
      for (let slot = 0; slot < seen.lacking.length; slot++) if (!this.answers(form, slot)) seen.lacking[slot]! += 1;
    }
  }

  /**
   * The layout's question an unknown one most likely renames: the one the forms answering it
   * lack far more often than the other forms do (an optional question, lacked by most forms
   * either way, is never it); where every form answers it, the one question every form lacks.
   */
  private renamedBy(seen: UnknownQuestion): number | undefined {
    const questions = Object.values(seen.layout.answers);
    const all = this.lackingAll.get(seen.layout)!;
    const others = all.forms - seen.forms;
    let best: number | undefined;
    let bestLift = 0.5;
    for (let slot = 0; slot < questions.length; slot++) {
      const rate = seen.lacking[slot]! / seen.forms;
      if (others === 0) {
        if (rate < 1) continue;
        if (best !== undefined) return undefined;
        best = slot;
        continue;
      }
      const lift = rate - (all.lacking[slot]! - seen.lacking[slot]!) / others;
      if (lift > bestLift) [best, bestLift] = [slot, lift];
    }
    return best;
  }

  /**
   * One issue per question the layouts do not read, for the file, after complete() (isUnreadQuestion tells them): its answers
   * were not used. The adapter.yaml line to add names the layout's question it renames, where
   * the forms tell which.
   */
  unknownQuestionIssues(file: string, adapterFile: string): DataIssue[] {
    const field = this.carrier.get('question')!.spec.column;
    return [...this.unknownQuestions.values()].map((seen) => {
      const questions = Object.values(seen.layout.answers).map((a) => a.column);
      const slot = this.renamedBy(seen);
      const renamed = slot === undefined ? undefined : Object.values(seen.layout.answers)[slot]!.column;
      const add =
        renamed === undefined
          ? `if it is one of its questions (${questions.join(', ')}) under a new name, add to ${adapterFile}: questions: { ${seen.question}: <that question> }`
          : `the forms that answer it have no ${renamed}: if it is ${renamed} under a new name, add to ${adapterFile}: questions: { ${seen.question}: ${renamed} }`;
      return {
        file,
        line: seen.line,
        field,
        value: seen.question,
        problem: `question ${seen.question} ${UNREAD_QUESTION} ${seen.layout.title} form's layout reads, so its answers are not used; ${add}`,
        effect: 'value ignored' as const,
        rows: seen.rows,
      };
    });
  }

  /**
   * The questions the layouts do not read that are surely renamed ones, after complete(), so that
   * the audit can stop on them (trust.ts): a new form version, not an extra question some forms
   * have (actions agreed on completed forms, who cancelled on cancelled ones). The question it
   * renames (renamedBy) is answered by no form that answers it, and (but for a few forms begun in
   * the old version) only by forms completed before those that do: forms with no completion date
   * tell nothing. And its answers read as that question's do.
   * A required answer rejects its forms instead, and an answer no check uses is nothing to judge.
   */
  renamedQuestions(file: string, adapterFile: string): RenamedQuestion[] {
    const renamed: RenamedQuestion[] = [];
    for (const seen of this.unknownQuestions.values()) {
      const slot = this.renamedBy(seen);
      if (slot === undefined) continue;
      const lacks = Object.values(seen.layout.answers)[slot]!;
      if (lacks.required || (lacks.type.kind === 'free-text' && lacks.type.unused)) continue;
      const all = this.lackingAll.get(seen.layout)!;
      if (seen.lacking[slot] !== seen.forms || slot >= 31 || !this.readAs(seen, lacks) || !answeredBefore(all, slot, seen.completed, this.completionReader(seen.layout))) continue;
      renamed.push({ file, line: seen.line, question: seen.question, lacks: lacks.column, forms: seen.forms, adapterFile });
    }
    return renamed;
  }

  /** Whether an unknown question's answers read as `spec`'s (nearly all of them): free text and lists read anything, so say nothing. */
  private readAs(seen: UnknownQuestion, spec: FieldSpec): boolean {
    const kind = spec.type.kind;
    if (kind === 'free-text' || kind === 'list' || kind === 'text') return true;
    const field = this.plans.find((plan) => plan.layout === seen.layout)!.fields.find((f) => f.spec === spec);
    if (field === undefined || seen.answers.length === 0) return false;
    const read = seen.answers.filter((answer) => !(field.convert(answer) instanceof Problem)).length;
    return read * 10 >= seen.answers.length * 9;
  }

  /** Every form read, in the order their first rows came. */
  *complete(): Generator<CompletedForm> {
    const { cells } = this;
    for (const form of this.inProgress.values()) {
      const { plan } = form;
      if (!plan) {
        yield { notRelevant: `not a supervision form (${form.type})`, rows: form.rows };
        continue;
      }
      const { layout } = plan;
      this.countLacking(form, layout);
      /** The number of the field's cell; FORM_ID or NO_CELL where it has none. */
      const cellOf = (f: PlannedField): number => {
        const at = plan.cellOf.get(f)!;
        return at < 0 ? at : form.first + at;
      };
      yield {
        layout,
        line: form.line,
        rows: form.rows,
        fields: plan.fields,
        cells: {
          raw: (f) => {
            const cell = cellOf(f);
            return cell === FORM_ID ? form.id : cell === NO_CELL ? undefined : cells.text(cell);
          },
          line: (f) => {
            const cell = cellOf(f);
            return cell >= 0 && cells.has(cell) ? cells.line(cell) : form.line;
          },
          conflict: (f) => {
            const cell = cellOf(f);
            return cell >= 0 ? cells.conflict(cell) : undefined;
          },
          absent: (f) =>
            layout.columns[f.name] ? `the ${layout.title} form ${form.id} has no ${f.spec.column}` : `the ${layout.title} form ${form.id} has no ${f.spec.column} answer (${this.answered(form, layout)})`,
        },
      };
    }
    this.inProgress.clear();
    this.cells = new KeptCells(this.file);
  }

  /** The question ids a form did answer, for a message about one it lacks: those its layout does not read first, as the likeliest new names. */
  private answered(form: FormInProgress, layout: FormLayout): string {
    const read = Object.values(layout.answers)
      .filter((_, slot) => this.answers(form, slot))
      .map((a) => a.column);
    const unknown = form.unknown ?? [];
    if (unknown.length === 0) return read.length === 0 ? 'it answers no question' : `its questions: ${read.join(', ')}`;
    return `its questions: ${unknown.join(', ')}, which the layout does not read, and ${read.length === 0 ? 'none it does' : read.join(', ')}`;
  }
}

/** What `make` gives for a text as written, each text once: rows repeat a few of them, and at most a few thousand are kept. */
function remembered(texts: Map<string, string>, text: string, make: (text: string) => string): string {
  let found = texts.get(text);
  if (found === undefined) {
    found = make(text);
    if (texts.size < 5_000) texts.set(ownCopy(text), found);
  }
  return found;
}

const UNREAD_QUESTION = 'is not one the';

/** Whether an issue is one of unknownQuestionIssues': a question no layout reads, with the adapter.yaml line that would read it. */
export function isUnreadQuestion(issue: DataIssue): boolean {
  return issue.effect === 'value ignored' && issue.problem.startsWith(`question ${issue.value} ${UNREAD_QUESTION} `);
}
